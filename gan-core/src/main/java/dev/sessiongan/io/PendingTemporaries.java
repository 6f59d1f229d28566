package dev.sessiongan.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The temporary files and folders of {@link AtomicFile} and {@link AtomicDirectory} not yet committed or
 * discarded, deleted if the JVM shuts down first (SIGTERM, Ctrl-C, {@code System.exit}). Why: an interrupted
 * {@code generate} otherwise left its hidden temporary output behind, hundreds of MB of it. A JVM killed outright
 * (SIGKILL) runs no hook, so that case still leaves one.
 */
final class PendingTemporaries {

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private PendingTemporaries() {
    }

    static void add(Path temporary) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(PendingTemporaries::deleteAll, "sessiongan-temporaries"));
        }
        PENDING.add(temporary);
    }

    /** Forgets a temporary that was moved into place or deleted. */
    static void remove(Path temporary) {
        PENDING.remove(temporary);
    }

    static boolean contains(Path temporary) {
        return PENDING.contains(temporary);
    }

    /**
     * Deletes every pending temporary, best effort. A writer still running meanwhile keeps writing to an
     * unlinked file, and its commit then fails to move it: the target is left as it was.
     */
    static void deleteAll() {
        for (Path temporary : PENDING) {
            try {
                deleteTree(temporary);
            } catch (IOException | UncheckedIOException e) {
                // shutting down: nothing to report to, and the other temporaries still go
            }
            PENDING.remove(temporary);
        }
    }

    /** Deletes a file, or a folder with everything in it; nothing where there is nothing. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
