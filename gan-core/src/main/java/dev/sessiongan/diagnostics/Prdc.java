package dev.sessiongan.diagnostics;

import java.util.Arrays;

/**
 * Precision, recall, density and coverage (Naeem et al., 2020) with k-nearest-neighbour balls on feature
 * vectors. Precision: share of synthetic points inside some real point's ball (realism); recall: share of
 * real points inside some synthetic point's ball (diversity); density: how many real balls a synthetic
 * point falls in, over k (about 1 when matched); coverage: share of real points whose ball holds a
 * synthetic point (about 1 when matched, low under mode collapse).
 */
final class Prdc {

    static final int DEFAULT_K = 5;
    /** Quadratic in the sample size, so both samples are cut to this many points. */
    static final int MAX_POINTS = 2_000;

    record Result(double precision, double recall, double density, double coverage) {
    }

    private Prdc() {
    }

    /** Measures with {@code k} neighbours, or fewer when a sample has no more than {@code k} points. */
    static Result measure(double[][] synthetic, double[][] real, int nearest, long seed) {
        double[][] fake = cut(synthetic, seed);
        double[][] truth = cut(real, seed + 1);
        int k = Math.min(nearest, Math.min(fake.length, truth.length) - 1);
        if (k < 1) {
            throw new IllegalArgumentException("PRDC needs at least 2 points a side, got " + fake.length + " and "
                    + truth.length);
        }
        double[] realRadius = kthNeighbour(truth, k);
        double[] fakeRadius = kthNeighbour(fake, k);
        long precise = 0;
        long inBalls = 0;
        for (double[] f : fake) {
            boolean inAny = false;
            for (int i = 0; i < truth.length; i++) {
                if (Samples.squaredDistance(f, truth[i]) <= realRadius[i]) {
                    inAny = true;
                    inBalls++;
                }
            }
            precise += inAny ? 1 : 0;
        }
        long recalled = 0;
        for (double[] r : truth) {
            recalled += anyBallHolds(r, fake, fakeRadius) ? 1 : 0;
        }
        long coverage = 0;
        for (int i = 0; i < truth.length; i++) {
            coverage += anyWithin(truth[i], fake, realRadius[i]) ? 1 : 0;
        }
        return new Result(precise / (double) fake.length, recalled / (double) truth.length,
                inBalls / (double) k / fake.length, coverage / (double) truth.length);
    }

    private static boolean anyBallHolds(double[] point, double[][] centres, double[] radius) {
        for (int j = 0; j < centres.length; j++) {
            if (Samples.squaredDistance(point, centres[j]) <= radius[j]) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyWithin(double[] point, double[][] others, double radius) {
        for (double[] o : others) {
            if (Samples.squaredDistance(point, o) <= radius) {
                return true;
            }
        }
        return false;
    }

    /** Squared distance from each point to its k-th nearest other point. */
    private static double[] kthNeighbour(double[][] points, int k) {
        double[] radius = new double[points.length];
        double[] d = new double[points.length - 1];
        for (int i = 0; i < points.length; i++) {
            int at = 0;
            for (int j = 0; j < points.length; j++) {
                if (j != i) {
                    d[at++] = Samples.squaredDistance(points[i], points[j]);
                }
            }
            Arrays.sort(d);
            radius[i] = d[k - 1];
        }
        return radius;
    }

    private static double[][] cut(double[][] rows, long seed) {
        return Samples.subset(Arrays.asList(rows), MAX_POINTS, seed).toArray(double[][]::new);
    }
}
