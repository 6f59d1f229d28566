package dev.sessiongan.io;

import dev.sessiongan.internal.NamedOutputStream;
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
 * A symbolic link is followed (the file it names is replaced, the link kept); a device or pipe such as
 * {@code /dev/null} is written in place. A failed write's message names the file.
 */
public final class AtomicFile implements AutoCloseable {

    private final Path target;
    /** The file the commit replaces: the target, or the file its link names. */
    private final Path destination;
    /** The temporary file, or {@code null} for a device or pipe, written in place. */
    private final Path temp;
    private final OutputStream out;
    private boolean committed;
    private boolean closed;

    private AtomicFile(Path target, Path destination, Path temp, OutputStream out) {
        this.target = target;
        this.destination = destination;
        this.temp = temp;
        this.out = new NamedOutputStream(out, target.toString());
    }

    /** Starts writing {@code target}; its folder must exist. */
    public static AtomicFile create(Path target) throws IOException {
        try {
            return open(target);
        } catch (java.nio.file.FileSystemException e) {
            throw refused(target, e);
        }
    }

    /** A refused write in the user's words, naming what they asked to write. */
    private static IOException refused(Path target, java.nio.file.FileSystemException e) {
        String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                // open() has seen the folder: it is there but takes no new file (e.g. under /proc)
                : e instanceof java.nio.file.NoSuchFileException ? "its folder does not accept new files"
                : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return new IOException("cannot write " + target + ": " + reason, e);
    }

    /**
     * Fails as {@link #create} would for {@code target}, leaving nothing behind: a command checks its output
     * this way before hours of work rather than after.
     */
    public static void checkWritable(Path target) throws IOException {
        Path destination;
        try {
            destination = destinationOf(target);
        } catch (java.nio.file.FileSystemException e) {
            throw refused(target, e);
        }
        if (inPlace(destination)) {
            // opening a pipe waits for its reader: ask instead
            if (!Files.isWritable(destination)) {
                throw new IOException("cannot write " + target + ": permission denied");
            }
            return;
        }
        try (AtomicFile probe = create(target)) {
            // closed uncommitted: the probe is deleted, the target untouched
        }
    }

    private static AtomicFile open(Path target) throws IOException {
        Path absolute = destinationOf(target);
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException("cannot write " + target + ": it is a folder");
        }
        if (inPlace(absolute)) {
            // a device or pipe (/dev/null, a FIFO) takes the bytes as they come; replacing it would break it
            return new AtomicFile(target, absolute, null,
                    new BufferedOutputStream(Files.newOutputStream(absolute), 1 << 16));
        }
        // Not Files.createTempFile: that makes the file owner-only, and the result must get the usual umask.
        Path temp = temporarySibling(absolute, Files::createFile);
        return new AtomicFile(target, absolute, temp, new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
    }

    /** Most links followed in a chain, as Linux's {@code open} allows. */
    private static final int MAX_LINKS = 40;

    /**
     * Where a commit to {@code target} lands: a link stays a link, and the file it names is the one replaced,
     * beside which the temporary file goes. A path under {@code /dev} or {@code /proc} ({@code /dev/stdout},
     * {@code /dev/fd/3}) is taken as it is: its links name open streams, not files to replace.
     */
    public static Path destinationOf(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (isStreamPath(absolute)) {
            return absolute;
        }
        Path path = absolute;
        for (int i = 0; Files.isSymbolicLink(path); i++) {
            if (i == MAX_LINKS) {
                throw new IOException("cannot write " + target + ": more than " + MAX_LINKS + " links in a chain");
            }
            // a relative link is read from the link's own folder; not normalised, so that a ".." after a linked
            // folder goes where the kernel goes
            path = path.resolveSibling(Files.readSymbolicLink(path));
        }
        Path folder = path.getParent();
        return folder != null && path.getFileName() != null && Files.isDirectory(folder)
                ? folder.toRealPath().resolve(path.getFileName()) : path;
    }

    /**
     * Whether {@code path} is written as it is, without a temporary file: a device, pipe or socket, and a stream's
     * link under {@code /dev} or {@code /proc} ({@code /dev/stdout} redirected to a file names that open file).
     */
    private static boolean inPlace(Path path) {
        if (!Files.exists(path) || Files.isDirectory(path)) {
            return false;
        }
        return !Files.isRegularFile(path) || Files.isSymbolicLink(path) && isStreamPath(path);
    }

    /** Under {@code /dev} or {@code /proc}, where links name open streams ({@code /dev/stdout}), not files. */
    private static boolean isStreamPath(Path absolute) {
        return absolute.startsWith("/dev") || absolute.startsWith("/proc");
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
        if (temp != null) {
            try {
                Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
            }
            PendingTemporaries.remove(temp);
        }
        committed = true;
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
            if (temp != null) {
                Files.deleteIfExists(temp);
                PendingTemporaries.remove(temp);
            }
        }
    }
}
