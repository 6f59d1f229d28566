package dev.sessiongan.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's errors in a JSON writer's words: what is malformed, without the parser features and limits its
 * messages name; and which field holds a value of the wrong kind, where Jackson names the Java type it could
 * not build ({@code Cannot construct instance of java.util.ArrayList ...}).
 */
public final class JsonWording {

    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.+?)' \\(code (\\d+)\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'");
    private static final Pattern CONTROL = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:Object property|field) ['\"](.*?)['\"]");
    private static final Pattern LIMIT = Pattern.compile("maximum allowed \\((\\d+)");

    private JsonWording() {
    }

    /**
     * E.g. {@code malformed JSON at column 24: the text ends inside an object}; the caller names file and line.
     */
    public static String malformed(JsonProcessingException e) {
        return malformed(e, true);
    }

    /**
     * The same for a text parsed apart from the start of its file (a JSON Lines line).
     *
     * @param startOfFile whether the text begins its file, so that a first character that starts no JSON value
     *                    suggests another kind of file rather than one bad line
     */
    public static String malformed(JsonProcessingException e, boolean startOfFile) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getColumnNr() < 1 ? "" : " at column " + at.getColumnNr();
        if (e instanceof StreamConstraintsException) {
            return "JSON over the reader's limits" + where + ": " + overLimit(e.getOriginalMessage());
        }
        boolean firstCharacter = startOfFile && at != null && at.getLineNr() <= 1 && at.getColumnNr() == 1;
        return "malformed JSON" + where + ": " + what(e, firstCharacter);
    }

    private static String what(JsonProcessingException e, boolean firstCharacter) {
        String message = e.getOriginalMessage();
        if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            return message.contains("Object") ? "the text ends inside an object"
                    : message.contains("Array") ? "the text ends inside a list"
                    : message.contains("closing quote") ? "the text ends inside a string" : "the text ends too early";
        }
        if (message.startsWith("Trailing token")) {
            return "more than one JSON value";
        }
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return "field '" + shortened(duplicate.group(1)) + "' given twice";
        }
        if (message.contains("comment?")) {
            return "a comment ('/') is not JSON";
        }
        Matcher token = TOKEN.matcher(message);
        if (token.find()) {
            return firstCharacter ? "the text starts with '" + shortened(token.group(1)) + "', which is not JSON"
                    + " (is this a JSON file?)"
                    : "'" + shortened(token.group(1)) + "' is not a JSON value (text must be in double quotes)";
        }
        Matcher control = CONTROL.matcher(message);
        if (control.find()) {
            return message.contains("unquoted character")
                    ? "a control character (code " + control.group(1) + ") inside a string must be escaped"
                    + " (\\t, \\n or \\u00XX)"
                    : "a control character (code " + control.group(1) + ") between values";
        }
        if (message.contains("numeric value") || message.contains("Leading zeroes")) {
            return "a malformed number" + (message.contains("plus sign") ? " (a leading '+' is not JSON)"
                    : message.contains("Leading zeroes") ? " (leading zeros are not JSON)" : "");
        }
        Matcher character = CHARACTER.matcher(message);
        if (character.find()) {
            String c = character.group(1);
            if (message.contains("double-quote to start field name")) {
                return c.equals("}") ? "a comma before '}' (nothing follows it)"
                        : "a field name must be in double quotes, found '" + c + "'";
            }
            if (message.contains("expected a valid value")) {
                return c.equals("]") || c.equals("}") ? "a value is missing before '" + c + "' (a comma before it?)"
                        : "'" + c + "' cannot start a value";
            }
            if (message.contains("comma to separate")) {
                return "a comma is missing before '" + c + "' (between the " + (message.contains("Array")
                        ? "list's" : "object's") + " entries)";
            }
            if (message.contains("colon to separate")) {
                return "a colon is missing after a field name, before '" + c + "'";
            }
            return "unexpected '" + c + "'";
        }
        return message
                .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\[Source: [^\\]]*?; (line: \\d+, column: \\d+)\\]", "$1")
                .replaceAll(": enable `[^`]*` to allow", " (not JSON)")
                .replaceAll(", from `[^`]*`", "");
    }

    /** Jackson's length and depth limits, stated as limits: the lengths it gives are where it stopped counting. */
    private static String overLimit(String message) {
        Matcher limit = LIMIT.matcher(message);
        String most = limit.find() ? String.format(Locale.ROOT, "%,d", Long.parseLong(limit.group(1))) : "the";
        if (message.startsWith("String value length")) {
            return "a string longer than " + most + " characters";
        }
        if (message.startsWith("Number value length")) {
            return "a number longer than " + most + " digits";
        }
        if (message.contains("nesting depth")) {
            return "values nested deeper than " + most + " levels";
        }
        return message.replaceAll(", from `[^`]*`", "");
    }

    /** The field's path, e.g. {@code catalog.file} or {@code nullValues[1]}; empty for the whole document. */
    public static String path(JsonMappingException e) {
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
     * What the document holds where the exception's path points: {@code a string ("NA")}, {@code a list},
     * {@code null}, {@code nothing} (the field is missing).
     */
    public static String got(JsonMappingException e, JsonNode document) {
        JsonNode node = document;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (node == null) {
                break;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node == null ? "nothing (the field is missing)" : kindOf(node);
    }

    /** A JSON value's kind, with short scalars shown. */
    public static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string (\"" + shortened(node.asText()) + "\")";
            case NUMBER -> "a number (" + shortened(node.asText()) + ")";
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            case MISSING -> "nothing";
            default -> "another kind of value";
        };
    }

    /** The kind of JSON value a Java type is read from, e.g. {@code a whole number} for {@code long}. */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class
                || type == short.class || type == byte.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type) || type.getName().startsWith("java.time")
                || java.nio.file.Path.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return Map.class.isAssignableFrom(type) || !type.isPrimitive() ? "an object" : "a " + type.getSimpleName();
    }

    private static String shortened(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
