package dev.sessiongan.internal;

import java.util.Arrays;

/** Area under the ROC curve, by the rank-sum (Mann-Whitney) formula with ties counted half. */
public final class Auc {

    private Auc() {
    }

    /** AUC of two samples' scores: the chance a random one of {@code positives} outscores one of {@code negatives}. */
    public static double of(double[] positives, double[] negatives) {
        double[] scores = Arrays.copyOf(positives, positives.length + negatives.length);
        System.arraycopy(negatives, 0, scores, positives.length, negatives.length);
        int[] labels = new int[scores.length];
        Arrays.fill(labels, 0, positives.length, 1);
        return of(scores, labels);
    }

    /** AUC of {@code scores} for labels in {0, 1}: the chance a random positive outscores a random negative. */
    public static double of(double[] scores, int[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUC needs both classes, got " + positives + " positives and "
                    + negatives + " negatives");
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}
