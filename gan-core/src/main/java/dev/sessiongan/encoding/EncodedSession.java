package dev.sessiongan.encoding;

import java.util.Arrays;

/**
 * A session as head indices, one row per step: {@code [type, category, itemChoice, timeBucket]}. The last
 * row is END (type {@link SessionEncoding#END}, other heads {@code -1}); the first row's time bucket is
 * {@code -1} (no gap before the first event).
 *
 * @param steps the rows
 */
public record EncodedSession(int[][] steps) {

    /** Number of rows, END included. */
    public int length() {
        return steps.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedSession other && Arrays.deepEquals(steps, other.steps);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(steps);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(steps);
    }
}
