package dev.sessiongan.io;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.VirtualUser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One CSV file per virtual user in a folder, {@code user-1.csv}, {@code user-2.csv}, ... in generation
 * order, for JMeter threads that each replay their own user (CSV Data Set Config with filename
 * {@code user-${__threadNum}.csv}, sharing mode "current thread"). Header
 * {@code session,step,event_type,item_id,category_id,price,think_time_ms,timestamp}: one row per event,
 * {@code session} and {@code step} counted from 1, {@code think_time_ms} the pause before the step (0 for a
 * session's first). Ids are percent-encoded as in {@link JourneysCsvWriter}, so no field is ever quoted.
 * The folder appears complete on {@link #commit()} or not at all.
 */
public final class PerUserCsvWriter implements UserWriter {

    /** The header columns, in order. */
    public static final String HEADER = "session,step,event_type,item_id,category_id,price,think_time_ms,timestamp";

    private final AtomicDirectory folder;
    private boolean ended;
    private long users;

    private PerUserCsvWriter(AtomicDirectory folder) {
        this.folder = folder;
    }

    /** Fills {@code folder}, which must not exist or be empty. */
    public static PerUserCsvWriter create(Path folder) throws IOException {
        return new PerUserCsvWriter(AtomicDirectory.create(folder));
    }

    /** The file name of the {@code n}-th user (from 1). */
    public static String fileName(long n) {
        return "user-" + n + ".csv";
    }

    @Override
    public void write(VirtualUser user) throws IOException {
        OutputWriter.requireOpen(ended);
        Path file = folder.folder().resolve(fileName(++users));
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.write(HEADER);
            out.write('\n');
            int session = 0;
            for (UserSession s : user.sessions()) {
                session++;
                int step = 0;
                ClickEvent previous = null;
                for (ClickEvent e : s.events()) {
                    long pause = previous == null ? 0 : Duration.between(previous.timestamp(), e.timestamp()).toMillis();
                    out.write(session + "," + ++step + "," + e.type().canonicalName() + ","
                            + JourneysCsvWriter.encode(e.itemId()) + ","
                            + (e.categoryId() == null ? "" : JourneysCsvWriter.encode(e.categoryId())) + ","
                            + (e.price() == null ? "" : e.price().toPlainString()) + "," + pause + ","
                            + e.timestamp() + "\n");
                    previous = e;
                }
            }
        }
    }

    @Override
    public void commit() throws IOException {
        OutputWriter.requireOpen(ended);
        ended = true;
        folder.commit();
    }

    @Override
    public void close() throws IOException {
        ended = true;
        folder.close();
    }
}
