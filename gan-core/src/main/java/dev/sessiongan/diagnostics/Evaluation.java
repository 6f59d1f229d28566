package dev.sessiongan.diagnostics;

import dev.sessiongan.data.UserSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Every metric of one candidate sample against real holdout sessions: the classifier two-sample test,
 * fidelity, mode collapse, privacy (when the training sessions are known) and train-on-synthetic,
 * test-on-real. A report has one such column for the model, one for the Markov baseline and one for
 * real-vs-real (training users' own sessions as the candidate), so every number has its yardsticks.
 *
 * @param name          column title
 * @param sessions      sessions in the candidate sample (its first draw, if several)
 * @param classifierAuc cross-validated AUC of a classifier telling candidate from holdout sessions
 * @param fidelity      distances to the holdout, metric by metric (averaged over the draws, if several)
 * @param modeCollapse  repetition, coverage, bins and PRDC against the holdout
 * @param privacy       closeness to the training users against the holdout's, or {@code null} without training data
 * @param nextItem      hit rate @ 20 on the holdout of a next-item recommender fitted on the candidate
 * @param charts        distributions to plot (session lengths, categories, transitions, coverage)
 * @param classifierAucDraws the two-sample AUC of each draw of the candidate that {@code classifierAuc} averages
 *                      (one unless {@link #withDraws} added more)
 * @param fidelityDraws the fidelity of each of those draws, which {@code fidelity} averages
 */
public record Evaluation(
        String name,
        int sessions,
        double classifierAuc,
        Fidelity fidelity,
        ModeCollapse modeCollapse,
        Privacy privacy,
        NextItemHitRate nextItem,
        Charts charts,
        List<Double> classifierAucDraws,
        List<Fidelity> fidelityDraws) {

    public Evaluation {
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions must be >= 0, got " + sessions);
        }
        classifierAucDraws = List.copyOf(classifierAucDraws);
        fidelityDraws = List.copyOf(fidelityDraws);
        if (classifierAucDraws.size() != fidelityDraws.size()) {
            throw new IllegalArgumentException("each draw has an AUC and a fidelity: " + classifierAucDraws.size()
                    + " AUCs, " + fidelityDraws.size() + " fidelities");
        }
    }

    /**
     * Evaluates a candidate sample.
     *
     * @param training the real training sessions, or {@code null} (then no privacy figures)
     */
    public static Evaluation of(String name, List<UserSession> candidate, List<UserSession> holdout,
            List<UserSession> training, long seed) {
        double auc = new ClassifierTwoSampleTest().run(candidate, holdout, seed).auc();
        Fidelity fidelity = Fidelity.of(candidate, holdout, 0);
        return new Evaluation(name, candidate.size(), auc, fidelity,
                ModeCollapse.measure(candidate, holdout, seed),
                training == null ? null : Privacy.measure(candidate, training, holdout, seed),
                NextItemHitRate.of(candidate, holdout),
                Charts.of(candidate, holdout),
                List.of(auc),
                List.of(fidelity));
    }

    /**
     * This evaluation with its classifier AUC and fidelity distances averaged over several draws of the
     * candidate, this one's first (each draw: the AUC and the fidelity of one sample, {@link Fidelity#of}).
     * One sample of 5,000 users is a few tens of thousands of events, and on REES46 one draw's AUC moves by
     * ±0.03 and its transition distance by ±0.004 (its pooled transitions are dominated by long sessions).
     */
    public Evaluation withDraws(List<Double> aucs, List<Fidelity> fidelities) {
        if (aucs.isEmpty() || fidelities.isEmpty()) {
            throw new IllegalArgumentException("no draws");
        }
        double mean = aucs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new Evaluation(name, sessions, mean, Fidelity.mean(fidelities), modeCollapse, privacy, nextItem, charts,
                aucs, fidelities);
    }

    /** Sample standard deviation of the classifier AUC over the draws (0 for one draw). */
    public double classifierAucSd() {
        double[] draws = classifierAucDraws.stream().mapToDouble(Double::doubleValue).toArray();
        return draws.length < 2 ? 0 : new StandardDeviation().evaluate(draws);
    }

    /** Sample standard deviation of each fidelity distance over the draws (all 0 for one draw). */
    public Fidelity fidelitySd() {
        return Fidelity.sd(fidelityDraws);
    }

    /** Every figure by section and name, for JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("sessions", sessions);
        m.put("classifier_auc", classifierAuc);
        if (classifierAucDraws.size() > 1) {
            m.put("classifier_auc_sd", classifierAucSd());
            m.put("classifier_auc_draws", classifierAucDraws);
        }
        m.put("fidelity", fidelity.asMap());
        if (fidelityDraws.size() > 1) {
            m.put("fidelity_sd", fidelitySd().asMap());
            m.put("fidelity_draws", fidelityDraws.stream().map(Fidelity::asMap).toList());
        }
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
