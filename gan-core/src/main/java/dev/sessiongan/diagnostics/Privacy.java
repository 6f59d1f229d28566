package dev.sessiongan.diagnostics;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.internal.Auc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Does a synthetic sample copy the users it was trained on? Every figure is shown beside the same figure
 * for real holdout users, who were never trained on: a synthetic sample may be no closer to the training
 * users than unseen real shoppers are. Distances are between the item sets of sessions with at least two
 * events (1 − Jaccard; 0 = the same items), since a one-event session matches thousands of others.
 *
 * @param exactCopyRate        share of synthetic sessions of 2+ events identical (type and item, in order)
 *                             to a training session
 * @param holdoutExactCopyRate the same for holdout sessions
 * @param meanDcr              mean distance from a synthetic session to the closest training session
 * @param holdoutMeanDcr       the same for holdout sessions
 * @param zeroDcrRate          share of synthetic sessions whose item set equals a training session's
 * @param holdoutZeroDcrRate   the same for holdout sessions
 * @param membershipAuc        how well "closest synthetic session" tells training users from holdout users
 *                             (an attacker holding the synthetic data); 0.5 = not at all
 */
public record Privacy(
        double exactCopyRate,
        double holdoutExactCopyRate,
        double meanDcr,
        double holdoutMeanDcr,
        double zeroDcrRate,
        double holdoutZeroDcrRate,
        double membershipAuc) {

    /** Most sessions looked up per side; distances need an index scan each. */
    static final int MAX_QUERIES = 5_000;

    /** Measures {@code synthetic} against the {@code training} users it must not copy and unseen {@code holdout} users. */
    public static Privacy measure(List<UserSession> synthetic, List<UserSession> training, List<UserSession> holdout,
            long seed) {
        List<UserSession> fake = Samples.subset(multiEvent(synthetic), MAX_QUERIES, seed);
        List<UserSession> unseen = Samples.subset(multiEvent(holdout), MAX_QUERIES, seed);
        if (fake.isEmpty() || unseen.isEmpty()) {
            throw new IllegalArgumentException("privacy metrics need sessions of 2+ events on both sides, got "
                    + fake.size() + " synthetic and " + unseen.size() + " holdout");
        }
        Set<String> trainingKeys = new HashSet<>();
        training.forEach(s -> trainingKeys.add(ModeCollapse.key(s)));
        ItemSetIndex trainingIndex = new ItemSetIndex(multiEvent(training));
        double[] fakeDcr = trainingIndex.closest(fake);
        double[] unseenDcr = trainingIndex.closest(unseen);
        return new Privacy(
                copyRate(fake, trainingKeys), copyRate(unseen, trainingKeys),
                mean(fakeDcr), mean(unseenDcr), zeroRate(fakeDcr), zeroRate(unseenDcr),
                membershipAuc(synthetic, training, holdout, seed));
    }

    /** Fails when the synthetic sample is measurably closer to the training users than unseen users are. */
    public Verdict verdict() {
        List<String> fired = new ArrayList<>();
        if (exactCopyRate > holdoutExactCopyRate + 0.02) {
            fired.add(ModeCollapse.pct(exactCopyRate) + " of synthetic sessions copy a training session exactly"
                    + " (holdout: " + ModeCollapse.pct(holdoutExactCopyRate) + "; rule: over 2 points more)");
        }
        if (zeroDcrRate > holdoutZeroDcrRate + 0.05) {
            fired.add(ModeCollapse.pct(zeroDcrRate) + " of synthetic sessions have a training session's exact item set"
                    + " (holdout: " + ModeCollapse.pct(holdoutZeroDcrRate) + "; rule: over 5 points more)");
        }
        if (membershipAuc > 0.6) {
            fired.add(String.format(Locale.ROOT, "membership inference AUC %.2f (rule: over 0.60)",
                    membershipAuc));
        }
        if (fired.isEmpty()) {
            return new Verdict("no sign of copying", true, List.of("the synthetic sample is no closer to the training"
                    + " users than holdout users are (exact copies, identical item sets, membership inference)"));
        }
        return new Verdict("copies training users", false, fired);
    }

    /** The metrics by name, for tables and JSON. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("exact_copy_rate", exactCopyRate);
        m.put("holdout_exact_copy_rate", holdoutExactCopyRate);
        m.put("mean_dcr", meanDcr);
        m.put("holdout_mean_dcr", holdoutMeanDcr);
        m.put("zero_dcr_rate", zeroDcrRate);
        m.put("holdout_zero_dcr_rate", holdoutZeroDcrRate);
        m.put("membership_auc", membershipAuc);
        return m;
    }

    /**
     * Training users against as many holdout users, each scored by how close their nearest session comes
     * to a synthetic one: if training users score closer, the synthetic data gives membership away.
     */
    private static double membershipAuc(List<UserSession> synthetic, List<UserSession> training,
            List<UserSession> holdout, long seed) {
        List<List<UserSession>> outsiders = byUser(holdout);
        List<List<UserSession>> members = byUser(training);
        int n = Math.min(MAX_QUERIES, Math.min(outsiders.size(), members.size()));
        outsiders = Samples.subset(outsiders, n, seed);
        members = Samples.subset(members, n, seed + 1);
        ItemSetIndex index = new ItemSetIndex(Samples.subset(multiEvent(synthetic), 4 * MAX_QUERIES, seed));
        double[] scores = new double[2 * n];
        int[] labels = new int[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            List<UserSession> user = i < n ? members.get(i) : outsiders.get(i - n);
            double[] distances = index.closest(multiEvent(user));
            double nearest = 1;
            for (double d : distances) {
                nearest = Math.min(nearest, d);
            }
            scores[i] = -nearest;
            labels[i] = i < n ? 1 : 0;
        }
        return Auc.of(scores, labels);
    }

    private static List<List<UserSession>> byUser(List<UserSession> sessions) {
        Map<String, List<UserSession>> users = new LinkedHashMap<>();
        sessions.forEach(s -> users.computeIfAbsent(s.userId(), u -> new ArrayList<>()).add(s));
        return new ArrayList<>(users.values());
    }

    private static List<UserSession> multiEvent(List<UserSession> sessions) {
        return sessions.stream().filter(s -> s.length() >= 2).toList();
    }

    private static double copyRate(List<UserSession> sessions, Set<String> trainingKeys) {
        return sessions.stream().filter(s -> trainingKeys.contains(ModeCollapse.key(s))).count()
                / (double) sessions.size();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double zeroRate(double[] values) {
        long zero = 0;
        for (double v : values) {
            zero += v == 0 ? 1 : 0;
        }
        return zero / (double) values.length;
    }

    /** Item sets of sessions, indexed by item, for nearest-set lookups by Jaccard distance. */
    private static final class ItemSetIndex {
        private final List<Set<String>> sets = new ArrayList<>();
        private final Map<String, List<Integer>> byItem = new HashMap<>();

        ItemSetIndex(List<UserSession> sessions) {
            for (UserSession s : sessions) {
                Set<String> items = items(s);
                int id = sets.size();
                sets.add(items);
                items.forEach(item -> byItem.computeIfAbsent(item, k -> new ArrayList<>()).add(id));
            }
        }

        /** Per query, 1 − the best Jaccard similarity to an indexed set (1 when none shares an item). */
        double[] closest(List<UserSession> queries) {
            double[] out = new double[queries.size()];
            for (int q = 0; q < out.length; q++) {
                Set<String> items = items(queries.get(q));
                Map<Integer, Integer> shared = new HashMap<>();
                for (String item : items) {
                    for (int id : byItem.getOrDefault(item, List.of())) {
                        shared.merge(id, 1, Integer::sum);
                    }
                }
                double best = 0;
                for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
                    int inter = e.getValue();
                    best = Math.max(best, inter / (double) (items.size() + sets.get(e.getKey()).size() - inter));
                }
                out[q] = 1 - best;
            }
            return out;
        }

        private static Set<String> items(UserSession s) {
            Set<String> items = new HashSet<>();
            for (ClickEvent e : s.events()) {
                items.add(e.itemId());
            }
            return items;
        }
    }
}
