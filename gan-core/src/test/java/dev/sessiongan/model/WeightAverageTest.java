package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class WeightAverageTest {

    @Test
    void earlyUpdatesFollowTheWeightsThenTheDecayTakesOver() {
        WeightAverage average = new WeightAverage(0.5, Nd4j.createFromArray(0f, 0f), 0);

        average.update(Nd4j.createFromArray(10f, 20f)); // warm-up factor 2/11 < 0.5: mostly the new weights
        assertThat(average.weights().getDouble(0)).isCloseTo(10 * 9.0 / 11, within(1e-4));
        for (int i = 0; i < 30; i++) {
            average.update(Nd4j.createFromArray(4f, 8f));
        }

        assertThat(average.weights().getDouble(0)).isCloseTo(4, within(1e-4));
        assertThat(average.weights().getDouble(1)).isCloseTo(8, within(1e-4));
        assertThat(average.updates()).isEqualTo(31);
    }

    @Test
    void theAverageIsACopyNotAView() {
        var weights = Nd4j.createFromArray(1f, 1f);
        WeightAverage average = new WeightAverage(0.9, weights, 100);

        weights.muli(5);

        assertThat(average.weights().getDouble(0)).isEqualTo(1.0);
    }
}
