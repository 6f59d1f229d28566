package dev.sessiongan.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;

/**
 * Reads the JSON parts of a model file (a manifest, an encoding, options, a history) with errors that name the
 * part and the field, in {@link JsonWording}'s words: {@code options.json: field 'noise': expected a whole
 * number, got a string ("x")}.
 */
public final class JsonParts {

    private JsonParts() {
    }

    /**
     * Binds the part's bytes to {@code type}, straight from the bytes: parts run to megabytes, so the tree that
     * describes a bad value is built only when there is one.
     *
     * @param part the part's name, which starts every message
     * @throws IOException naming the part and, where it is known, the field
     */
    public static <T> T read(ObjectMapper json, byte[] bytes, Class<T> type, String part) throws IOException {
        T value;
        try {
            value = json.readValue(bytes, type);
        } catch (JsonMappingException e) {
            JsonNode document;
            try {
                document = json.readTree(bytes);
            } catch (JsonProcessingException malformed) {
                // not JSON at all (a part cut short inside a list): the parser's words, not the binder's
                throw new IOException(part + ": " + JsonWording.malformed(malformed), e);
            }
            throw new IOException(part + ": " + reason(e, document), e);
        } catch (JsonProcessingException e) {
            throw new IOException(part + ": " + JsonWording.malformed(e), e);
        }
        if (value == null) {
            throw new IOException(part + ": empty or null (expected a JSON object)");
        }
        return value;
    }

    /** A part's JSON object, for callers that fill in what older files lack before {@link #bind}ing it. */
    public static JsonNode tree(ObjectMapper json, byte[] bytes, String part) throws IOException {
        JsonNode tree;
        try {
            tree = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IOException(part + ": " + JsonWording.malformed(e), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new IOException(part + ": empty (expected a JSON object)");
        }
        if (!tree.isObject()) {
            throw new IOException(part + ": expected a JSON object, got " + JsonWording.kindOf(tree));
        }
        return tree;
    }

    /** Binds a part's tree; see {@link #read}. */
    public static <T> T bind(ObjectMapper json, JsonNode tree, Class<T> type, String part) throws IOException {
        try {
            return json.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new IOException(part + ": " + reason(e, tree), e);
        } catch (JsonProcessingException e) {
            throw new IOException(part + ": " + JsonWording.malformed(e), e);
        }
    }

    /** What is wrong, and where, with {@code document} to show the bad value. */
    private static String reason(JsonMappingException e, JsonNode document) {
        String field = JsonWording.path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            int dot = field.lastIndexOf('.');
            return (dot < 0 ? "" : "in '" + field.substring(0, dot) + "': ") + "unknown field '"
                    + unknown.getPropertyName() + "'";
        }
        if (e instanceof ValueInstantiationException) {
            // a record's own check refused a value: its words
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (cause instanceof NullPointerException) {
                // requireNonNull(x, "name") names the component; other null dereferences say nothing a user can use
                return message.matches("\\w+") ? "field '" + join(field, message) + "' is missing or null"
                        : (field.isEmpty() ? "" : "in '" + field + "': ") + "a required field is missing or null";
            }
            return (field.isEmpty() ? "" : "field '" + field + "': ") + message;
        }
        if (e.getCause() instanceof InputCoercionException coercion) {
            return "field '" + field + "': a number out of range (expected "
                    + JsonWording.expected(coercion.getTargetType()) + ")";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String expected = JsonWording.expected(mismatch.getTargetType());
            if (document != null && field.isEmpty() && !document.isObject()) {
                return "expected a JSON object, got " + JsonWording.kindOf(document);
            }
            String got = document == null ? "another kind of value" : JsonWording.got(e, document);
            return got.startsWith("nothing") || got.equals("null")
                    ? (field.isEmpty() ? "" : "field '" + field + "' ") + "is missing or null (expected " + expected + ")"
                    : (field.isEmpty() ? "" : "field '" + field + "': ") + "expected " + expected + ", got " + got;
        }
        return (field.isEmpty() ? "" : "field '" + field + "': ") + e.getOriginalMessage();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
