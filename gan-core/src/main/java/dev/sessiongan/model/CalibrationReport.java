package dev.sessiongan.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * What calibrating a trained generator's draws did (see the GAN documentation): the rounds run, how far the
 * generated token frequencies were from the training data's before and after, and the validation score
 * without and with the corrections, which decided whether they were kept.
 *
 * @param rounds               fitting rounds run
 * @param usersPerRound        users generated per round
 * @param tokenDistanceBefore  mean total variation between generated and training token shares per context,
 *                             without corrections
 * @param tokenDistanceAfter   the same with the fitted corrections
 * @param validationAucBefore  classifier two-sample AUC against the validation users without corrections
 * @param validationAucAfter   the same with them
 * @param validationScoreBefore selection score (as in the training history) without corrections
 * @param validationScoreAfter the same with them
 * @param kept                 whether the corrections are applied: when the validation AUC with them is not worse
 *                             than without by more than {@code validationAucMargin}
 * @param validationAucMargin  two standard errors of the paired per-draw AUC difference; {@code null} in models
 *                             written before 2026-11-27, whose corrections were kept only when the selection score
 *                             was not worse at all
 */
public record CalibrationReport(
        int rounds,
        int usersPerRound,
        double tokenDistanceBefore,
        double tokenDistanceAfter,
        double validationAucBefore,
        double validationAucAfter,
        double validationScoreBefore,
        double validationScoreAfter,
        boolean kept,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Double validationAucMargin) {

    /** Whether the corrections are applied, and why, for logs and the CLI. */
    public String decision() {
        if (validationAucMargin == null) {
            return kept ? "kept" : "not kept (validation worse)";
        }
        return String.format(Locale.ROOT, kept ? "kept (validation AUC not worse beyond the draws' noise, %.3f)"
                : "not kept (validation AUC worse beyond the draws' noise, %.3f)", validationAucMargin);
    }
}
