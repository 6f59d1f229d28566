package dev.sessiongan.diagnostics;

import dev.sessiongan.model.TrainingHistory;
import dev.sessiongan.model.TrainingPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads a GAN's training history and says where the adversarial game stands. At the equilibrium the
 * discriminator cannot tell real from generated: mean D(real) and D(G(z)) both near 0.5, its loss (mean
 * binary cross-entropy per session) near ln 2 ≈ 0.693, and the generator's −ln D(G(z)) near ln 2 too.
 * The rules, checked in this order on the adversarial epochs:
 * <ol>
 *   <li><b>discriminator dominating</b>: D(real) − D(G(z)) &gt; {@value #DOMINANCE_GAP} in the last epoch; the
 *       policy gradient then carries little signal;</li>
 *   <li><b>generator stalled</b>: the generator's gradient norm fell below 1 % of its first adversarial value;</li>
 *   <li><b>oscillating</b>: over at least four epochs, D(real) − D(G(z)) changes direction at least three times by
 *       more than {@value #SWING} each;</li>
 *   <li><b>converging</b>: D(real) and D(G(z)) within {@value #NEAR} of 0.5 and the discriminator loss within
 *       20 % of ln 2 in the last epoch;</li>
 *   <li>otherwise <b>drifting</b>: away from the equilibrium with none of the patterns above.</li>
 * </ol>
 * A converging or drifting verdict says so when the critic never told real from generated apart
 * (|D(real) − D(G(z))| under {@value #BLIND_MARGIN} in every adversarial epoch): such an equilibrium says the
 * critic found nothing to act on, not that nothing is there, so realism is read off the validation AUC. Models
 * trained with the reward gate also report the critic's AUC on held-out users and the weight its reward got;
 * where that gate opened, the critic ranked real above generated though its mean outputs agreed, and it is
 * not called blind.
 */
public final class Equilibrium {

    /** The discriminator's per-session loss at the equilibrium (D = 0.5 on everything). */
    public static final double LN2 = Math.log(2);

    static final double DOMINANCE_GAP = 0.6;
    static final double SWING = 0.1;
    static final double NEAR = 0.15;
    static final double BLIND_MARGIN = 0.02;
    /** A mean reward weight under this: the gate stayed (nearly) shut. */
    static final double CLOSED_GATE = 0.05;

    private Equilibrium() {
    }

    /** The verdict on a training history. */
    public static Verdict judge(TrainingHistory history) {
        List<TrainingHistory.Epoch> adversarial = history.epochs().stream()
                .filter(e -> e.phase() == TrainingPhase.ADVERSARIAL).toList();
        if (adversarial.isEmpty()) {
            return new Verdict("no adversarial phase", true, List.of("the model was trained by likelihood alone"
                    + " (warm start); there is no game to judge"));
        }
        TrainingHistory.Epoch last = adversarial.get(adversarial.size() - 1);
        double gap = last.meanDReal() - last.meanDFake();
        if (gap > DOMINANCE_GAP) {
            int since = last.epoch();
            for (int i = adversarial.size() - 1; i >= 0; i--) {
                TrainingHistory.Epoch e = adversarial.get(i);
                if (e.meanDReal() - e.meanDFake() <= DOMINANCE_GAP) {
                    break;
                }
                since = e.epoch();
            }
            return new Verdict("discriminator dominating", false, List.of(String.format(Locale.ROOT,
                    "D(real) %.2f vs D(G(z)) %.2f in epoch %d, a gap over %.1f since epoch %d", last.meanDReal(),
                    last.meanDFake(), last.epoch(), DOMINANCE_GAP, since)));
        }
        double firstNorm = adversarial.get(0).generatorGradientNorm();
        if (adversarial.size() > 1 && last.generatorGradientNorm() < 0.01 * firstNorm) {
            return new Verdict("generator stalled", false, List.of(String.format(Locale.ROOT,
                    "generator gradient norm %.2g in epoch %d, under 1 %% of its %.2g in epoch %d",
                    last.generatorGradientNorm(), last.epoch(), firstNorm, adversarial.get(0).epoch())));
        }
        List<Integer> swings = swings(adversarial);
        if (adversarial.size() >= 4 && swings.size() >= 3) {
            return new Verdict("oscillating", false, List.of("D(real) − D(G(z)) changed direction by more than "
                    + SWING + " at epochs " + swings + ", starting at epoch " + swings.get(0)));
        }
        boolean near = Math.abs(last.meanDReal() - 0.5) <= NEAR && Math.abs(last.meanDFake() - 0.5) <= NEAR;
        boolean lossNear = Math.abs(last.discriminatorLoss() - LN2) <= 0.2 * LN2;
        String state = String.format(Locale.ROOT, "D(real) %.2f, D(G(z)) %.2f, D loss %.3f (ln 2 = %.3f)%s in epoch %d",
                last.meanDReal(), last.meanDFake(), last.discriminatorLoss(), LN2,
                Double.isNaN(last.dualityGap()) ? "" : String.format(Locale.ROOT, ", duality gap %.3f", last.dualityGap()),
                last.epoch());
        List<String> findings = new ArrayList<>();
        findings.add(near && lossNear ? state + ": within " + NEAR + " of 0.5 and 20 % of ln 2"
                : state + ": away from the equilibrium, no oscillation");
        blindCritic(adversarial).ifPresent(findings::add);
        rewardGate(adversarial).ifPresent(findings::add);
        return near && lossNear ? new Verdict("converging", true, findings) : new Verdict("drifting", false, findings);
    }

    /**
     * A finding when the critic's margin stayed under {@link #BLIND_MARGIN} in every adversarial epoch: the
     * REES46 default's largest is 0.001, while the validation classifier still finds a difference (AUC 0.560).
     */
    private static Optional<String> blindCritic(List<TrainingHistory.Epoch> adversarial) {
        double largest = 0;
        for (TrainingHistory.Epoch e : adversarial) {
            largest = Math.max(largest, Math.abs(margin(e)));
        }
        if (!(largest < BLIND_MARGIN) || gateOpened(adversarial)) {
            return Optional.empty();
        }
        TrainingHistory.Epoch last = adversarial.get(adversarial.size() - 1);
        return Optional.of(String.format(Locale.ROOT, "the critic never told real from generated apart (largest"
                + " |D(real) − D(G(z))| %.3f over %d adversarial epoch%s): an equilibrium with nothing found, not"
                + " proof of realism; judge that by the validation AUC (%.3f in epoch %d; 0.5 = indistinguishable)"
                + " or evaluate", largest, adversarial.size(), adversarial.size() == 1 ? "" : "s",
                last.validationAuc(), last.epoch()));
    }

    /**
     * What the reward gate made of the critic, when the history records it: how much of its policy gradient the
     * generator followed, and whether the adversarial epochs were likelihood training alone.
     */
    private static Optional<String> rewardGate(List<TrainingHistory.Epoch> adversarial) {
        OptionalDouble gated = meanRewardWeight(adversarial);
        if (gated.isEmpty()) {
            return Optional.empty();
        }
        double weight = gated.getAsDouble();
        double auc = adversarial.stream().mapToDouble(TrainingHistory.Epoch::criticAuc).average().orElse(0.5);
        String measured = String.format(Locale.ROOT, "the critic's AUC on held-out users %.3f, its reward's weight %.2f"
                + " (mean over %d adversarial epoch%s)", auc, weight, adversarial.size(),
                adversarial.size() == 1 ? "" : "s");
        return Optional.of(weight < CLOSED_GATE
                ? measured + ": the reward gate kept the policy gradient off, so the adversarial epochs fitted the"
                        + " likelihood term alone"
                : measured);
    }

    /**
     * Whether the reward gate, where the history records it, found the critic telling held-out users from
     * generated ones: then equal mean outputs hid a critic that ranks, and it was not blind.
     */
    private static boolean gateOpened(List<TrainingHistory.Epoch> adversarial) {
        return meanRewardWeight(adversarial).orElse(0) >= CLOSED_GATE;
    }

    /** The reward gate's mean weight over the adversarial epochs; empty where the history does not record it. */
    private static OptionalDouble meanRewardWeight(List<TrainingHistory.Epoch> adversarial) {
        if (adversarial.stream().anyMatch(e -> Double.isNaN(e.rewardWeight()) || Double.isNaN(e.criticAuc()))) {
            return OptionalDouble.empty();
        }
        return adversarial.stream().mapToDouble(TrainingHistory.Epoch::rewardWeight).average();
    }

    /** Epochs where the discriminator's margin turned around by more than {@link #SWING}. */
    private static List<Integer> swings(List<TrainingHistory.Epoch> epochs) {
        List<Integer> at = new ArrayList<>();
        double previousDelta = 0;
        for (int i = 1; i < epochs.size(); i++) {
            double delta = margin(epochs.get(i)) - margin(epochs.get(i - 1));
            if (Math.abs(delta) > SWING) {
                if (previousDelta != 0 && Math.signum(delta) != Math.signum(previousDelta)) {
                    at.add(epochs.get(i).epoch());
                }
                previousDelta = delta;
            }
        }
        return at;
    }

    private static double margin(TrainingHistory.Epoch e) {
        return e.meanDReal() - e.meanDFake();
    }
}
