package dev.sessiongan.cli;

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

    /** The files evaluate writes into the folder. */
    static final String[] FILES = {"report.json", "report.html"};

    private ReportFolder() {
    }

    /**
     * @param folder the folder given, or {@code null} for none
     * @param option its option, for messages
     * @throws UsageException naming the option and what stands in the way
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
        if (existing == null) {
            throw new UsageException(option + " " + folder + ": no part of this path exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new UsageException(option + " " + folder + ": " + existing + " is a file, not a folder");
        }
        try {
            if (existing.equals(absolute)) {
                for (String file : FILES) {
                    AtomicFile.checkWritable(absolute.resolve(file));
                }
            } else {
                // made after the work; a folder made and removed now says whether it can be
                try {
                    Files.delete(Files.createTempDirectory(existing, ".sessiongan-check"));
                } catch (IOException e) {
                    throw new UsageException(option + " " + folder + ": cannot create a folder in " + existing
                            + (e instanceof FileSystemException f && f.getReason() != null ? " (" + f.getReason() + ")"
                                    : ""));
                }
            }
        } catch (IOException e) {
            throw new UsageException(option + " " + folder + ": " + (e instanceof FileSystemException
                    ? "cannot write there (" + SessionGanCommand.describe(e) + ")" : e.getMessage()));
        }
    }
}
