package dev.sessiongan.model;

import java.util.Locale;

/**
 * What training the session critic for generation did (see the GAN documentation): how well the critic tells
 * held-out real users from the finished generator's, how many first sessions it keeps at their first draw,
 * and the validation AUC without and with it, which decided whether it is used.
 *
 * @param passes              passes over the training users' first sessions the critic trained for
 * @param criticAuc           the critic's AUC on the validation users' first sessions against fresh generated
 *                            ones (0.5: it cannot tell them apart)
 * @param keptAtFirstDraw     the mean probability that a generated first session is kept at its first draw
 * @param validationAucBefore classifier two-sample AUC against the validation users without the critic
 * @param validationAucAfter  the same with it
 * @param kept                whether generation uses the critic: when it tells held-out users from generated ones
 *                            (its AUC over two standard errors above chance) and the validation AUC with it is
 *                            lower than without by more than {@code validationAucMargin}
 * @param validationAucMargin two standard errors of the paired per-draw AUC difference
 */
public record GuidanceReport(
        int passes,
        double criticAuc,
        double keptAtFirstDraw,
        double validationAucBefore,
        double validationAucAfter,
        boolean kept,
        double validationAucMargin) {

    /** The report in one line, for logs and the CLI. */
    public String describe() {
        return String.format(Locale.ROOT, "critic for generation (%d %s): AUC %.3f on held-out users, %.0f %% of"
                + " first sessions kept at their first draw; validation AUC %.3f -> %.3f: %s", passes,
                passes == 1 ? "pass" : "passes", criticAuc, 100 * keptAtFirstDraw, validationAucBefore,
                validationAucAfter, decision());
    }

    /** Whether generation uses the critic, and why, for logs and the CLI. */
    public String decision() {
        if (kept) {
            return String.format(Locale.ROOT, "used (the critic tells held-out users apart, AUC %.3f; validation AUC"
                    + " lower beyond the draws' noise, %.3f)", criticAuc, validationAucMargin);
        }
        return String.format(Locale.ROOT, "not used (critic AUC %.3f on held-out users; validation AUC %.3f -> %.3f,"
                + " the draws' noise %.3f)", criticAuc, validationAucBefore, validationAucAfter, validationAucMargin);
    }
}
