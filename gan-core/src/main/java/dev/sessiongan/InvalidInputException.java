package dev.sessiongan;

import java.util.Optional;

/**
 * The one unchecked exception for bad input: a malformed data row, an unknown id, an absurd option or a
 * corrupt model file. Its message names the source, the line and the field where they are known, the
 * rule that was broken and the bad value, e.g.
 * {@code holdout.csv:1042: column 'event_time': cannot parse '2019-13-01' as time (pattern yyyy-MM-dd)}.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** Longer reasons are cut: a quoted value can be a whole line of a file. */
    private static final int MOST_CHARACTERS = 2_000;

    private final String source;
    private final long line;
    private final String field;
    private final String reason;

    /**
     * @param source the file (or other source) the bad input came from, or {@code null}
     * @param line   1-based line number, or 0 when not line-oriented
     * @param field  the column or field name, or {@code null}
     * @param reason what is wrong, stating the rule and the bad value
     */
    public InvalidInputException(String source, long line, String field, String reason) {
        super(format(source, line, field, printable(reason)));
        this.source = source;
        this.line = line;
        this.field = field;
        this.reason = printable(reason);
    }

    /** An error that is not tied to a file, e.g. an absurd option. */
    public InvalidInputException(String reason) {
        this(null, 0, null, reason);
    }

    /** An error about a whole source, with the underlying cause kept for {@code --verbose}. */
    public InvalidInputException(String source, String reason, Throwable cause) {
        this(source, 0, null, reason);
        initCause(cause);
    }

    /** The file or source name, if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The 1-based line number, or 0 when not known. */
    public long line() {
        return line;
    }

    /** The column or field name, if known. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The rule that was broken, without the location prefix. */
    public String reason() {
        return reason;
    }

    /**
     * The reason as a terminal can show it, on one line: a bad value quoted from a binary file must not send
     * control characters, nor a megabyte of one line.
     */
    private static String printable(String reason) {
        if (reason == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(reason.length(), MOST_CHARACTERS) + 40);
        int i = 0;
        for (; i < reason.length() && sb.length() < MOST_CHARACTERS; i++) {
            char c = reason.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                sb.append(' '); // a library's multi-line message stays one line
            } else if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (i < reason.length()) {
            sb.append(String.format("... (%,d characters in all)", reason.length()));
        }
        return sb.toString();
    }

    private static String format(String source, long line, String field, String reason) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            // Path.of("") names the working folder but prints as nothing
            sb.append(source.isEmpty() ? "'' (an empty path)" : source);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        }
        if (field != null) {
            sb.append("column '").append(field).append("': ");
        }
        return sb.append(reason).toString();
    }
}
