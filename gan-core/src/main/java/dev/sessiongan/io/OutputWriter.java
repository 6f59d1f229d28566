package dev.sessiongan.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** What every user writer shares: its target, and committing or discarding it after a final flush. */
abstract class OutputWriter implements UserWriter {

    final OutputTarget target;

    OutputWriter(OutputTarget target) {
        this.target = target;
    }

    /** Completes the output (e.g. closes a JSON array) and pushes it to the target before the commit. */
    abstract void finish() throws IOException;

    /** Releases the writer's own resources (the target is closed after). */
    void release() throws IOException {
    }

    @Override
    public final void commit() throws IOException {
        finish();
        target.commit();
    }

    @Override
    public final void close() throws IOException {
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
