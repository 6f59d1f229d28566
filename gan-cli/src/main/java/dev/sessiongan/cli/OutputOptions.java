package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.OutputFormat;
import dev.sessiongan.io.UserWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** Where and how users are written: shared by convert and generate. */
final class OutputOptions {

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output file ('-' for standard output; a folder for per-user-csv). Written under a"
                    + " temporary name and moved into place when complete.")
    String out;

    @Option(names = "--output-format", paramLabel = "FORMAT", defaultValue = "events-csv",
            description = "events-csv (default), jsonl (one user per line with profile and sessions), json (one"
                    + " array: Gatling jsonFile, k6 SharedArray), journeys-csv (a row per session with steps and think"
                    + " times: JMeter, Gatling csv, Locust), per-user-csv (a folder of user-N.csv files: JMeter per"
                    + " thread), interactions-csv (user,item,rating,timestamp with numeric ids, plus NAME-ids.csv:"
                    + " Mahout, LibRec, LensKit) or gru4rec-tsv (SessionId ItemId Time).")
    String outputFormat;

    /**
     * Checks the options before any work is done, so a typo does not cost a long read or training, and refuses an
     * {@code --out} (or its side file) that is one of the command's {@code inputs} ({@link OutputChecks#refuseInputs}).
     */
    void validate(Map<String, Path> inputs) {
        OutputFormat format;
        try {
            format = OutputFormat.named(outputFormat);
        } catch (InvalidInputException e) {
            throw new UsageException("--output-format: " + e.reason());
        }
        if (toStdout() && format.needsPath()) {
            throw new UsageException("--out -: " + format + " writes more than one file and cannot go to"
                    + " standard output; give a " + (format == OutputFormat.PER_USER_CSV ? "folder" : "file") + " path");
        }
        if (out.isEmpty()) {
            throw new UsageException("--out: the path is empty");
        }
        if (format != OutputFormat.PER_USER_CSV && (out.endsWith("/") || out.endsWith(java.io.File.separator))) {
            // a Path drops the trailing slash, so the file would be written where a folder was meant
            throw new UsageException("--out " + out + ": a path ending in '/' names a folder, and " + format
                    + " writes one file; give a file path");
        }
        refuseInputs(format, inputs);
        if (!toStdout()) {
            Path path = Path.of(out);
            if (format != OutputFormat.PER_USER_CSV) {
                OutputChecks.requireWritableFile(path, "--out");
            } else if (Files.exists(path) && !isEmptyFolder(path)) {
                throw new InvalidInputException("--out " + out + ": per-user-csv needs a new or empty folder, and "
                        + (Files.isDirectory(path) ? "this folder has files in it" : "this is a file"));
            } else {
                OutputChecks.requireFolderOf(path, "--out");
            }
        }
    }

    private void refuseInputs(OutputFormat format, Map<String, Path> inputs) {
        if (toStdout()) {
            return;
        }
        Path path = Path.of(out);
        OutputChecks.refuseInputs("--out", path, inputs);
        for (Path side : format.sideFiles(path)) {
            OutputChecks.refuseInputs("--out " + out + " writes its id map too, and", side, inputs);
        }
    }

    private static boolean isEmptyFolder(Path path) {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes every user; returns how many. */
    long writeAll(Iterator<VirtualUser> users, OutputStream stdout, GenerationProgress progress) throws IOException {
        OutputFormat format = OutputFormat.named(outputFormat);
        long n = 0;
        try (UserWriter writer = "-".equals(out) ? format.to(stdout) : format.create(Path.of(out))) {
            while (users.hasNext()) {
                writer.write(users.next());
                n++;
                progress.step();
            }
            writer.commit();
        } finally {
            progress.close();
        }
        return n;
    }

    /** What was written, for the closing message: the {@code --out} path and any side file beside it. */
    String written() {
        StringBuilder text = new StringBuilder(out);
        if (!toStdout()) {
            for (Path side : OutputFormat.named(outputFormat).sideFiles(Path.of(out))) {
                text.append(" and ").append(side);
            }
        }
        return text.toString();
    }

    boolean toStdout() {
        return "-".equals(out);
    }
}
