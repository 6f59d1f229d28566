package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.io.AtomicFile;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a report folder before the work that fills it: one that exists, or can be made, where the report's
 * files can be written.
 */
final class ReportFolder {

    static final String JSON = "report.json";
    static final String HTML = "report.html";
    /** The files evaluate writes into the folder. */
    private static final String[] FILES = {JSON, HTML};

    private ReportFolder() {
    }

    /**
     * @param folder the folder given, or {@code null} for none
     * @param option its option, for messages
     * @throws UsageException for {@code -}
     * @throws InvalidInputException naming the option and what stands in the way
     */
    static void check(Path folder, String option) {
        if (folder == null) {
            return;
        }
        if (folder.toString().equals("-")) {
            throw new UsageException(option + " -: evaluate writes a folder (" + String.join(" and ", FILES)
                    + "), not standard output; give a folder path");
        }
        Path absolute = folder.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        // what stands in the way is the file system's state, not the option's form: exit 1, as for other outputs
        if (existing == null) {
            throw new InvalidInputException(option + " " + folder + ": no part of this path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new InvalidInputException(option + " " + folder + ": " + existing + " is a file, not a folder");
        }
        if (!existing.equals(absolute)) {
            // made after the work; a folder made and removed now says whether it can be
            Path probe;
            try {
                probe = Files.createTempDirectory(existing, ".sessiongan-check");
            } catch (IOException e) {
                throw new InvalidInputException(option + " " + folder + ": cannot create a folder in " + existing
                        + " (" + SessionGanCommand.kind(e) + ")");
            }
            try {
                Files.delete(probe);
            } catch (IOException e) {
                throw new InvalidInputException(option + " " + folder + ": cannot remove the check folder " + probe
                        + " (" + SessionGanCommand.kind(e) + ")");
            }
            return;
        }
        for (String file : FILES) {
            try {
                AtomicFile.checkWritable(absolute.resolve(file));
            } catch (IOException e) {
                // the probe's own name says nothing to the user; what was refused does
                throw new InvalidInputException(option + " " + folder + ": " + (e instanceof FileSystemException
                        ? "cannot write " + file + " there (" + SessionGanCommand.kind(e) + ")" : e.getMessage()));
            }
        }
    }
}
