package dev.sessiongan.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws an index with probability proportional to integer counts (exact, by cumulative search). */
public final class WeightedChoice {

    private final long[] cumulative;

    public WeightedChoice(long[] counts) {
        if (counts.length == 0) {
            throw new IllegalArgumentException("no choices");
        }
        cumulative = new long[counts.length];
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("negative count " + counts[i]);
            }
            try {
                sum = Math.addExact(sum, counts[i]);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("counts sum past " + Long.MAX_VALUE);
            }
            cumulative[i] = sum;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("all counts are zero");
        }
    }

    public int next(SplittableRandom random) {
        return indexAt(random.nextLong(cumulative[cumulative.length - 1]));
    }

    /**
     * As {@link #next}, but never {@code excluded} (a draw among the others, in proportion to their counts);
     * {@code excluded} itself, without a draw, when it holds all the weight.
     */
    public int nextExcept(SplittableRandom random, int excluded) {
        long total = cumulative[cumulative.length - 1];
        long before = excluded == 0 ? 0 : cumulative[excluded - 1];
        long weight = cumulative[excluded] - before;
        if (weight == total) {
            return excluded;
        }
        long r = random.nextLong(total - weight);
        return indexAt(r >= before ? r + weight : r); // a draw from the excluded range on lands beyond it
    }

    /** The index whose range of cumulative counts holds {@code r} (0 <= r < the total). */
    private int indexAt(long r) {
        int i = Arrays.binarySearch(cumulative, r + 1);
        return i >= 0 ? firstAt(i) : -i - 1;
    }

    /** Several equal cumulative values mean zero-count entries; take the first index reaching the value. */
    private int firstAt(int i) {
        while (i > 0 && cumulative[i - 1] == cumulative[i]) {
            i--;
        }
        return i;
    }
}
