package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CriticScorerTest {

    private static final int VOCABULARY = 12;

    /** A trained critic's plain-Java scores are Deeplearning4j's, sequences of every length alone and batched. */
    @Test
    void scoresAsTheNetworkDoes() {
        Discriminator critic = Discriminator.create(CriticNetwork.CONVOLUTIONAL, VOCABULARY, 16, 1, 3e-3, 5);
        SplittableRandom random = new SplittableRandom(2);
        for (int step = 0; step < 30; step++) {
            critic.fit(DiscriminatorTest.batch(random, true), DiscriminatorTest.batch(random, false), 0.8);
        }
        CriticScorer scorer = CriticScorer.of(critic);
        List<int[]> judged = DiscriminatorTest.batch(random, true);
        judged.addAll(DiscriminatorTest.batch(random, false));
        judged.add(new int[] {3}); // shorter than every filter
        judged.add(new int[] {1, 2});

        double[] expected = critic.score(judged);
        double spread = 0;
        for (int i = 0; i < judged.size(); i++) {
            double d = 1 / (1 + Math.exp(-scorer.logit(judged.get(i))));
            assertThat(d).as("sequence %s", i).isCloseTo(expected[i], within(1e-5));
            spread = Math.max(spread, Math.abs(expected[i] - expected[0]));
        }
        assertThat(spread).as("the trained critic tells sequences apart").isGreaterThan(0.1);
    }

    @Test
    void refusesCriticsItCannotScoreAndTokensOutsideTheVocabulary() {
        assertThatThrownBy(() -> CriticScorer.of(Discriminator.create(CriticNetwork.RECURRENT, VOCABULARY, 8, 1,
                1e-3, 1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("convolutional");
        assertThatThrownBy(() -> CriticScorer.of(Discriminator.create(CriticNetwork.CONVOLUTIONAL, VOCABULARY, 8, 2,
                1e-3, 1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packing");
        CriticScorer scorer = CriticScorer.of(Discriminator.create(CriticNetwork.CONVOLUTIONAL, VOCABULARY, 8, 1,
                1e-3, 1));
        assertThatThrownBy(() -> scorer.logit(new int[] {1, VOCABULARY})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token 12");
    }
}
