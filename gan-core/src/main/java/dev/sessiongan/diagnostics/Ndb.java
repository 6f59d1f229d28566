package dev.sessiongan.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;

/**
 * Number of statistically different bins (Richardson and Weiss, 2018): k-means bins fitted on the
 * reference feature vectors, both samples assigned to the nearest centre, and each bin's two proportions
 * compared with a two-proportion z-test at α = 0.05. A sample from the reference's own distribution has
 * about 5 % of bins different by chance; a collapsed one has many, and piles into a few.
 */
final class Ndb {

    static final int DEFAULT_BINS = 50;
    private static final double Z_CRITICAL = 1.959964; // two-sided, alpha 0.05
    private static final int MAX_ITERATIONS = 100;

    /**
     * @param bins                 number of bins actually used (fewer than asked when the reference has few
     *                             distinct vectors)
     * @param significant          bins whose proportions differ significantly
     * @param topBins              the fewest bins holding at least half of the candidate sample
     * @param topShare             the candidate share in those bins
     * @param referenceShareOfTop  the reference share in the same bins
     */
    record Result(int bins, int significant, int topBins, double topShare, double referenceShareOfTop) {

        double significantFraction() {
            return bins == 0 ? 0 : significant / (double) bins;
        }

        /** Half the candidate sample sits in bins that hold under a quarter of the reference. */
        boolean concentrated() {
            return referenceShareOfTop < 0.25;
        }
    }

    private Ndb() {
    }

    static Result test(double[][] candidate, double[][] reference, int bins, long seed) {
        Set<String> distinct = new HashSet<>();
        for (double[] row : reference) {
            distinct.add(Arrays.toString(row));
        }
        int k = Math.max(1, Math.min(bins, Math.min(distinct.size(), reference.length / 10)));
        List<DoublePoint> points = new ArrayList<>(reference.length);
        for (double[] row : reference) {
            points.add(new DoublePoint(row));
        }
        List<CentroidCluster<DoublePoint>> clusters = new KMeansPlusPlusClusterer<DoublePoint>(k, MAX_ITERATIONS,
                new EuclideanDistance(), new Well19937c(seed)).cluster(points);
        double[][] centres = clusters.stream().map(c -> c.getCenter().getPoint()).toArray(double[][]::new);
        long[] a = assign(candidate, centres);
        long[] b = assign(reference, centres);
        int significant = 0;
        for (int i = 0; i < centres.length; i++) {
            if (differs(a[i], candidate.length, b[i], reference.length)) {
                significant++;
            }
        }
        Integer[] order = new Integer[centres.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(a[y], a[x]));
        long held = 0;
        long referenceHeld = 0;
        int top = 0;
        while (top < order.length && held * 2 < candidate.length) {
            held += a[order[top]];
            referenceHeld += b[order[top]];
            top++;
        }
        return new Result(centres.length, significant, top, held / (double) candidate.length,
                referenceHeld / (double) reference.length);
    }

    private static long[] assign(double[][] rows, double[][] centres) {
        long[] counts = new long[centres.length];
        for (double[] row : rows) {
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < centres.length; c++) {
                double d = Samples.squaredDistance(row, centres[c]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            counts[best]++;
        }
        return counts;
    }

    private static boolean differs(long x1, long n1, long x2, long n2) {
        double p1 = x1 / (double) n1;
        double p2 = x2 / (double) n2;
        double pooled = (x1 + x2) / (double) (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        return se > 0 && Math.abs(p1 - p2) / se > Z_CRITICAL;
    }
}
