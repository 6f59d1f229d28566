package dev.sessiongan.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Jackson's errors in a JSON writer's words: which field holds a value of the wrong kind, where Jackson names
 * the Java type it could not build ({@code Cannot construct instance of java.util.ArrayList ...}), and what
 * is malformed, without the parser features and limits its messages name.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * E.g. {@code malformed JSON at column 24: the text ends inside an object}; the caller names file and line.
     */
    static String malformed(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String what;
        if (e instanceof JsonEOFException) {
            what = message.contains("close marker for Object") ? "the text ends inside an object"
                    : message.contains("close marker for Array") ? "the text ends inside a list"
                    : message.contains("closing quote") ? "the text ends inside a string" : "the text ends too early";
        } else if (message.startsWith("Trailing token")) {
            what = "more than one JSON value";
        } else {
            what = message
                    .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                    .replaceAll("\\[Source: [^\\]]*?; (line: \\d+, column: \\d+)\\]", "$1")
                    .replaceAll(": enable `[^`]*` to allow", " (not JSON)")
                    .replaceAll(", from `[^`]*`", "");
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getColumnNr() < 1 ? "" : " at column " + at.getColumnNr();
        return "malformed JSON" + where + ": " + what;
    }

    /** The field's path, e.g. {@code catalog.file} or {@code nullValues[1]}; empty for the whole file. */
    static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * E.g. {@code expected a list of strings, got a string ("NA")}.
     *
     * @param document the file's JSON tree, where the bad value is looked up by the exception's path
     */
    static String reason(MismatchedInputException e, JsonNode document) {
        return "expected " + expected(e.getTargetType(), e.getPath().isEmpty()) + ", got " + got(e, document);
    }

    private static String expected(Class<?> type, boolean wholeFile) {
        if (wholeFile) {
            return "a JSON object of the spec's fields";
        }
        if (type == null) {
            return "another kind of value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list of strings";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of \"source value\": \"event type\" pairs";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || Path.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == CatalogSpec.class) {
            return "an object of the catalog's fields";
        }
        return "a " + type.getSimpleName();
    }

    private static String got(JsonMappingException e, JsonNode document) {
        JsonNode node = document;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (node == null) {
                break;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        if (node == null) {
            return "another kind of value";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string (\"" + shortened(node.asText()) + "\")";
            case NUMBER -> "a number (" + shortened(node.asText()) + ")";
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            default -> "another kind of value";
        };
    }

    private static String shortened(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
