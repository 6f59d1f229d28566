package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Checks on an output path made before any work, so that a long run never ends in a refused write. */
final class OutputChecks {

    private OutputChecks() {
    }

    /** Fails early unless the folder {@code file} would go in exists and is a folder. */
    static void requireFolderOf(Path file, String option) {
        requireNamed(file, option);
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new InvalidInputException(option + ": " + (Files.exists(folder) ? folder + " is a file, not a folder"
                    : "folder " + folder + " does not exist"));
        }
    }

    /** Fails early when an output file cannot be written: its folder missing, a folder in its place, no permission. */
    static void requireWritableFile(Path file, String option) {
        requireFolderOf(file, option);
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(option + ": " + file + " is a folder");
        }
        try {
            AtomicFile.checkWritable(file);
        } catch (IOException e) {
            throw new InvalidInputException(option + ": " + e.getMessage());
        }
    }

    /**
     * Refuses an output that is one of the command's input files (the same file under any name or link): writing
     * it would replace the input before the command is done with it, and the user's data with it.
     *
     * @param inputs each input's option (or role, such as "the input") and its path; {@code null} paths are skipped
     */
    static void refuseInputs(String option, Path output, Map<String, Path> inputs) {
        if (output == null || !Files.exists(output)) {
            return;
        }
        for (Map.Entry<String, Path> input : inputs.entrySet()) {
            Path in = input.getValue();
            if (in != null && Files.exists(in) && sameFile(output, in)) {
                throw new UsageException(option + " " + output + " names the same file as " + input.getKey()
                        + ": writing it would replace that input; choose another path");
            }
        }
    }

    /** Refuses two outputs that would land in one file (the same path, or links to one), each replacing the other. */
    static void refuseSameFile(String option, Path output, String otherOption, Path other) {
        if (output == null || other == null) {
            return;
        }
        boolean same;
        try {
            same = AtomicFile.destinationOf(output).equals(AtomicFile.destinationOf(other))
                    || Files.exists(output) && Files.exists(other) && Files.isSameFile(output, other);
        } catch (IOException e) {
            return; // the write reports it, naming the file
        }
        if (same) {
            throw new UsageException(option + " " + output + " names the same file as " + otherOption + " " + other
                    + ": give each its own path");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // unreadable either way: the read or the write reports it, naming the file
        }
    }

    /** An empty path names no file (a shell variable left unset): a usage error, not the current folder. */
    private static void requireNamed(Path file, String option) {
        if (file.toString().isEmpty()) {
            throw new UsageException(option + ": the path is empty");
        }
    }
}
