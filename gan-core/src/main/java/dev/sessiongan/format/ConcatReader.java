package dev.sessiongan.format;

import dev.sessiongan.data.SourceEvent;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** Reads a data file and then its companion file (e.g. YOOCHOOSE clicks, then buys). */
final class ConcatReader implements EventReader {

    private final EventReader first;
    private final Supplier<EventReader> secondOpener;
    private EventReader second;

    ConcatReader(EventReader first, Supplier<EventReader> secondOpener) {
        this.first = first;
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
        return second.hasNext();
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
