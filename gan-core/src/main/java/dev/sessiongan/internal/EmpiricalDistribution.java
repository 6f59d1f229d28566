package dev.sessiongan.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A continuous distribution kept as its quantiles at 0, 1, ..., 100 percent and sampled by inverse
 * transform with linear interpolation: compact, and faithful enough for gaps and offsets.
 */
public final class EmpiricalDistribution {

    public static final int POINTS = 101;

    private final double[] quantiles;

    public EmpiricalDistribution(double[] quantiles) {
        this.quantiles = quantiles.clone();
    }

    /** Fits the quantiles of the given values; {@code null} if there are none. */
    public static double[] quantilesOf(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] q = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double h = (sorted.length - 1) * (i / (double) (POINTS - 1));
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, sorted.length - 1);
            // never below the point before: the interpolation's rounding can come out an ulp above the next value
            q[i] = Math.max(i == 0 ? sorted[0] : q[i - 1], sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]));
        }
        return q;
    }

    public double sample(SplittableRandom random) {
        double u = random.nextDouble() * (quantiles.length - 1);
        int lo = (int) u;
        if (lo >= quantiles.length - 1) {
            return quantiles[quantiles.length - 1];
        }
        return quantiles[lo] + (u - lo) * (quantiles[lo + 1] - quantiles[lo]);
    }
}
