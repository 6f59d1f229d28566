package dev.sessiongan.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SourceEvent;
import dev.sessiongan.internal.JsonWording;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads OTTO JSON Lines: {@code {"session":N,"events":[{"aid":..,"ts":..,"type":"clicks|carts|orders"}]}}.
 * An OTTO "session" is all activity of one user, so it becomes the user id and events are split into
 * sessions by inactivity gap.
 */
final class OttoReader implements EventReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // checked as the tree is built, at no cost per event (the parser's own check allocates a set per object)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final Map<String, EventType> TYPES = Map.of(
            "clicks", EventType.VIEW, "carts", EventType.ADD_TO_CART, "orders", EventType.PURCHASE);

    /**
     * OTTO's {@code ts} is in epoch milliseconds, but some of its copies went to seconds. Below this a value read
     * as milliseconds is before March 1973, and read as seconds after the year 5000: the {@code ts} of the
     * file's first row read whole tell its unit.
     */
    static final long SECONDS_BELOW = 100_000_000_000L;
    static final String SECONDS_NOTE = "events whose ts was read as epoch seconds (the file's are below 10^11)";

    private final String name;
    private final BufferedReader reader;
    private final ReadOptions options;
    private final Deque<SourceEvent> queue = new ArrayDeque<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private long line;
    private long rows;
    private long events;
    private boolean done;
    /** Whether the file's ts are in seconds: {@code null} until a row is read whole. */
    private Boolean seconds;
    private long secondsEvents;

    OttoReader(Path file, ReadOptions options) {
        this.name = file.toString();
        this.options = options;
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(name, 0, null, "is a folder, not a file");
        }
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
            this.reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, "file not found", e);
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        while (queue.isEmpty() && !done) {
            String text = readLine();
            if (text == null || rows >= options.maxRows()) {
                done = true;
                break;
            }
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // a UTF-8 byte-order mark, as the CSV readers accept
            }
            if (text.isBlank()) {
                continue;
            }
            rows++;
            try {
                parse(text);
            } catch (InvalidInputException e) {
                if (options.onError() == ErrorPolicy.FAIL) {
                    throw e;
                }
                queue.clear();
                skipped.merge(cause(e.reason()), 1L, Long::sum);
            }
        }
        return !queue.isEmpty();
    }

    /** A skipped line's reason without what differs from line to line: quoted values, where the JSON broke. */
    private static String cause(String reason) {
        if (reason.startsWith("malformed JSON") || reason.startsWith("JSON over")) {
            return reason.replaceFirst("( at column \\d+)?:.*", "");
        }
        return reason.replaceAll("'.*'", "").strip();
    }

    private String readLine() {
        try {
            line++;
            return reader.readLine();
        } catch (IOException e) {
            throw new InvalidInputException(name, line, null, "cannot read: " + e.getMessage());
        }
    }

    private void parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(name, line, null, JsonWording.malformed(e, line == 1));
        }
        JsonNode session = root.get("session");
        if (session == null || !(session.isIntegralNumber() || session.isTextual())) {
            throw new InvalidInputException(name, line, "session", "missing or not a number");
        }
        if (session.asText().isBlank()) {
            throw new InvalidInputException(name, line, "session", "empty session id");
        }
        JsonNode list = root.get("events");
        if (list == null || !list.isArray()) {
            throw new InvalidInputException(name, line, "events", "missing or not an array");
        }
        String user = session.asText();
        int index = 0;
        // the file's unit is set by its first row read whole: a row refused (and skipped) sets nothing
        Boolean unit = seconds;
        for (JsonNode e : list) {
            String where = "events[" + index++ + "].";
            JsonNode aid = e.get("aid");
            JsonNode ts = e.get("ts");
            JsonNode type = e.get("type");
            if (aid == null || !(aid.isIntegralNumber() || aid.isTextual()) || aid.asText().isBlank()) {
                throw new InvalidInputException(name, line, where + "aid", aid == null || aid.isNull()
                        ? "missing item id" : aid.isTextual() ? "empty item id"
                        : "item id must be a whole number or a string, got " + aid);
            }
            if (ts == null || !ts.canConvertToLong() || !ts.isIntegralNumber()) {
                throw new InvalidInputException(name, line, where + "ts",
                        "cannot parse '" + (ts == null ? "" : ts.asText()) + "' as epoch milliseconds");
            }
            if (unit == null) {
                unit = ts.asLong() < SECONDS_BELOW;
            }
            long millis = millis(ts.asLong(), unit, where);
            EventType eventType = type == null ? null : TYPES.get(type.asText());
            if (eventType == null) {
                throw new InvalidInputException(name, line, where + "type", "unknown event type '"
                        + (type == null ? "" : type.asText()) + "'; known: clicks, carts, orders");
            }
            queue.add(new SourceEvent(user, null,
                    new ClickEvent(Instant.ofEpochMilli(millis), eventType, aid.asText(), null)));
        }
        seconds = unit;
        if (seconds == Boolean.TRUE) {
            secondsEvents += list.size();
        }
    }

    /** A ts in {@code seconds} or milliseconds, the file's unit, as epoch milliseconds. */
    private long millis(long ts, boolean seconds, String where) {
        boolean small = ts < SECONDS_BELOW;
        if (small != seconds) {
            throw new InvalidInputException(name, line, where + "ts", "'" + ts + "' is in epoch "
                    + (small ? "seconds" : "milliseconds") + ", but the file's first ts was in "
                    + (seconds ? "seconds" : "milliseconds") + " (values below 10^11 are seconds)");
        }
        long millis = !seconds ? ts : ts < Long.MIN_VALUE / 1000 ? Long.MIN_VALUE : ts * 1000;
        if (!TimeFormat.isSupported(millis)) {
            throw new InvalidInputException(name, line, where + "ts", "cannot parse '" + ts + "' as epoch "
                    + (seconds ? "seconds" : "milliseconds") + ": outside the supported years");
        }
        return millis;
    }

    @Override
    public SourceEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        events++;
        return queue.poll();
    }

    @Override
    public ReadReport report() {
        Map<String, Long> notes = secondsEvents == 0 ? Map.of() : Map.of(SECONDS_NOTE, secondsEvents);
        return new ReadReport(rows, events, skipped, notes);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
