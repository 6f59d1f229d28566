package dev.sessiongan.diagnostics;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/** Distances between two empirical distributions. */
final class Distances {

    private Distances() {
    }

    /** Total variation: half the L1 distance between the normalised counts (0 = same, 1 = disjoint). */
    static <K> double totalVariation(Map<K, Long> p, Map<K, Long> q) {
        double np = total(p);
        double nq = total(q);
        if (np == 0 || nq == 0) {
            return np == nq ? 0 : 1;
        }
        double sum = 0;
        for (K k : union(p, q)) {
            sum += Math.abs(p.getOrDefault(k, 0L) / np - q.getOrDefault(k, 0L) / nq);
        }
        return sum / 2;
    }

    /** Jensen-Shannon divergence in bits (0 = same, 1 = disjoint). */
    static <K> double jensenShannon(Map<K, Long> p, Map<K, Long> q) {
        double np = total(p);
        double nq = total(q);
        if (np == 0 || nq == 0) {
            return np == nq ? 0 : 1;
        }
        double js = 0;
        for (K k : union(p, q)) {
            double a = p.getOrDefault(k, 0L) / np;
            double b = q.getOrDefault(k, 0L) / nq;
            double m = (a + b) / 2;
            if (a > 0) {
                js += 0.5 * a * log2(a / m);
            }
            if (b > 0) {
                js += 0.5 * b * log2(b / m);
            }
        }
        return Math.max(0, Math.min(1, js));
    }

    /** Two-sample Kolmogorov-Smirnov statistic (largest gap between the empirical CDFs). */
    static double kolmogorovSmirnov(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return a.length == b.length ? 0 : 1;
        }
        return new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(twice(a), twice(b));
    }

    /** commons-math wants two points a side; {x, x} has the same empirical CDF as {x}. */
    private static double[] twice(double[] single) {
        return single.length == 1 ? new double[] {single[0], single[0]} : single;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static <K> double total(Map<K, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static <K> Set<K> union(Map<K, Long> p, Map<K, Long> q) {
        Set<K> keys = new HashSet<>(p.keySet());
        keys.addAll(q.keySet());
        return keys;
    }
}
