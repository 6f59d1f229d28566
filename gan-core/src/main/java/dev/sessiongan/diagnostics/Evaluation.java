package dev.sessiongan.diagnostics;

import dev.sessiongan.data.UserSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every metric of one candidate sample against real holdout sessions: the classifier two-sample test,
 * fidelity, mode collapse, privacy (when the training sessions are known) and train-on-synthetic,
 * test-on-real. A report has one such column for the model, one for the Markov baseline and one for
 * real-vs-real (the training sessions themselves as the candidate), so every number has its yardsticks.
 *
 * @param name          column title
 * @param classifierAuc cross-validated AUC of a classifier telling candidate from holdout sessions
 * @param fidelity      distances to the holdout, metric by metric
 * @param modeCollapse  repetition, coverage, bins and PRDC against the holdout
 * @param privacy       closeness to the training users against the holdout's, or {@code null} without training data
 * @param nextItem      hit rate @ 20 on the holdout of a next-item recommender fitted on the candidate
 * @param charts        distributions to plot (session lengths, categories, transitions, coverage)
 */
public record Evaluation(
        String name,
        double classifierAuc,
        Fidelity fidelity,
        ModeCollapse modeCollapse,
        Privacy privacy,
        NextItemHitRate nextItem,
        Charts charts) {

    /**
     * Evaluates a candidate sample.
     *
     * @param training the real training sessions, or {@code null} (then no privacy figures)
     */
    public static Evaluation of(String name, List<UserSession> candidate, List<UserSession> holdout,
            List<UserSession> training, long seed) {
        return new Evaluation(name,
                new ClassifierTwoSampleTest().run(candidate, holdout, seed).auc(),
                Fidelity.compare(candidate, holdout),
                ModeCollapse.measure(candidate, holdout, seed),
                training == null ? null : Privacy.measure(candidate, training, holdout, seed),
                NextItemHitRate.of(candidate, holdout),
                Charts.of(candidate, holdout));
    }

    /** Every figure by section and name, for JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("classifier_auc", classifierAuc);
        m.put("fidelity", fidelity.asMap());
        m.put("mode_collapse", modeCollapse.asMap());
        m.put("mode_collapse_verdict", modeCollapse.verdict());
        if (privacy != null) {
            m.put("privacy", privacy.asMap());
            m.put("privacy_verdict", privacy.verdict());
        }
        m.put("next_item_hit_rate_at_20", nextItem.hitRate());
        m.put("next_item_cases", nextItem.cases());
        m.put("charts", charts);
        return m;
    }
}
