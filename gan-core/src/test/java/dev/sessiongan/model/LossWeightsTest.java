package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.sessiongan.encoding.TokenLayout;
import org.junit.jupiter.api.Test;

class LossWeightsTest {

    @Test
    void policyGradientGivesTheSessionAdvantageToEventsAndTheAttributeAdvantageToTheProfile() {
        int length = TokenLayout.HEADER_TOKENS + 4 * 3 + 1;

        float[] w = LossWeights.policyGradient(length, -2f, 0.8f);

        double events = 0;
        for (int p = TokenLayout.HEADER_TOKENS; p < length; p++) {
            if (TokenLayout.isPlaceholder(p)) {
                assertThat(w[p]).isZero();
            }
            events += w[p];
        }
        assertThat(events).isCloseTo(-2.0, offset(1e-5));
        for (int p = 0; p < TokenLayout.PROFILE_TOKENS; p++) {
            assertThat(w[p]).isCloseTo(0.2f, offset(1e-6f));
        }
        assertThat(w[TokenLayout.PROFILE_TOKENS]).as("length class: likelihood only").isZero();
        assertThat(LossWeights.policyGradient(length, 1f, 0f)).startsWith(0f, 0f, 0f, 0f, 0f);
    }

    @Test
    void likelihoodCountsTheProfileOnlyWhereItIsTheSequencesOwnAndNeverThePlaceholder() {
        int length = TokenLayout.HEADER_TOKENS + 4 * 2 + 1;

        float[] own = LossWeights.likelihood(length, true, 1f);
        float[] later = LossWeights.likelihood(length, false, 1f);

        for (int p = 0; p < length; p++) {
            boolean profile = p < TokenLayout.PROFILE_TOKENS;
            float expected = TokenLayout.isPlaceholder(p) ? 0f : 1f;
            assertThat(own[p]).as("position %d", p).isEqualTo(expected);
            assertThat(later[p]).as("position %d", p).isEqualTo(profile ? 0f : expected);
        }
        assertThat(LossWeights.withoutHeader(own)).startsWith(0f, 0f, 0f, 0f, 0f).endsWith(1f);
    }

    @Test
    void standardisedRewardsHaveMeanZeroAndUnitSpread() {
        double[] a = LossWeights.standardised(new double[] {-3, -1, 0, 4});

        double mean = 0;
        double squares = 0;
        for (double v : a) {
            mean += v / a.length;
            squares += v * v / a.length;
        }
        assertThat(mean).isCloseTo(0, offset(1e-12));
        assertThat(squares).isCloseTo(1, offset(1e-6));
        assertThat(a[3]).isGreaterThan(a[2]).isGreaterThan(a[1]).isGreaterThan(a[0]);
        assertThat(LossWeights.standardised(new double[] {2, 2})).containsExactly(0, 0);
    }
}
