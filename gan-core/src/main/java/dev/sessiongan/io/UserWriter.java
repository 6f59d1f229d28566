package dev.sessiongan.io;

import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;

/**
 * Streams users to one output. Output to a file becomes visible under its name only on
 * {@link #commit()}; closing an uncommitted writer discards what was written.
 */
public interface UserWriter extends AutoCloseable {

    /** Writes one user. */
    void write(VirtualUser user) throws IOException;

    /** Completes the output (for a file: moves it into place). */
    void commit() throws IOException;

    /** Releases the output; discards it unless committed. */
    @Override
    void close() throws IOException;
}
