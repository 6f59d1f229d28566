package dev.sessiongan.format;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.SourceEvent;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Reads a data file and then its companion file (e.g. YOOCHOOSE clicks, then buys). A companion file without
 * a data row is an error, as a data file without one is: it was named to be read.
 */
final class ConcatReader implements EventReader {

    private final EventReader first;
    private final Path secondFile;
    private final Supplier<EventReader> secondOpener;
    private EventReader second;

    ConcatReader(EventReader first, Path secondFile, Supplier<EventReader> secondOpener) {
        this.first = first;
        this.secondFile = secondFile;
        this.secondOpener = secondOpener;
    }

    @Override
    public boolean hasNext() {
        if (second == null) {
            if (first.hasNext()) {
                return true;
            }
            second = secondOpener.get();
        }
        boolean more = second.hasNext();
        if (!more && second.report().rows() == 0) {
            throw new InvalidInputException(secondFile.toString(), 0, null, "no data rows");
        }
        return more;
    }

    @Override
    public SourceEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return second == null ? first.next() : second.next();
    }

    @Override
    public ReadReport report() {
        return second == null ? first.report() : first.report().plus(second.report());
    }

    @Override
    public void close() {
        try {
            first.close();
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }
}
