package dev.sessiongan.format;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.Sessionizer;
import java.time.Duration;
import java.util.Objects;

/**
 * How to read a clickstream.
 *
 * @param onError    what to do with a bad row
 * @param sessionGap inactivity gap that splits sessions where the source has no session id
 * @param maxRows    read at most this many data rows (a slice); {@code Long.MAX_VALUE} for all
 */
public record ReadOptions(ErrorPolicy onError, Duration sessionGap, long maxRows) {

    /** Fail on the first bad row, 30-minute gap, every row. */
    public static final ReadOptions DEFAULT = new ReadOptions(ErrorPolicy.FAIL, Sessionizer.DEFAULT_GAP, Long.MAX_VALUE);

    public ReadOptions {
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(sessionGap, "sessionGap");
        if (sessionGap.isZero() || sessionGap.isNegative()) {
            throw new InvalidInputException("session gap must be positive, got " + sessionGap);
        }
        if (maxRows < 1) {
            throw new InvalidInputException("max rows must be >= 1, got " + maxRows);
        }
    }

    /** A copy with another error policy. */
    public ReadOptions withOnError(ErrorPolicy policy) {
        return new ReadOptions(policy, sessionGap, maxRows);
    }

    /** A copy with another session gap. */
    public ReadOptions withSessionGap(Duration gap) {
        return new ReadOptions(onError, gap, maxRows);
    }

    /** A copy that reads at most {@code rows} data rows. */
    public ReadOptions withMaxRows(long rows) {
        return new ReadOptions(onError, sessionGap, rows);
    }
}
