package dev.sessiongan.diagnostics;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Does a sample repeat itself or cover only part of what real shoppers do? Compared with a real
 * reference sample, both cut to the same number of sessions (coverage and distinctness depend on size).
 *
 * @param distinctSessionRatio   distinct sessions (as type:item sequences) per session; 1 = no two alike
 * @param duplicateRate          share of sessions identical to another one in the sample
 * @param referenceDuplicateRate the same for the reference (real shoppers repeat too, e.g. one popular view)
 * @param distinctItems          distinct-n over item tokens within sessions, n = 1, 2, 3 (distinct n-grams per n-gram)
 * @param distinctCategories     distinct-n over category tokens, n = 1, 2, 3
 * @param itemCoverage           share of the reference's distinct items that the sample contains
 * @param topItemCoverage        share of the {@value #TOP_ITEMS} most frequent items of one half of the reference
 *                               that a sample of the same size contains
 * @param referenceTopItemCoverage the same for the reference's other half: what real shoppers reach (low where
 *                               popularity has a long tail, e.g. Taobao)
 * @param categoryCoverage       share of the reference's categories the sample contains
 * @param itemEntropyRatio       entropy of the sample's item distribution over the reference's (1 = as spread)
 * @param categoryEntropyRatio   the same for categories
 * @param bins                   the binning test (NDB) on session feature vectors
 * @param prdc                   precision, recall, density and coverage on session feature vectors
 */
