package dev.sessiongan.diagnostics;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/** Fixed-seed subsets and feature matrices shared by the metrics. */
final class Samples {

    private Samples() {
    }

    /**
     * A random subset of {@code size} sessions (all of them when there are no more), the same for the same
     * input and seed. Metrics that depend on sample size compare equal-size samples.
     */
    static <T> List<T> subset(List<T> sessions, int size, long seed) {
        if (sessions.size() <= size) {
            return sessions;
        }
        List<T> copy = new ArrayList<>(sessions);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(copy.size() - i);
            T t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return copy.subList(0, size);
    }

    /**
     * Behavioural feature vectors of two samples ({@link SessionFeatures}, popularity counted over both),
     * standardised by the reference sample's mean and standard deviation, so every feature weighs alike in
     * a Euclidean distance.
     *
     * @return {@code [candidate rows, reference rows]}
     */
    static double[][][] standardisedFeatures(List<UserSession> candidate, List<UserSession> reference) {
        List<UserSession> pooled = new ArrayList<>(candidate);
        pooled.addAll(reference);
        SessionFeatures features = SessionFeatures.over(pooled);
        double[][] a = candidate.stream().map(features::of).toArray(double[][]::new);
        double[][] b = reference.stream().map(features::of).toArray(double[][]::new);
        int d = SessionFeatures.NAMES.size();
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : b) {
                mean += row[j];
            }
            mean /= b.length;
            double variance = 0;
            for (double[] row : b) {
                variance += (row[j] - mean) * (row[j] - mean);
            }
            double std = Math.sqrt(variance / b.length);
            double scale = std > 1e-9 ? std : 1;
            for (double[][] rows : new double[][][] {a, b}) {
                for (double[] row : rows) {
                    row[j] = (row[j] - mean) / scale;
                }
            }
        }
        return new double[][][] {a, b};
    }

    /** How often each key (e.g. item id) occurs over all events of the sessions. */
    static Map<String, Long> counts(List<UserSession> sessions, Function<ClickEvent, String> key) {
        Map<String, Long> counts = new HashMap<>();
        sessions.forEach(s -> s.events().forEach(e -> counts.merge(key.apply(e), 1L, Long::sum)));
        return counts;
    }

    /** The {@code limit} most frequent keys, most frequent first, ties in key order. */
    static List<String> ranked(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry::getKey))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    /** The share of {@code wanted} found in {@code present} (1 when nothing is wanted). */
    static double share(Collection<String> wanted, Set<String> present) {
        if (wanted.isEmpty()) {
            return 1;
        }
        return wanted.stream().filter(present::contains).count() / (double) wanted.size();
    }

    static double squaredDistance(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            s += d * d;
        }
        return s;
    }
}
