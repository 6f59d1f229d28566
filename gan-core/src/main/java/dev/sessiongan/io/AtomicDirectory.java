package dev.sessiongan.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A folder filled under a temporary name beside its target and moved into place only on {@link #commit()},
 * as {@link AtomicFile} does for one file. The target must not exist or be an empty folder: a folder with
 * files in it is never replaced, so earlier output is never lost. Closing without committing deletes the
 * temporary folder and everything in it.
 */
final class AtomicDirectory implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private boolean committed;
    /** Set when a failed commit told the user where the output is: then it is theirs, never deleted. */
    private boolean handedOver;

    private AtomicDirectory(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Starts filling {@code target}; its parent folder must exist. */
    static AtomicDirectory create(Path target) throws IOException {
        // a link to a folder stays a link: the folder it names is the one filled
        Path absolute = AtomicFile.destinationOf(target);
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("cannot write " + target + ": folder " + parent + " does not exist");
        }
        if (Files.exists(absolute) && !isEmptyDirectory(absolute)) {
            throw new IOException("cannot write " + target + ": it exists and is "
                    + (Files.isDirectory(absolute) ? "a folder with files in it" : "a file")
                    + "; choose a new folder or remove it");
        }
        try {
            return new AtomicDirectory(absolute, AtomicFile.temporarySibling(absolute, Files::createDirectory));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("cannot write " + target + ": permission denied", e);
        }
    }

    /** Where to write the files until the commit. */
    Path folder() {
        return temp;
    }

    /** Moves the temporary folder onto the target (replacing an empty folder). */
    void commit() throws IOException {
        if (committed) {
            return;
        }
        if (Files.exists(target)) {
            if (!isEmptyDirectory(target)) {
                PendingTemporaries.remove(temp);
                handedOver = true;
                throw new IOException("cannot write " + target + ": files appeared in it while generating; the output"
                        + " is left in " + temp);
            }
            Files.delete(target);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
        committed = true;
        PendingTemporaries.remove(temp);
    }

    /** Deletes the temporary folder unless committed or handed over by a failed commit. */
    @Override
    public void close() throws IOException {
        if (committed || handedOver) {
            return;
        }
        PendingTemporaries.deleteTree(temp);
        PendingTemporaries.remove(temp);
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }
}
