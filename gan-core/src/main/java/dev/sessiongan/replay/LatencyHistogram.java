package dev.sessiongan.replay;

/**
 * Latencies in log-spaced buckets (32 a doubling, so a percentile is within about 3 %): constant memory
 * for a million requests. Not thread-safe; the replay records under its lock.
 */
final class LatencyHistogram {

    private static final int LINEAR = 64;
    private static final int SUB = 32;
    private final long[] counts = new long[LINEAR + 58 * SUB];
    private long total;
    private long maxMicros;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[index(v)]++;
        total++;
        maxMicros = Math.max(maxMicros, v);
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return maxMicros;
    }

    /** The {@code q} quantile (0 to 1) in microseconds, 0 with no latencies. */
    long quantileMicros(double q) {
        if (total == 0) {
            return 0;
        }
        long wanted = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= wanted) {
                return Math.min(maxMicros, middle(i));
            }
        }
        return maxMicros;
    }

    private static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v); // 6 or more
        int sub = (int) ((v >>> (exponent - 5)) & (SUB - 1));
        return LINEAR + (exponent - 6) * SUB + sub;
    }

    private static long middle(int index) {
        if (index < LINEAR) {
            return index;
        }
        int exponent = (index - LINEAR) / SUB + 6;
        int sub = (index - LINEAR) % SUB;
        long low = (long) (SUB + sub) << (exponent - 5);
        return low + (1L << (exponent - 5)) / 2;
    }
}
