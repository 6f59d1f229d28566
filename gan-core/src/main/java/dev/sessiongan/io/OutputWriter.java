package dev.sessiongan.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** What every user writer shares: its target, and committing or discarding it after a final flush. */
abstract class OutputWriter implements UserWriter {

    final OutputTarget target;
    private boolean ended;

    OutputWriter(OutputTarget target) {
        this.target = target;
    }

    /** Refuses a write after commit or close: the stream below is gone, and its own error would not say why. */
    final void requireOpen() {
        requireOpen(ended);
    }

    static void requireOpen(boolean ended) {
        if (ended) {
            throw new IllegalStateException("this writer is already committed or closed; open a new one to write more"
                    + " users");
        }
    }

    /** Completes the output (e.g. closes a JSON array) and pushes it to the target before the commit. */
    abstract void finish() throws IOException;

    /** Releases the writer's own resources (the target is closed after). */
    void release() throws IOException {
    }

    @Override
    public final void commit() throws IOException {
        requireOpen();
        ended = true;
        finish();
        target.commit();
    }

    @Override
    public final void close() throws IOException {
        ended = true;
        try {
            release();
        } finally {
            target.close();
        }
    }

    /** A UTF-8 CSV printer with {@code \n} line ends and the given header. */
    static CSVPrinter csv(OutputTarget target, String... header) throws IOException {
        return new CSVPrinter(new OutputStreamWriter(target.stream(), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setRecordSeparator('\n').setHeader(header).get());
    }
}
