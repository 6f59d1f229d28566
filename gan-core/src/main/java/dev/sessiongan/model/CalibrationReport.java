package dev.sessiongan.model;

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
 * @param kept                 whether the corrections are applied (they are when the score is not worse)
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
        boolean kept) {
}
