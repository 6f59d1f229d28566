package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RewardGateTest {

    /** The Mann–Whitney standard error of the AUC under the null, for n sessions of each kind. */
    private static double standardError(int n) {
        return Math.sqrt((2.0 * n + 1) / (12.0 * n * n));
    }

    @Test
    void aCriticAtChanceIsNotFollowedAndOneFarAboveItIsFollowedFully() {
        int n = 1_024;
        assertThat(RewardGate.weight(0.5, n, n)).isZero();
        assertThat(RewardGate.weight(0.5 + 1.99 * standardError(n), n, n)).isZero();
        assertThat(RewardGate.weight(0.5 + 3 * standardError(n), n, n)).isCloseTo(0.5, within(1e-9));
        assertThat(RewardGate.weight(0.5 + 4 * standardError(n), n, n)).isCloseTo(1.0, within(1e-9));
        assertThat(RewardGate.weight(0.9, n, n)).isEqualTo(1.0);
        // a critic that prefers the generated sessions is no guide either
        assertThat(RewardGate.weight(0.2, n, n)).isZero();
    }

    @Test
    void theSameAucCountsForLessOnFewerSessions() {
        double auc = 0.56;
        assertThat(RewardGate.weight(auc, 1_024, 1_024)).isEqualTo(1.0);
        assertThat(RewardGate.weight(auc, 320, 320)).isBetween(0.0, 0.5);
        assertThat(RewardGate.weight(auc, 64, 64)).isZero();
    }

    @Test
    void judgesTheCriticByItsScoresOverTheWindow() {
        RewardGate gate = new RewardGate(3);
        assertThat(gate.weight()).isZero();
        assertThat(gate.auc()).isNaN();

        double[] high = new double[64];
        double[] low = new double[64];
        Arrays.fill(high, 0.9);
        Arrays.fill(low, 0.1);
        gate.add(high, low);
        assertThat(gate.auc()).isEqualTo(1.0);
        assertThat(gate.weight()).isEqualTo(1.0);

        // scores that cannot tell the two apart push the telling step out of the window
        SplittableRandom random = new SplittableRandom(5);
        for (int step = 0; step < 3; step++) {
            double[] same = random.doubles(64).toArray();
            gate.add(same, same);
        }
        assertThat(gate.auc()).isEqualTo(0.5);
        assertThat(gate.weight()).isZero();
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> new RewardGate(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
