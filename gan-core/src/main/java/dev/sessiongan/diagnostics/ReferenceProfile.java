package dev.sessiongan.diagnostics;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small summary of the training data saved in the model file, so that a model's output can be checked
 * for mode collapse without the data at hand ({@code sessiongan diagnose --model-file M}). Measured on
 * two disjoint same-size samples of the training sessions, the way a generated sample is measured.
 *
 * @param sampleSessions       the sample size every figure refers to
 * @param duplicateRate        share of sampled training sessions identical to another in the sample
 * @param topItems             the most frequent items of one sample
 * @param topItemCoverage      the share of {@code topItems} that the other sample contains
 */
public record ReferenceProfile(int sampleSessions, double duplicateRate, List<String> topItems,
        double topItemCoverage) {

    /** Largest sample used; larger training sets are subsampled. */
    static final int MAX_SAMPLE = 2_000;

    public ReferenceProfile {
        topItems = List.copyOf(topItems);
    }

    /** The profile of training sessions (at least 4). */
    public static ReferenceProfile of(List<UserSession> training, long seed) {
        int n = Math.min(MAX_SAMPLE, training.size() / 2);
        if (n < 2) {
            throw new IllegalArgumentException("a reference profile needs at least 4 sessions, got " + training.size());
        }
        List<UserSession> both = Samples.subset(training, 2 * n, seed);
        List<UserSession> first = both.subList(0, n);
        List<String> top = top(first);
        return new ReferenceProfile(n, ModeCollapse.duplicateRate(first), top, coverage(top, both.subList(n, 2 * n)));
    }

    /**
     * The mode-collapse verdict on generated sessions against this profile: the repetition and top-item
     * rules of {@link ModeCollapse#verdict()} (the binning and PRDC rules need real feature vectors, so
     * they run only when real sessions are given).
     */
    public Verdict judge(List<UserSession> generated, long seed) {
        if (generated.size() < sampleSessions) {
            throw new IllegalArgumentException("need at least " + sampleSessions + " generated sessions, got "
                    + generated.size());
        }
        List<UserSession> sample = Samples.subset(generated, sampleSessions, seed);
        double duplicates = ModeCollapse.duplicateRate(sample);
        double coverage = coverage(topItems, sample);
        List<String> fired = new ArrayList<>();
        if (duplicates > duplicateRate + 0.25) {
            fired.add(ModeCollapse.pct(duplicates) + " of sessions duplicate another (training data: "
                    + ModeCollapse.pct(duplicateRate) + "; rule: more than 25 points above)");
        }
        if (coverage < 0.5 * topItemCoverage) {
            fired.add("only " + ModeCollapse.pct(coverage) + " of the training data's " + topItems.size()
                    + " most frequent items appear (another training sample: " + ModeCollapse.pct(topItemCoverage)
                    + "; rule: under half of that)");
        }
        String scope = "against the training data's profile saved in the model; give --holdout for the binning"
                + " and feature-space rules";
        if (fired.isEmpty()) {
            return new Verdict("no mode collapse", true, List.of(String.format(Locale.ROOT,
                    "duplicates %s (training %s), top-item coverage %s (training %s), %s", ModeCollapse.pct(duplicates),
                    ModeCollapse.pct(duplicateRate), ModeCollapse.pct(coverage), ModeCollapse.pct(topItemCoverage),
                    scope)));
        }
        fired.add(scope);
        return new Verdict("mode collapse", false, fired);
    }

    private static List<String> top(List<UserSession> sessions) {
        return Samples.ranked(Samples.counts(sessions, ClickEvent::itemId), ModeCollapse.TOP_ITEMS);
    }

    private static double coverage(List<String> items, List<UserSession> sample) {
        return Samples.share(items, Samples.counts(sample, ClickEvent::itemId).keySet());
    }
}
