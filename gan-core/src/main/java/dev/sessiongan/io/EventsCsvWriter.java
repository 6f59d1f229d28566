package dev.sessiongan.io;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * The canonical events CSV: header {@code user_id,session_id,seq,timestamp,event_type,item_id,category_id,price},
 * one row per event, {@code seq} the 0-based position in the session, ISO-8601 UTC timestamps, canonical
 * lowercase event types, empty category or price where unknown. Read it back with
 * {@link dev.sessiongan.format.ClickstreamFormats#eventsCsv()}.
 */
public final class EventsCsvWriter extends OutputWriter {

    /** The header columns, in order. */
    public static final List<String> HEADER =
            List.of("user_id", "session_id", "seq", "timestamp", "event_type", "item_id", "category_id", "price");

    private final CSVPrinter printer;

    private EventsCsvWriter(OutputTarget target) throws IOException {
        super(target);
        this.printer = csv(target, HEADER.toArray(String[]::new));
    }

    /** Writes to a file, atomically. */
    public static EventsCsvWriter create(Path file) throws IOException {
        return new EventsCsvWriter(OutputTarget.file(file));
    }

    /** Writes to a stream that stays open (e.g. stdout). */
    public static EventsCsvWriter to(OutputStream out) throws IOException {
        return new EventsCsvWriter(OutputTarget.stream(out));
    }

    @Override
    public void write(VirtualUser user) throws IOException {
        requireOpen();
        for (UserSession session : user.sessions()) {
            write(session);
        }
    }

    /** Writes one session's events. */
    public void write(UserSession session) throws IOException {
        requireOpen();
        int seq = 0;
        for (ClickEvent e : session.events()) {
            printer.printRecord(session.userId(), session.sessionId(), seq++, e.timestamp().toString(),
                    e.type().canonicalName(), e.itemId(), e.categoryId() == null ? "" : e.categoryId(),
                    e.price() == null ? "" : e.price().toPlainString());
        }
    }

    @Override
    void finish() throws IOException {
        printer.flush();
    }
}
