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
 * @param classifierDraws the two-sample test of each draw of the candidate, whose AUCs {@code classifierAuc}
 *                      averages (one unless {@link #withDraws} added more), with the AUC on each feature group
 *                      alone where the test ran by group ({@link #classifierAuc(SessionFeatures.Group)})
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
        List<ClassifierTwoSampleTest.Result> classifierDraws,
        List<Fidelity> fidelityDraws) {

    public Evaluation {
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions must be >= 0, got " + sessions);
        }
        classifierDraws = List.copyOf(classifierDraws);
        fidelityDraws = List.copyOf(fidelityDraws);
        if (classifierDraws.size() != fidelityDraws.size()) {
            throw new IllegalArgumentException("each draw has an AUC and a fidelity: " + classifierDraws.size()
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
        ClassifierTwoSampleTest.Result test = new ClassifierTwoSampleTest().runByGroup(candidate, holdout, seed);
        Fidelity fidelity = Fidelity.of(candidate, holdout, 0);
        return new Evaluation(name, candidate.size(), test.auc(), fidelity,
                ModeCollapse.measure(candidate, holdout, seed),
                training == null ? null : Privacy.measure(candidate, training, holdout, seed),
                NextItemHitRate.of(candidate, holdout),
                Charts.of(candidate, holdout),
                List.of(test),
                List.of(fidelity));
    }

    /**
     * This evaluation with its classifier AUC and fidelity distances averaged over several draws of the
     * candidate, this one's first (each draw: the two-sample test and the fidelity of one sample,
     * {@link ClassifierTwoSampleTest#runByGroup}, {@link Fidelity#of}).
     * One sample of 5,000 users is a few tens of thousands of events, and on REES46 one draw's AUC moves by
     * ±0.03 and its transition distance by ±0.004 (its pooled transitions are dominated by long sessions).
     */
    public Evaluation withDraws(List<ClassifierTwoSampleTest.Result> tests, List<Fidelity> fidelities) {
        if (tests.isEmpty() || fidelities.isEmpty()) {
            throw new IllegalArgumentException("no draws");
        }
        double mean = tests.stream().mapToDouble(ClassifierTwoSampleTest.Result::auc).average().orElseThrow();
        return new Evaluation(name, sessions, mean, Fidelity.mean(fidelities), modeCollapse, privacy, nextItem, charts,
                tests, fidelities);
    }

    /** The classifier AUC of each draw, which {@code classifierAuc} averages. */
    public List<Double> classifierAucDraws() {
        return classifierDraws.stream().map(ClassifierTwoSampleTest.Result::auc).toList();
    }

    /** Sample standard deviation of the classifier AUC over the draws (0 for one draw). */
    public double classifierAucSd() {
        return sd(classifierAucDraws());
    }

    /** Whether every draw's test was also run on each feature group alone. */
    public boolean hasGroupAucs() {
        return classifierDraws.stream().allMatch(d -> d.byGroup().size() == SessionFeatures.Group.values().length);
    }

    /**
     * The classifier AUC on one feature group's features alone, averaged over the draws.
     *
     * @throws IllegalStateException if the draws were not tested by group ({@link #hasGroupAucs})
     */
    public double classifierAuc(SessionFeatures.Group group) {
        return groupDraws(group).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Sample standard deviation of {@link #classifierAuc(SessionFeatures.Group)} over the draws (0 for one). */
    public double classifierAucSd(SessionFeatures.Group group) {
        return sd(groupDraws(group));
    }

    private List<Double> groupDraws(SessionFeatures.Group group) {
        if (!hasGroupAucs()) {
            throw new IllegalStateException(name + ": the two-sample test did not run by feature group");
        }
        return classifierDraws.stream().map(d -> d.byGroup().get(group)).toList();
    }

    private static double sd(List<Double> values) {
        double[] draws = values.stream().mapToDouble(Double::doubleValue).toArray();
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
        if (classifierDraws.size() > 1) {
            m.put("classifier_auc_sd", classifierAucSd());
            m.put("classifier_auc_draws", classifierAucDraws());
        }
        if (hasGroupAucs()) {
            for (SessionFeatures.Group group : SessionFeatures.Group.values()) {
                String key = "classifier_auc_" + group.key();
                m.put(key, classifierAuc(group));
                if (classifierDraws.size() > 1) {
                    m.put(key + "_sd", classifierAucSd(group));
                    m.put(key + "_draws", groupDraws(group));
                }
            }
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
