package dev.sessiongan.io;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import org.apache.commons.csv.CSVPrinter;

/**
 * One row per session, for load-testing tools that read a CSV row per virtual user journey (JMeter's CSV
 * Data Set Config, Gatling's {@code csv} feeder, Locust): header
 * {@code user_id,session_id,start,events,steps,think_times_ms}, where {@code steps} is
 * {@code type:item} per event and {@code think_times_ms} the pause before each step (0 for the first),
 * both pipe-separated. No field ever holds a comma, quote, pipe, colon or line break: those characters
 * in ids are percent-encoded ({@code %2C}, {@code %22}, {@code %7C}, {@code %3A}, {@code %0A}, ...), so a
 * plain split on {@code ,} then {@code |} then {@code :} is always right.
 */
public final class JourneysCsvWriter extends OutputWriter {

    /** The header columns, in order. */
    public static final List<String> HEADER =
            List.of("user_id", "session_id", "start", "events", "steps", "think_times_ms");

    private final CSVPrinter printer;

    private JourneysCsvWriter(OutputTarget target) throws IOException {
        super(target);
        this.printer = csv(target, HEADER.toArray(String[]::new));
    }

    /** Writes to a file, atomically. */
    public static JourneysCsvWriter create(Path file) throws IOException {
        return new JourneysCsvWriter(OutputTarget.file(file));
    }

    /** Writes to a stream that stays open (e.g. stdout). */
    public static JourneysCsvWriter to(OutputStream out) throws IOException {
        return new JourneysCsvWriter(OutputTarget.stream(out));
    }

    @Override
    public void write(VirtualUser user) throws IOException {
        requireOpen();
        for (UserSession session : user.sessions()) {
            StringJoiner steps = new StringJoiner("|");
            StringJoiner pauses = new StringJoiner("|");
            ClickEvent previous = null;
            for (ClickEvent e : session.events()) {
                steps.add(e.type().canonicalName() + ":" + encode(e.itemId()));
                pauses.add(Long.toString(previous == null ? 0
                        : Duration.between(previous.timestamp(), e.timestamp()).toMillis()));
                previous = e;
            }
            printer.printRecord(encode(session.userId()), encode(session.sessionId()), session.start().toString(),
                    session.length(), steps, pauses);
        }
    }

    /** Percent-encodes the characters that would break a comma / pipe / colon split or a CSV row. */
    static String encode(String id) {
        StringBuilder b = null;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean special = c == '%' || c == ',' || c == '|' || c == ':' || c == '"' || c == '\t' || c < 0x20;
            if (special && b == null) {
                b = new StringBuilder(id.length() + 8).append(id, 0, i);
            }
            if (b != null) {
                if (special) {
                    b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? id : b.toString();
    }

    @Override
    void finish() throws IOException {
        printer.flush();
    }
}
