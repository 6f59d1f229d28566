package dev.sessiongan.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written under a temporary name beside its target and moved into place only on
 * {@link #commit()}, so an interrupted run never leaves a half-written file under the requested name
 * (and never destroys an older complete file). Closing without committing deletes the temporary file.
 */
public final class AtomicFile implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean committed;
    private boolean closed;

    private AtomicFile(Path target, Path temp, OutputStream out) {
        this.target = target;
        this.temp = temp;
        this.out = out;
    }

    /** Starts writing {@code target}; its folder must exist. */
    public static AtomicFile create(Path target) throws IOException {
        try {
            return open(target);
        } catch (java.nio.file.FileSystemException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    // open() has seen the folder: it is there but takes no new file (e.g. under /proc)
                    : e instanceof java.nio.file.NoSuchFileException ? "its folder does not accept new files"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new IOException("cannot write " + target + ": " + reason, e);
        }
    }

    /**
     * Fails as {@link #create} would for {@code target}, leaving nothing behind: a command checks its output
     * this way before hours of work rather than after.
     */
    public static void checkWritable(Path target) throws IOException {
        try (AtomicFile probe = create(target)) {
            // closed uncommitted: the probe is deleted, the target untouched
        }
    }

    private static AtomicFile open(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException("cannot write " + target + ": it is a folder");
        }
        // Not Files.createTempFile: that makes the file owner-only, and the result must get the usual umask.
        Path temp = temporarySibling(absolute, Files::createFile);
        return new AtomicFile(target, temp, new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
    }

    /** Creates a file or folder with a fresh hidden name beside {@code absolute}. */
    interface Creator {
        Path create(Path path) throws IOException;
    }

    static Path temporarySibling(Path absolute, Creator creator) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = absolute.resolveSibling("." + absolute.getFileName() + "."
                    + Long.toHexString(System.nanoTime() + attempt) + ".tmp");
            try {
                Path created = creator.create(candidate);
                PendingTemporaries.add(created);
                return created;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** The stream to write to. */
    public OutputStream stream() {
        return out;
    }

    /** Where the content is written until the commit. */
    Path temporary() {
        return temp;
    }

    /** The requested file name. */
    public Path target() {
        return target;
    }

    /** Flushes and moves the temporary file onto the target. */
    public void commit() throws IOException {
        if (committed) {
            return;
        }
        out.close();
        closed = true;
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        PendingTemporaries.remove(temp);
    }

    /** Discards the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            if (!closed) {
                out.close();
            }
        } finally {
            closed = true;
            Files.deleteIfExists(temp);
            PendingTemporaries.remove(temp);
        }
    }
}