public record ModeCollapse(
        double distinctSessionRatio,
        double duplicateRate,
        double referenceDuplicateRate,
        List<Double> distinctItems,
        List<Double> distinctCategories,
        double itemCoverage,
        double topItemCoverage,
        double referenceTopItemCoverage,
        double categoryCoverage,
        double itemEntropyRatio,
        double categoryEntropyRatio,
        Ndb.Result bins,
        Prdc.Result prdc) {

    static final int TOP_ITEMS = 100;
    /** The fewest sessions a side that {@link #measure} compares. */
    public static final int FEWEST_SESSIONS = 2;

    public ModeCollapse {
        distinctItems = List.copyOf(distinctItems);
        distinctCategories = List.copyOf(distinctCategories);
    }

    /** Measures {@code candidate} against {@code reference} (e.g. synthetic vs real holdout sessions). */
    public static ModeCollapse measure(List<UserSession> candidate, List<UserSession> reference, long seed) {
        int size = Math.min(candidate.size(), reference.size());
        if (size < FEWEST_SESSIONS) {
            throw new IllegalArgumentException("mode-collapse metrics need at least 2 sessions a side, got "
                    + candidate.size() + " and " + reference.size());
        }
        List<UserSession> a = Samples.subset(candidate, size, seed);
        List<UserSession> b = Samples.subset(reference, size, seed);
        Map<String, Long> itemsA = Samples.counts(a, ClickEvent::itemId);
        Map<String, Long> itemsB = Samples.counts(b, ClickEvent::itemId);
        Map<String, Long> categoriesA = Samples.counts(a, ModeCollapse::category);
        Map<String, Long> categoriesB = Samples.counts(b, ModeCollapse::category);
        // top-item coverage depends on sample size and on how long-tailed popularity is, so it is measured
        // against one half of the reference, for a same-size candidate sample and for the other half
        int half = size / 2;
        List<String> topItems = Samples.ranked(Samples.counts(b.subList(0, half), ClickEvent::itemId), TOP_ITEMS);
        Set<String> candidateHalf = Samples.counts(a.subList(0, half), ClickEvent::itemId).keySet();
        Set<String> referenceHalf = Samples.counts(b.subList(half, 2 * half), ClickEvent::itemId).keySet();
        double[][][] features = Samples.standardisedFeatures(a, b);
        return new ModeCollapse(
                distinctRatio(a), duplicateRate(a), duplicateRate(b),
                distinctN(a, ClickEvent::itemId), distinctN(a, ModeCollapse::category),
                Samples.share(itemsB.keySet(), itemsA.keySet()), Samples.share(topItems, candidateHalf),
                Samples.share(topItems, referenceHalf),
                Samples.share(categoriesB.keySet(), categoriesA.keySet()),
                entropy(itemsA) / Math.max(1e-12, entropy(itemsB)),
                entropy(categoriesA) / Math.max(1e-12, entropy(categoriesB)),
                Ndb.test(features[0], features[1], Ndb.DEFAULT_BINS, seed),
                Prdc.measure(features[0], features[1], Prdc.DEFAULT_K, seed));
    }

    /**
     * The verdict: mode collapse when the sample repeats whole sessions far more than real shoppers do,
     * piles into a few behaviour bins, covers few of the popular items, or reaches a small part of the real
     * feature space.
     */
    public Verdict verdict() {
        List<String> fired = new ArrayList<>();
        if (duplicateRate > referenceDuplicateRate + 0.25) {
            fired.add(pct(duplicateRate) + " of sessions duplicate another (real: " + pct(referenceDuplicateRate)
                    + "; rule: more than 25 points above real)");
        }
        if (bins.concentrated()) {
            fired.add(pct(bins.topShare()) + " of sessions fall in " + bins.topBins() + " of " + bins.bins()
                    + " behaviour bins, which hold " + pct(bins.referenceShareOfTop())
                    + " of real sessions (rule: half the sample in bins holding under a quarter of real)");
        }
        if (topItemCoverage < 0.5 * referenceTopItemCoverage) {
            fired.add("only " + pct(topItemCoverage) + " of the " + TOP_ITEMS + " most frequent real items appear (other"
                    + " real users: " + pct(referenceTopItemCoverage) + "; rule: under half of that)");
        }
        if (prdc.coverage() < 0.5) {
            fired.add("feature-space coverage " + fmt(prdc.coverage())
                    + ": most real sessions have no synthetic neighbour (rule: under 0.5)");
        }
        if (fired.isEmpty()) {
            return new Verdict("no mode collapse", true, List.of(
                    "duplicates within 25 points of real, no behaviour bin concentration, top-item coverage at"
                            + " least half of other real users', feature-space coverage at least 0.5"));
        }
        return new Verdict("mode collapse", false, fired);
    }

    /** The metrics by name, for tables and JSON. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("distinct_session_ratio", distinctSessionRatio);
        m.put("duplicate_rate", duplicateRate);
        for (int n = 1; n <= 3; n++) {
            m.put("distinct_" + n + "_items", distinctItems.get(n - 1));
        }
        for (int n = 1; n <= 3; n++) {
            m.put("distinct_" + n + "_categories", distinctCategories.get(n - 1));
        }
        m.put("item_coverage", itemCoverage);
        m.put("top_item_coverage", topItemCoverage);
        m.put("reference_top_item_coverage", referenceTopItemCoverage);
        m.put("category_coverage", categoryCoverage);
        m.put("item_entropy_ratio", itemEntropyRatio);
        m.put("category_entropy_ratio", categoryEntropyRatio);
        m.put("ndb_fraction", bins.significantFraction());
        m.put("prdc_precision", prdc.precision());
        m.put("prdc_recall", prdc.recall());
        m.put("prdc_density", prdc.density());
        m.put("prdc_coverage", prdc.coverage());
        return m;
    }

    private static String category(ClickEvent e) {
        return e.categoryId() == null ? "" : e.categoryId();
    }

    static String key(UserSession s) {
        StringBuilder b = new StringBuilder();
        for (ClickEvent e : s.events()) {
            b.append(e.type().ordinal()).append(':').append(e.itemId()).append('\u0001');
        }
        return b.toString();
    }

    private static double distinctRatio(List<UserSession> sessions) {
        Set<String> keys = new HashSet<>();
        sessions.forEach(s -> keys.add(key(s)));
        return keys.size() / (double) sessions.size();
    }

    static double duplicateRate(List<UserSession> sessions) {
        Map<String, Integer> keys = new HashMap<>();
        sessions.forEach(s -> keys.merge(key(s), 1, Integer::sum));
        long duplicated = keys.values().stream().filter(c -> c > 1).mapToLong(Integer::longValue).sum();
        return duplicated / (double) sessions.size();
    }

    private static List<Double> distinctN(List<UserSession> sessions, Function<ClickEvent, String> token) {
        List<Double> out = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            Set<List<String>> distinct = new HashSet<>();
            long total = 0;
            for (UserSession s : sessions) {
                List<String> tokens = s.events().stream().map(token).toList();
                for (int i = 0; i + n <= tokens.size(); i++) {
                    distinct.add(tokens.subList(i, i + n));
                    total++;
                }
            }
            out.add(total == 0 ? 0 : distinct.size() / (double) total);
        }
        return out;
    }

    private static double entropy(Map<String, Long> counts) {
        double total = counts.values().stream().mapToLong(Long::longValue).sum();
        double h = 0;
        for (long c : counts.values()) {
            double p = c / total;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
