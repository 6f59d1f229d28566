package dev.sessiongan.data;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Summary of a numeric distribution (e.g. session lengths). Quantiles interpolate linearly between
 * order statistics (type 7, the default of R and NumPy), so figures match those tools.
 *
 * @param count  number of values
 * @param min    smallest value
 * @param median 50th percentile
 * @param p90    90th percentile
 * @param p99    99th percentile
 * @param max    largest value
 * @param mean   arithmetic mean
 */
public record Distribution(long count, double min, double median, double p90, double p99, double max, double mean) {

    /** The distribution of no values: every figure is 0. */
    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0, 0);

    /** Summarises the given values (the array is not modified). */
    public static Distribution of(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Percentile percentile = new Percentile().withEstimationType(EstimationType.R_7);
        percentile.setData(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Distribution(sorted.length, sorted[0], percentile.evaluate(50), percentile.evaluate(90),
                percentile.evaluate(99), sorted[sorted.length - 1], sum / sorted.length);
    }
}
