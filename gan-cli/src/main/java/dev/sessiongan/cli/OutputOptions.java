package dev.sessiongan.cli;

import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.OutputFormat;
import dev.sessiongan.io.UserWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import picocli.CommandLine.Option;

/** Where and how users are written: shared by convert and generate. */
final class OutputOptions {

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output file ('-' for standard output). Written under a temporary name and moved into"
                    + " place when complete.")
    String out;

    @Option(names = "--output-format", paramLabel = "FORMAT", defaultValue = "events-csv",
            description = "events-csv (default), jsonl (one user per line with profile and sessions), json (one"
                    + " array: Gatling jsonFile, k6 SharedArray), journeys-csv (a row per session with steps and think"
                    + " times: JMeter, Gatling csv, Locust) or gru4rec-tsv (SessionId ItemId Time).")
    String outputFormat;

    /** Checks the options before any work is done, so a typo does not cost a long read or training. */
    void validate() {
        OutputFormat.named(outputFormat);
        if (!toStdout()) {
            TrainCommand.requireWritableFolder(Path.of(out), "--out");
        }
    }

    /** Writes every user; returns how many. */
    long writeAll(Iterator<VirtualUser> users, OutputStream stdout) throws IOException {
        OutputFormat format = OutputFormat.named(outputFormat);
        long n = 0;
        try (UserWriter writer = "-".equals(out) ? format.to(stdout) : format.create(Path.of(out))) {
            while (users.hasNext()) {
                writer.write(users.next());
                n++;
            }
            writer.commit();
        }
        return n;
    }

    boolean toStdout() {
        return "-".equals(out);
    }
}
