package dev.sessiongan.format;

import dev.sessiongan.data.SourceEvent;
import java.util.Iterator;

/**
 * A streaming pass over one source: events in source order, read row by row in constant memory.
 * {@link #next()} throws {@link dev.sessiongan.InvalidInputException} on a bad row unless the
 * options skip bad rows. Close it when done.
 */
public interface EventReader extends Iterator<SourceEvent>, AutoCloseable {

    /** What was read so far; complete once {@link #hasNext()} has returned {@code false}. */
    ReadReport report();

    /** Releases the underlying file. */
    @Override
    void close();
}
