package dev.sessiongan.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What happened in each epoch of training, saved with the model for the diagnostics.
 *
 * @param initialValidationAuc the validation score of the untrained generator, the floor to beat
 * @param epochs               one record per epoch, in order
 * @param selection            the rematch between the two phases' best epochs that chose the kept one, or
 *                             {@code null} (one phase only, training not finished, or a model from before it)
 */
public record TrainingHistory(double initialValidationAuc, List<Epoch> epochs, Selection selection) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** A history without a rematch. */
    public TrainingHistory(double initialValidationAuc, List<Epoch> epochs) {
        this(initialValidationAuc, epochs, null);
    }

    /** A history with no epochs yet. */
    public static TrainingHistory start(double initialValidationAuc) {
        return new TrainingHistory(initialValidationAuc, List.of());
    }

    /** A copy with one more epoch. */
    public TrainingHistory plus(Epoch epoch) {
        ArrayList<Epoch> all = new ArrayList<>(epochs);
        all.add(epoch);
        return new TrainingHistory(initialValidationAuc, all, selection);
    }

    /** A copy recording the rematch that chose the kept epoch. */
    public TrainingHistory withSelection(Selection rematch) {
        return new TrainingHistory(initialValidationAuc, epochs, rematch);
    }

    /** The best (lowest) validation two-sample AUC over all epochs. */
    public double bestValidationAuc() {
        return epochs.stream().mapToDouble(Epoch::validationAuc).min().orElse(initialValidationAuc);
    }

    /**
     * The epoch whose weights the model kept: the rematch's choice, else the one with the lowest selection
     * score; 0 with no epochs.
     */
    public int keptEpoch() {
        if (selection != null) {
            return selection.keptEpoch();
        }
        return bestEpoch(null).map(Epoch::epoch).orElse(0);
    }

    /** How many epochs of {@code phase} the run trained. */
    public int epochsIn(TrainingPhase phase) {
        return (int) epochs.stream().filter(e -> e.phase() == phase).count();
    }

    /**
     * Which phases stopped before their planned epochs (early stopping), e.g. "the warm start stopped after 31
     * of 40 epochs, 10 after its best (epoch 21)"; empty when none did.
     *
     * @param options the options the run was trained with
     */
    public Optional<String> earlyStops(GanOptions options) {
        PhasePlan plan = PhasePlan.of(options);
        List<String> stops = new ArrayList<>();
        if (plan.stoppedEarly(this, TrainingPhase.WARM_START)) {
            stops.add(stop("warm start", options.mleEpochs(), TrainingPhase.WARM_START));
        }
        if (plan.stoppedEarly(this, TrainingPhase.ADVERSARIAL)) {
            stops.add(stop("adversarial phase", options.adversarialEpochs(), TrainingPhase.ADVERSARIAL));
        }
        return stops.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", stops));
    }

    private String stop(String name, int planned, TrainingPhase phase) {
        int last = epochs.stream().filter(e -> e.phase() == phase).mapToInt(Epoch::epoch).max().orElse(0);
        int best = bestEpoch(phase).map(Epoch::epoch).orElse(0);
        return String.format(Locale.ROOT, "the %s stopped after %d of %d epochs, %d after its best (epoch %d)", name,
                epochsIn(phase), planned, last - best, best);
    }

    /** The epoch of {@code phase} ({@code null}: of any phase) with the lowest selection score. */
    Optional<Epoch> bestEpoch(TrainingPhase phase) {
        return epochs.stream().filter(e -> phase == null || e.phase() == phase)
                .min(Comparator.comparingDouble(Epoch::validationScore));
    }

    /**
     * The rematch at the end of training: the best warm-start epoch and a challenger scored again on the same
     * fresh validation draws; the lowest score is kept. The challenger is the adversarial phase's best epoch
     * or, in a run without an adversarial phase, the warm start's last epoch; a run with an adversarial phase
     * also brings the warm start's last epoch (when it is not its best), the weights the adversarial phase
     * started from, so that the game is kept only where it beat them. Without it the phase with more epochs
     * would win by the luck of its best draw, and a warm start alone could keep an early epoch by the luck of
     * one epoch's draws.
     *
     * @param warmStartEpoch     the warm start's best epoch
     * @param warmStartScore     its selection score on the fresh draws
     * @param adversarialEpoch   the challenger: the adversarial phase's best epoch, or the warm start's last
     * @param adversarialScore   its selection score on the same draws
     * @param keptEpoch          the one kept
     * @param lastWarmStartEpoch in a run with an adversarial phase, the warm start's last epoch where it is not
     *                           its best; 0 otherwise (and in models written before 2026-11-28)
     * @param lastWarmStartScore its selection score on the same draws; NaN where it did not play
     */
    public record Selection(int warmStartEpoch, double warmStartScore, int adversarialEpoch, double adversarialScore,
            int keptEpoch,
            // left out when it did not play, so a rematch from before it is saved again as it was
            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JsonFilters.NoEpoch.class)
            int lastWarmStartEpoch,
            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JsonFilters.NotMeasured.class)
            double lastWarmStartScore) {

        /**
         * "warm-start epoch 21 scored 0.678, last warm-start epoch 40 scored 0.650" (or "..., adversarial epoch
         * 42 scored ...", with the last warm-start epoch between them where it played too).
         */
        public String describe(TrainingHistory history) {
            boolean adversarial = history.epochs().stream()
                    .anyMatch(e -> e.epoch() == adversarialEpoch && e.phase() == TrainingPhase.ADVERSARIAL);
            String last = lastWarmStartEpoch == 0 ? "" : String.format(Locale.ROOT,
                    ", last warm-start epoch %d scored %.3f", lastWarmStartEpoch, lastWarmStartScore);
            return String.format(Locale.ROOT, "warm-start epoch %d scored %.3f%s, %s epoch %d scored %.3f",
                    warmStartEpoch, warmStartScore, last, adversarial ? "adversarial" : "last warm-start",
                    adversarialEpoch, adversarialScore);
        }
    }

    /**
     * One epoch.
     *
     * @param epoch           1-based epoch number over the whole run
     * @param phase           the warm start ({@code mle} in the history) or the adversarial phase
     * @param meanDReal       mean discriminator output on real sessions (NaN in the warm start)
     * @param meanDFake       mean discriminator output on generated sessions (NaN in the warm start)
     * @param discriminatorLoss mean discriminator loss (NaN in the warm start)
     * @param generatorLoss   mean generator loss (the negative log-likelihood in the warm start)
     * @param generatorGradientNorm     mean L2 norm of the generator's gradient
     * @param discriminatorGradientNorm mean L2 norm of the discriminator's gradient (NaN in the warm start)
     * @param validationAuc   classifier two-sample AUC of generated vs held-out real sessions, mean of three
     *                        draws (0.5 is ideal)
     * @param wallSeconds     time the epoch took
     * @param nonSaturatingLoss mean −ln D(G(z)) over generated sessions, the generator's GAN loss (ln 2 at the
     *                        equilibrium; NaN in the warm start)
     * @param validationScore the model-selection score: {@code validationAuc} plus the transition total
     *                        variation and session-length KS distance to the validation users (lower is better)
     * @param dualityGap      estimated duality gap at the end of the epoch (0 at the equilibrium; NaN when not
     *                        estimated)
     * @param attributeDReal  mean attribute-discriminator output on real users' profiles (NaN in the warm start
     *                        or without the attribute discriminator)
     * @param attributeDFake  the same on generated profiles
     * @param criticAuc       the session critic's AUC on held-out real sessions against fresh generated ones,
     *                        scored before it trained on them (over the reward gate's window, mean over the epoch's
     *                        steps; NaN in the warm start, without the gate, or in models written before it)
     * @param rewardWeight    the mean weight of the critic's policy gradient over the epoch's steps (see
     *                        {@link GanOptions#rewardGate()}; NaN in the warm start or in models written before it)
     * @param validationAucBehaviour the validation's classifier on the behaviour features alone (what the
     *                        network's tokens decide; see {@code SessionFeatures.Group}), mean of its three draws;
     *                        NaN in models written before it was recorded
     * @param validationAucCatalog   the same on the catalog features alone (which items and categories, what
     *                        decoding decides)
     */
    public record Epoch(
            int epoch,
            TrainingPhase phase,
            double meanDReal,
            double meanDFake,
            double discriminatorLoss,
            double generatorLoss,
            double generatorGradientNorm,
            double discriminatorGradientNorm,
            double validationAuc,
            double wallSeconds,
            double nonSaturatingLoss,
            double validationScore,
            double dualityGap,
            double attributeDReal,
            double attributeDFake,
            // left out when not measured, so a history from before them is saved again as it was
            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JsonFilters.NotMeasured.class)
            double criticAuc,
            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JsonFilters.NotMeasured.class)
            double rewardWeight,
            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JsonFilters.NotMeasured.class)
            double validationAucBehaviour,
            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JsonFilters.NotMeasured.class)
            double validationAucCatalog) {
    }
}
