package dev.sessiongan.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.sessiongan.internal.JsonWording;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/** A spec value of the wrong kind, in the spec's terms: a list of strings, a map of event types. */
final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * E.g. {@code expected a list of strings, got a string ("NA")}.
     *
     * @param document the file's JSON tree, where the bad value is looked up by the exception's path
     */
    static String reason(MismatchedInputException e, JsonNode document) {
        return "expected " + expected(e.getTargetType(), e.getPath().isEmpty()) + ", got "
                + JsonWording.got(e, document);
    }

    private static String expected(Class<?> type, boolean wholeFile) {
        if (wholeFile) {
            return "a JSON object of the spec's fields";
        }
        if (type != null && Collection.class.isAssignableFrom(type)) {
            return "a list of strings";
        }
        if (type != null && Map.class.isAssignableFrom(type)) {
            return "an object of \"source value\": \"event type\" pairs";
        }
        if (type != null && Path.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == CatalogSpec.class) {
            return "an object of the catalog's fields";
        }
        return JsonWording.expected(type);
    }
}
