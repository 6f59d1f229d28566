package dev.sessiongan.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.model.TrainingHistory;
import dev.sessiongan.model.TrainingPhase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EquilibriumTest {

    private static TrainingHistory history(double[][] dRealFakeLoss) {
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        epochs.add(new TrainingHistory.Epoch(1, TrainingPhase.WARM_START, Double.NaN, Double.NaN, Double.NaN, 10, 1,
                Double.NaN, 0.6, 1, Double.NaN, 0.7, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN));
        for (double[] e : dRealFakeLoss) {
            double gradient = e.length > 3 ? e[3] : 1;
            // the critic's held-out AUC and its reward's weight, where given (a model trained with the reward gate)
            double criticAuc = e.length > 4 ? e[4] : Double.NaN;
            double rewardWeight = e.length > 5 ? e[5] : Double.NaN;
            epochs.add(new TrainingHistory.Epoch(epochs.size() + 1, TrainingPhase.ADVERSARIAL, e[0], e[1], e[2], 5,
                    gradient, 1, 0.55, 1, -Math.log(e[1]), 0.6, 0.1, Double.NaN, Double.NaN, criticAuc, rewardWeight,
                    Double.NaN, Double.NaN));
        }
        return new TrainingHistory(0.9, epochs);
    }

    @Test
    void balancedGameIsConverging() {
        Verdict v = Equilibrium.judge(history(new double[][] {{0.55, 0.45, 0.68}, {0.52, 0.48, 0.69}}));

        assertThat(v.label()).isEqualTo("converging");
        assertThat(v.ok()).isTrue();
        assertThat(v.findings()).as("the critic did tell them apart (margin 0.10, then 0.04)").hasSize(1);
    }

    @Test
    void aCriticAtChanceThroughoutIsSaidAlongsideTheVerdict() {
        // the REES46 default's adversarial epochs: D(real) and D(G(z)) agree to three decimals
        Verdict v = Equilibrium.judge(history(new double[][] {
                {0.499, 0.498, 0.691}, {0.441, 0.439, 0.676}, {0.417, 0.416, 0.673}}));

        assertThat(v.label()).isEqualTo("converging");
        assertThat(v.findings()).hasSize(2);
        assertThat(v.findings().get(1)).contains("never told real from generated apart", "0.002 over 3 adversarial",
                "validation AUC (0.550 in epoch 4");
    }

    @Test
    void aShutRewardGateSaysTheAdversarialEpochsWereLikelihoodTraining() {
        Verdict v = Equilibrium.judge(history(new double[][] {
                {0.499, 0.498, 0.691, 1, 0.502, 0.0}, {0.441, 0.439, 0.676, 1, 0.509, 0.02}}));

        assertThat(v.label()).isEqualTo("converging");
        assertThat(v.findings()).hasSize(3);
        assertThat(v.findings().get(2)).contains("held-out users 0.506", "weight 0.01", "over 2 adversarial epochs",
                "kept the policy gradient off", "likelihood term alone");
    }

    @Test
    void aCriticThatRanksHeldOutUsersIsNotBlindThoughItsMeanOutputsAgree() {
        // training seed 2 of the REES46 default command: D(x) = D(G(z)) to three decimals, held-out AUC 0.56
        Verdict v = Equilibrium.judge(history(new double[][] {
                {0.499, 0.498, 0.691, 1, 0.560, 0.43}, {0.441, 0.439, 0.675, 1, 0.546, 0.28}}));

        assertThat(v.label()).isEqualTo("converging");
        assertThat(v.findings()).hasSize(2);
        assertThat(v.findings()).noneMatch(f -> f.contains("never told"));
        assertThat(v.findings().get(1)).contains("held-out users 0.553", "weight 0.36").doesNotContain("alone");
    }

    @Test
    void anOpenRewardGateIsReportedWithoutCallingTheEpochsLikelihoodTraining() {
        Verdict v = Equilibrium.judge(history(new double[][] {{0.6, 0.4, 0.6, 1, 0.62, 1.0}}));

        assertThat(v.label()).isEqualTo("converging");
        assertThat(v.findings()).hasSize(2);
        assertThat(v.findings().get(1)).contains("held-out users 0.620", "weight 1.00").doesNotContain("alone");
    }

    @Test
    void aBlindCriticAwayFromOneHalfIsStillDrifting() {
        Verdict v = Equilibrium.judge(history(new double[][] {{0.2, 0.195, 0.45}}));

        assertThat(v.label()).isEqualTo("drifting");
        assertThat(v.findings().get(1)).contains("never told real from generated apart", "over 1 adversarial epoch)");
    }

    @Test
    void aWinningDiscriminatorIsNamedWithTheEpochItStarted() {
        Verdict v = Equilibrium.judge(history(new double[][] {
                {0.6, 0.4, 0.6}, {0.85, 0.1, 0.2}, {0.9, 0.01, 0.1}}));

        assertThat(v.label()).isEqualTo("discriminator dominating");
        assertThat(v.findings().get(0)).contains("since epoch 3");
        assertThat(v.ok()).isFalse();
    }

    @Test
    void swingingMarginsAreOscillation() {
        Verdict v = Equilibrium.judge(history(new double[][] {
                {0.5, 0.5, 0.69}, {0.7, 0.3, 0.5}, {0.5, 0.5, 0.69}, {0.7, 0.3, 0.5}, {0.5, 0.5, 0.69}}));

        assertThat(v.label()).isEqualTo("oscillating");
    }

    @Test
    void vanishingGeneratorGradientIsAStall() {
        Verdict v = Equilibrium.judge(history(new double[][] {{0.5, 0.5, 0.69, 2.0}, {0.5, 0.5, 0.69, 0.001}}));

        assertThat(v.label()).isEqualTo("generator stalled");
    }

    @Test
    void offBalanceWithoutAPatternIsDrifting() {
        Verdict v = Equilibrium.judge(history(new double[][] {{0.75, 0.3, 0.5}}));

        assertThat(v.label()).isEqualTo("drifting");
    }

    @Test
    void warmStartOnlyHasNoGame() {
        Verdict v = Equilibrium.judge(history(new double[][] {}));

        assertThat(v.label()).isEqualTo("no adversarial phase");
    }
}
