package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.io.AtomicFile;
import java.io.IOException;
import java.io.OutputStream;
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

    /** Writes one of the report's files. */
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes the report's files into {@code folder}, making it if needed. Both are written in full before either
     * replaces an older one, so a write that fails (a full disk, say) leaves the folder's older pair as it was
     * rather than a new JSON beside an old page, and a folder made for them is removed again.
     */
    static void write(Path folder, Body json, Body html) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        Path made = firstMissing(absolute);
        boolean done = false;
        try {
            Files.createDirectories(absolute);
            try (AtomicFile jsonFile = AtomicFile.create(absolute.resolve(JSON));
                    AtomicFile htmlFile = AtomicFile.create(absolute.resolve(HTML))) {
                json.write(jsonFile.stream());
                html.write(htmlFile.stream());
                jsonFile.commit();
                htmlFile.commit();
            }
            done = true;
        } finally {
            if (!done && made != null) {
                removeEmpty(absolute, made);
            }
        }
    }

    /** The outermost folder of {@code path} that does not exist yet, or {@code null} when it exists. */
    private static Path firstMissing(Path path) {
        Path missing = null;
        for (Path p = path; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Removes the folders from {@code path} up to {@code top} that this write made, as long as they are empty. */
    private static void removeEmpty(Path path, Path top) {
        for (Path p = path; p != null && p.startsWith(top); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty, or not ours to remove: left as it is
            }
        }
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
        if (folder.toString().isEmpty()) {
            throw new UsageException(option + ": the path is empty");
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
