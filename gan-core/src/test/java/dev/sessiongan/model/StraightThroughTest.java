package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.encoding.TokenLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The straight-through step's soft targets: where they are given, what they sum to and how much they push. */
class StraightThroughTest {

    private static final TokenLayout LAYOUT = TestLayout.SMALL;

    @Test
    void targetsMoveEachEventTokenWithinItsFieldByTheCriticsWeight() {
        TokenNetwork generator = TokenNetwork.create(LAYOUT.vocabulary(), 16, 1, 4, 1e-2, 3);
        Discriminator critic = Discriminator.create(CriticNetwork.CONVOLUTIONAL, LAYOUT.vocabulary(), 16, 1, 1e-3, 5);
        int n = 6;
        SplittableRandom[] randoms = new SplittableRandom[n];
        float[][] noise = new float[n][4];
        for (int b = 0; b < n; b++) {
            randoms[b] = new SplittableRandom(b);
            noise[b][b % 4] = 1f;
        }
        List<int[]> fakes = new SequenceSampler(generator, LAYOUT, 20).sampleWithLikelihood(null, randoms, noise)
                .sequences();
        List<float[]> weights = new ArrayList<>();
        for (int[] s : fakes) {
            weights.add(new float[s.length]);
        }
        double criticWeight = 0.5;

        float[][][] targets = StraightThrough.targets(LAYOUT, generator, critic, fakes, noise, criticWeight, weights);

        float[][][] p = generator.probabilities(fakes, noise);
        double moved = 0;
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < fakes.get(b).length; t++) {
                float[] y = targets[b][t];
                assertThat(weights.get(b)[t]).isEqualTo(y == null ? 0f : 1f);
                if (t < TokenLayout.HEADER_TOKENS || TokenLayout.isPlaceholder(t)) {
                    assertThat(y).as("profile and placeholder positions keep their likelihood targets").isNull();
                    continue;
                }
                assertThat(y).isNotNull();
                int lo = LAYOUT.offset(TokenLayout.fieldAt(t));
                int hi = lo + LAYOUT.size(TokenLayout.fieldAt(t));
                double sum = 0;
                for (int k = 0; k < y.length; k++) {
                    sum += y[k];
                    if (k < lo || k >= hi) {
                        assertThat(y[k]).as("outside the field the target is p").isEqualTo(p[b][t][k], within(1e-6f));
                    }
                    moved += Math.abs(p[b][t][k] - y[k]);
                }
                assertThat(sum).isCloseTo(1.0, within(1e-4));
            }
        }
        // a batch's push has an L1 norm of the critic's weight a sequence, as a policy-gradient step's
        assertThat(moved).isCloseTo(criticWeight * n, within(criticWeight * n * 1e-3));
    }
}
