package dev.sessiongan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedChoiceTest {

    @Test
    void drawsInProportionToTheCounts() {
        int[] hits = draws(new WeightedChoice(new long[] {1, 0, 3}), -1, 40_000);

        assertThat(hits[1]).isZero();
        assertThat(hits[2] / 40_000.0).isCloseTo(0.75, within(0.01));
    }

    @Test
    void drawsAmongTheOthersInProportionWhenOneIsExcluded() {
        WeightedChoice choice = new WeightedChoice(new long[] {2, 5, 0, 6});

        for (int excluded = 0; excluded < 4; excluded++) {
            int[] hits = draws(choice, excluded, 40_000);
            long others = 13 - new long[] {2, 5, 0, 6}[excluded];
            assertThat(hits[excluded]).as("excluded %d", excluded).isZero();
            assertThat(hits[2]).isZero();
            for (int i = 0; i < 4; i++) {
                if (i != excluded && i != 2) {
                    assertThat(hits[i] / 40_000.0).as("index %d without %d", i, excluded)
                            .isCloseTo(new long[] {2, 5, 0, 6}[i] / (double) others, within(0.01));
                }
            }
        }
    }

    @Test
    void theExcludedIndexIsTheAnswerWhenItHoldsAllTheWeight() {
        WeightedChoice choice = new WeightedChoice(new long[] {0, 4, 0});

        assertThat(draws(choice, 1, 100)[1]).isEqualTo(100);
    }

    private static int[] draws(WeightedChoice choice, int excluded, int n) {
        SplittableRandom random = new SplittableRandom(5);
        int[] hits = new int[4];
        for (int i = 0; i < n; i++) {
            hits[excluded < 0 ? choice.next(random) : choice.nextExcept(random, excluded)]++;
        }
        return hits;
    }
}
