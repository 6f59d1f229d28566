package dev.sessiongan.model;

import java.util.List;

/**
 * What happened in each epoch of training, saved with the model for the diagnostics.
 *
 * @param epochs one record per epoch, in order
 */
public record TrainingHistory(List<Epoch> epochs) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** An empty history. */
    public static TrainingHistory empty() {
        return new TrainingHistory(List.of());
    }

    /** A copy with one more epoch. */
    public TrainingHistory plus(Epoch epoch) {
        java.util.ArrayList<Epoch> all = new java.util.ArrayList<>(epochs);
        all.add(epoch);
        return new TrainingHistory(all);
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
