package dev.sessiongan.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void quantilesInterpolateLikeNumpy() {
        Distribution d = Distribution.of(new double[] {1, 2, 3, 4, 10});

        assertThat(d.median()).isEqualTo(3);
        assertThat(d.p90()).isCloseTo(7.6, within(1e-9));
        assertThat(d.mean()).isCloseTo(4.0, within(1e-9));
        assertThat(d.min()).isEqualTo(1);
        assertThat(d.max()).isEqualTo(10);
    }

    @Test
    void emptyInputGivesZeros() {
        assertThat(Distribution.of(new double[0])).isEqualTo(Distribution.EMPTY);
    }
}
