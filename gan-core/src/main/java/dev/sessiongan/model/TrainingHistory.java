package dev.sessiongan.model;

import java.util.List;

/**
 * What happened in each epoch of training, saved with the model for the diagnostics.
 *
 * @param initialValidationAuc the validation score of the untrained generator, the floor to beat
 * @param epochs               one record per epoch, in order
 */
public record TrainingHistory(double initialValidationAuc, List<Epoch> epochs) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** A history with no epochs yet. */
    public static TrainingHistory start(double initialValidationAuc) {
        return new TrainingHistory(initialValidationAuc, List.of());
    }

    /** A copy with one more epoch. */
    public TrainingHistory plus(Epoch epoch) {
        java.util.ArrayList<Epoch> all = new java.util.ArrayList<>(epochs);
        all.add(epoch);
        return new TrainingHistory(initialValidationAuc, all);
    }

    /** The best (lowest) validation score over all epochs; the model keeps that epoch's weights. */
    public double bestValidationAuc() {
        return epochs.stream().mapToDouble(Epoch::validationAuc).min().orElse(initialValidationAuc);
    }

    /**
     * One epoch.
     *
     * @param epoch           1-based epoch number over the whole run
     * @param phase           {@code mle} (warm start) or {@code adversarial}
     * @param meanDReal       mean discriminator output on real sessions (NaN in the warm start)
     * @param meanDFake       mean discriminator output on generated sessions (NaN in the warm start)
     * @param discriminatorLoss mean discriminator loss (NaN in the warm start)
     * @param generatorLoss   mean generator loss (the negative log-likelihood in the warm start)
     * @param generatorGradientNorm     mean L2 norm of the generator's gradient
     * @param discriminatorGradientNorm mean L2 norm of the discriminator's gradient (NaN in the warm start)
     * @param validationAuc   classifier two-sample AUC of generated vs held-out real sessions (0.5 is ideal)
     * @param wallSeconds     time the epoch took
     */
    public record Epoch(
            int epoch,
            String phase,
            double meanDReal,
            double meanDFake,
            double discriminatorLoss,
            double generatorLoss,
            double generatorGradientNorm,
            double discriminatorGradientNorm,
            double validationAuc,
            double wallSeconds) {
    }
}
