package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhasePlanTest {

    /** A history of warm-start epochs with these scores, then adversarial epochs with those. */
    private static TrainingHistory history(double[] warmStart, double... adversarial) {
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        for (double score : warmStart) {
            epochs.add(epoch(epochs.size() + 1, TrainingPhase.WARM_START, score));
        }
        for (double score : adversarial) {
            epochs.add(epoch(epochs.size() + 1, TrainingPhase.ADVERSARIAL, score));
        }
        return new TrainingHistory(0.9, epochs);
    }

    private static TrainingHistory.Epoch epoch(int n, TrainingPhase phase, double score) {
        double nan = Double.NaN;
        return new TrainingHistory.Epoch(n, phase, nan, nan, nan, 1, 1, nan, score - 0.1, 1, nan, score, nan, nan, nan,
                nan, nan, nan, nan);
    }

    private static double[] scores(double... s) {
        return s;
    }

    @Test
    void withoutPatienceEachPhaseRunsItsEpochs() {
        PhasePlan plan = new PhasePlan(3, 2, 0);
        TrainingHistory rising = history(scores(0.7, 0.8, 0.9));

        assertThat(plan.warmStartOver(history(scores(0.7, 0.8)))).isFalse();
        assertThat(plan.warmStartOver(rising)).isTrue();
        assertThat(plan.adversarialPhaseOver(rising)).isFalse();
        assertThat(plan.plannedEpochs(rising)).isEqualTo(5);
        assertThat(plan.finished(history(scores(0.7, 0.8, 0.9), 0.9))).isFalse();
        assertThat(plan.finished(history(scores(0.7, 0.8, 0.9), 0.9, 0.9))).isTrue();
        assertThat(plan.stoppedEarly(rising, TrainingPhase.WARM_START)).isFalse();
    }

    @Test
    void aPhaseEndsOnceItsLowestScoreIsPatienceEpochsOld() {
        PhasePlan plan = new PhasePlan(10, 2, 2);

        // a lower score restarts the count
        assertThat(plan.warmStartOver(history(scores(0.9, 0.95, 0.8, 0.85)))).isFalse();
        TrainingHistory stale = history(scores(0.9, 0.95, 0.8, 0.85, 0.82));
        assertThat(plan.warmStartOver(stale)).isTrue();
        assertThat(plan.stoppedEarly(stale, TrainingPhase.WARM_START)).isTrue();
        assertThat(plan.plannedEpochs(stale)).isEqualTo(5 + 2);
        // a tie is not lower
        assertThat(plan.warmStartOver(history(scores(0.8, 0.8, 0.8)))).isTrue();
        assertThat(stale.earlyStops(GanOptions.builder().mleEpochs(10).adversarialEpochs(2).patience(2).build()))
                .hasValue("the warm start stopped after 5 of 10 epochs, 2 after its best (epoch 3)");
    }

    @Test
    void theAdversarialPhaseCountsFromItsOwnBest() {
        PhasePlan plan = new PhasePlan(3, 10, 2);
        double[] warmStart = scores(0.7, 0.6, 0.65);

        // its first epoch is its best so far, however it compares with the warm start's
        assertThat(plan.adversarialPhaseOver(history(warmStart, 0.9))).isFalse();
        assertThat(plan.adversarialPhaseOver(history(warmStart, 0.9, 0.95))).isFalse();
        TrainingHistory stopped = history(warmStart, 0.9, 0.95, 0.91);
        assertThat(plan.adversarialPhaseOver(stopped)).isTrue();
        assertThat(plan.finished(stopped)).isTrue();
        assertThat(plan.plannedEpochs(stopped)).isEqualTo(6);
        assertThat(plan.stoppedEarly(stopped, TrainingPhase.ADVERSARIAL)).isTrue();
        assertThat(plan.stoppedEarly(stopped, TrainingPhase.WARM_START)).isFalse();
        assertThat(stopped.earlyStops(GanOptions.builder().mleEpochs(3).adversarialEpochs(10).patience(2).build()))
                .hasValue("the adversarial phase stopped after 3 of 10 epochs, 2 after its best (epoch 4)");
    }

    @Test
    void aRunWithoutAnAdversarialPhaseEndsWithItsWarmStart() {
        PhasePlan plan = new PhasePlan(4, 0, 1);

        assertThat(plan.adversarialPhaseOver(history(scores()))).isTrue();
        assertThat(plan.finished(history(scores(0.8)))).isFalse();
        assertThat(plan.finished(history(scores(0.8, 0.9)))).isTrue();
        assertThat(plan.plannedEpochs(history(scores(0.8)))).isEqualTo(4);
        assertThat(plan.plannedEpochs(history(scores(0.8, 0.9)))).isEqualTo(2);
    }
}
