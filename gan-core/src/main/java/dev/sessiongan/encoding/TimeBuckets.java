package dev.sessiongan.encoding;

/**
 * Log-scaled buckets for the gap between two events: bucket 0 is "same second" (under 1 s), bucket
 * {@code k >= 1} holds gaps in {@code [2^(k-1), 2^k)} seconds, and the last bucket everything longer.
 */
final class TimeBuckets {

    private TimeBuckets() {
    }

    /** The bucket of a gap, given the number of buckets. */
    static int of(long gapMillis, int buckets) {
        if (gapMillis < 1000) {
            return 0;
        }
        int k = 64 - Long.numberOfLeadingZeros(gapMillis / 1000);
        return Math.min(k, buckets - 1);
    }

    /** Smallest gap in bucket {@code k}, in milliseconds. */
    static long lowerMillis(int k) {
        return k == 0 ? 0 : 1000L << (k - 1);
    }
}
