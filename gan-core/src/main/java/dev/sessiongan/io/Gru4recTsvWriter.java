package dev.sessiongan.io;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.VirtualUser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The session-based recommender layout of GRU4Rec and its successors: a tab-separated file with header
 * {@code SessionId ItemId Time}, one row per event in session order, {@code SessionId} a running number
 * from 1 (numeric, as those tools expect), {@code Time} Unix seconds with milliseconds. Events of every
 * type are included; tabs and line breaks in item ids are percent-encoded.
 */
public final class Gru4recTsvWriter extends OutputWriter {

    private final Writer writer;
    private long session;

    private Gru4recTsvWriter(OutputTarget target) throws IOException {
        super(target);
        this.writer = new BufferedWriter(new OutputStreamWriter(target.stream(), StandardCharsets.UTF_8));
        writer.write("SessionId\tItemId\tTime\n");
    }

    /** Writes to a file, atomically. */
    public static Gru4recTsvWriter create(Path file) throws IOException {
        return new Gru4recTsvWriter(OutputTarget.file(file));
    }

    /** Writes to a stream that stays open (e.g. stdout). */
    public static Gru4recTsvWriter to(OutputStream out) throws IOException {
        return new Gru4recTsvWriter(OutputTarget.stream(out));
    }

    @Override
    public void write(VirtualUser user) throws IOException {
        requireOpen();
        for (UserSession s : user.sessions()) {
            session++;
            for (ClickEvent e : s.events()) {
                long millis = e.timestamp().toEpochMilli();
                writer.write(session + "\t" + JourneysCsvWriter.encode(e.itemId()) + "\t"
                        + Math.floorDiv(millis, 1000) + "." + String.format(Locale.ROOT, "%03d", Math.floorMod(millis, 1000)) + "\n");
            }
        }
    }

    @Override
    void finish() throws IOException {
        writer.flush();
    }
}
