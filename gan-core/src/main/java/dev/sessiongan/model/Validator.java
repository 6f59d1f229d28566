package dev.sessiongan.model;

import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.ClassifierTwoSampleTest;
import dev.sessiongan.diagnostics.Fidelity;
import dev.sessiongan.diagnostics.SessionFeatures;
import dev.sessiongan.generate.GenerationRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Scores generators against the users held out of training: the classifier two-sample AUC of generated
 * sessions against theirs, averaged over {@value #REPEATS} classifier seeds, plus the two fidelity distances the
 * classifier weighs least, transitions (TV) and session length (KS). Lower is better; 0.5 is the AUC's floor.
 * Every epoch is scored on the same draw of generated users; where two generators are compared (the rematch, a
 * calibration, a critic for generation) each is scored on {@value #CHECKS} fresh draws of the comparison's own
 * series, so that neither is favoured by the draws an epoch won on.
 */
final class Validator {

    /** Classifier seeds whose two-sample AUCs are averaged into one validation. */
    static final int REPEATS = 3;

    /** Fresh draws averaged where two generators are compared. */
    static final int CHECKS = 3;

    // the draw series of each comparison: negative, so never an epoch's
    /** The rematch of the phases' best epochs. */
    static final long REMATCH_DRAWS = -1;
    /** The check of a calibration's corrections. */
    static final long CALIBRATION_DRAWS = -2;
    /** The check of a critic for generation. */
    static final long GUIDANCE_DRAWS = -3;

    /** Most users generated for one validation. */
    private static final int MAX_USERS = 3_000;

    /** Seed offset of the validation generation, so validation never shares draws with training. */
    private static final long SEED_SALT = 0x5EED_0F_7A11L;

    /** A validation's figures; the AUC by feature group is NaN where it was not measured (fresh-draw checks). */
    record Validation(double auc, double score, double behaviourAuc, double catalogAuc) {
    }

    /** A generator's validation without and with a change, on the same draws, and their difference's noise. */
    record Paired(Validation without, Validation with, double margin) {
    }

    private final List<UserSession> heldOut;
    private final long generatedUsers;
    private final long seed;

    /**
     * @param heldOut      the held-out users' sessions
     * @param heldOutUsers how many users they are
     * @param seed         the run's seed
     */
    Validator(List<UserSession> heldOut, int heldOutUsers, long seed) {
        this.heldOut = heldOut;
        // generation is the slow part of validation: enough users for the two-sample test's repeated draws,
        // capped so that a large dataset (Taobao holds out 5,335 users) does not spend minutes per epoch on it
        this.generatedUsers = Math.max(GanGenerator.SHARD, Math.min((long) REPEATS * heldOutUsers, MAX_USERS));
        this.seed = seed;
    }

    /**
     * An epoch's validation, on the draw every epoch shares, so that epochs differ by their weights and not by
     * their draws; the classifier's seeds are averaged because one seed's AUC swings by ±0.05 on a few hundred
     * users, enough to pick a poor epoch by luck. With the AUC on each feature group alone too: the epoch's record
     * shows whether it moved what the tokens decide or what decoding does.
     */
    Validation validateEpoch(GanGenerator candidate) {
        return validate(candidate, seed ^ SEED_SALT, true);
    }

    /** The validation averaged over {@value #CHECKS} fresh draws of the {@code draws} series. */
    Validation validateFresh(GanGenerator candidate, long draws) {
        return mean(checkedDraws(candidate, draws));
    }

    /**
     * A generator without and with a change (a calibration, a critic), validated on the same fresh draws of the
     * {@code draws} series: each one's mean validation, and the noise margin of their paired AUC difference
     * ({@link #margin}).
     */
    Paired compare(GanGenerator without, GanGenerator with, long draws) {
        List<Validation> before = checkedDraws(without, draws);
        List<Validation> after = checkedDraws(with, draws);
        return new Paired(mean(before), mean(after), margin(aucs(before), aucs(after)));
    }

    /**
     * How much worse a changed generator's validation AUC may be than the unchanged one's, draw by draw on the
     * same draws, and the change still count as no worse (a calibration; a critic for generation must do better
     * than this): two standard errors of the mean paired difference. Why: a calibration's corrections are fitted
     * to the training users' token frequencies, and one validation draw's AUC moves by ±0.01 (Taobao) to ±0.05
     * (REES46's 363 validation users), so "not worse at all" would keep or drop corrections that change little
     * by the draws' luck.
     */
    static double margin(double[] before, double[] after) {
        int n = before.length;
        if (n < 2) {
            return 0;
        }
        double[] difference = new double[n];
        for (int i = 0; i < n; i++) {
            difference[i] = after[i] - before[i];
        }
        return 2 * new StandardDeviation().evaluate(difference) / Math.sqrt(n);
    }

    private List<Validation> checkedDraws(GanGenerator candidate, long draws) {
        List<Validation> out = new ArrayList<>(CHECKS);
        for (int d = 0; d < CHECKS; d++) {
            out.add(validate(candidate, Draws.stream(seed ^ SEED_SALT, draws * CHECKS + d), false));
        }
        return out;
    }

    /**
     * @param byGroup also the AUC on each feature group alone; the overall AUC is the same
     */
    private Validation validate(GanGenerator candidate, long generationSeed, boolean byGroup) {
        List<UserSession> generated = candidate.users(GenerationRequest.of(generatedUsers, generationSeed))
                .flatMap(u -> u.sessions().stream()).toList();
        double auc = 0;
        double behaviour = byGroup ? 0 : Double.NaN;
        double catalog = byGroup ? 0 : Double.NaN;
        for (int r = 0; r < REPEATS; r++) {
            ClassifierTwoSampleTest test = new ClassifierTwoSampleTest();
            ClassifierTwoSampleTest.Result result = byGroup
                    ? test.runByGroup(generated, heldOut, seed + r)
                    : test.run(generated, heldOut, seed + r);
            auc += result.auc() / REPEATS;
            if (byGroup) {
                behaviour += result.byGroup().get(SessionFeatures.Group.BEHAVIOUR) / REPEATS;
                catalog += result.byGroup().get(SessionFeatures.Group.CATALOG) / REPEATS;
            }
        }
        // one equal-size cut, as models have always been selected (the evaluation compares whole samples):
        // changing it would change which epoch training keeps
        Fidelity fidelity = Fidelity.ofEqualSizes(generated, heldOut, 0);
        return new Validation(auc, auc + fidelity.transitionTv() + fidelity.sessionLengthKs(), behaviour, catalog);
    }

    private static double[] aucs(List<Validation> draws) {
        return draws.stream().mapToDouble(Validation::auc).toArray();
    }

    private static Validation mean(List<Validation> draws) {
        double auc = 0;
        double score = 0;
        for (Validation v : draws) {
            auc += v.auc() / draws.size();
            score += v.score() / draws.size();
        }
        return new Validation(auc, score, Double.NaN, Double.NaN); // fresh-draw checks are not split by group
    }
}
