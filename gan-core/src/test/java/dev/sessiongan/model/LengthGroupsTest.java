package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class LengthGroupsTest {

    private static final int VOCABULARY = 20;

    @Test
    void theFewLongRowsRunApartAndEveryRowRunsOnce() {
        SplittableRandom random = new SplittableRandom(1);
        int[] lengths = new int[128];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = i % 16 == 5 ? 200 : 9 + random.nextInt(12);
        }

        List<int[]> groups = LengthGroups.of(lengths);

        assertThat(groups.size()).isGreaterThan(1);
        assertThat(groups.get(0)).containsExactly(IntStream.range(0, 128).filter(i -> i % 16 == 5).toArray());
        assertThat(groups.stream().flatMapToInt(Arrays::stream).sorted().toArray())
                .containsExactly(IntStream.range(0, 128).toArray());
        for (int[] group : groups) {
            assertThat(group).isSorted();
        }
        // rows of one length are one pass
        assertThat(LengthGroups.of(new int[] {12, 12, 12, 12})).hasSize(1);
        assertThat(LengthGroups.of(new int[0])).isEmpty();
    }

    @Test
    void aGeneratorStepInGroupsIsTheStepOfOnePaddedBatch() {
        TokenNetwork whole = TokenNetwork.create(VOCABULARY, 16, 1, 4, 3e-3, 5);
        TokenNetwork grouped = whole.copy();
        SplittableRandom random = new SplittableRandom(2);
        for (int step = 0; step < 3; step++) {
            List<int[]> batch = mixedBatch(random);
            float[][] weights = new float[batch.size()][];
            float[][] noise = new float[batch.size()][4];
            for (int b = 0; b < batch.size(); b++) {
                weights[b] = new float[batch.get(b).length];
                // policy-gradient weights of either sign, as the adversarial phase gives
                Arrays.fill(weights[b], (float) random.nextDouble(-1, 1));
                noise[b][b % 4] = 1f;
            }
            assertThat(LengthGroups.of(batch.stream().mapToInt(s -> s.length).toArray()).size()).isGreaterThan(1);

            double wholeLoss = whole.fit(batch, weights, noise);
            double groupedLoss = grouped.fitByLength(batch, weights, noise);

            assertThat(groupedLoss).isCloseTo(wholeLoss, within(1e-4 * Math.abs(wholeLoss) + 1e-6));
            assertThat(maxDifference(whole.graph(), grouped.graph())).isLessThan(1e-5);
        }
        assertThat(grouped.graph().getConfiguration().getIterationCount()).isEqualTo(3);
    }

    @Test
    void aCriticStepInGroupsIsTheStepOfOnePaddedBatch() {
        for (CriticNetwork network : CriticNetwork.values()) {
            ComputationGraph whole = Discriminator.create(network, VOCABULARY, 16, 1, 1e-3, 3).graph();
            ComputationGraph grouped = whole.clone();
            SplittableRandom random = new SplittableRandom(3);
            for (int step = 0; step < 3; step++) {
                List<int[]> batch = mixedBatch(random);
                float[] labels = new float[batch.size()];
                for (int b = 0; b < labels.length; b++) {
                    labels[b] = b % 2 == 0 ? 0.8f : 0f;
                }
                List<MultiDataSet> parts = new ArrayList<>();
                for (int[] rows : LengthGroups.of(batch.stream().mapToInt(s -> s.length).toArray())) {
                    parts.add(oneHot(batch, labels, rows));
                }

                whole.fit(oneHot(batch, labels, IntStream.range(0, batch.size()).toArray()));
                LengthGroups.fit(grouped, parts);

                assertThat(parts).hasSizeGreaterThan(1);
                assertThat(maxDifference(whole, grouped)).as("%s critic", network).isLessThan(1e-5);
            }
        }
    }

    @Test
    void aCriticScoresEachPackWhereverItsGroupRuns() {
        Discriminator critic = Discriminator.create(CriticNetwork.RECURRENT, VOCABULARY, 16, 2, 1e-3, 4);
        List<int[]> batch = mixedBatch(new SplittableRandom(4));

        double[] scores = critic.score(batch);

        assertThat(scores).hasSize(batch.size() / 2);
        for (int pack = 0; pack < scores.length; pack++) {
            double alone = critic.score(batch.subList(2 * pack, 2 * pack + 2))[0];
            assertThat(scores[pack]).isCloseTo(alone, within(1e-5));
        }
    }

    /** 60 short sequences and 4 long ones, shuffled in. */
    private static List<int[]> mixedBatch(SplittableRandom random) {
        List<int[]> batch = new ArrayList<>();
        for (int b = 0; b < 64; b++) {
            int length = b % 16 == 3 ? 120 + random.nextInt(40) : 3 + random.nextInt(10);
            int[] s = new int[length];
            for (int p = 0; p < length; p++) {
                s[p] = random.nextInt(VOCABULARY);
            }
            batch.add(s);
        }
        return batch;
    }

    private static MultiDataSet oneHot(List<int[]> batch, float[] labels, int[] rows) {
        int length = Arrays.stream(rows).map(r -> batch.get(r).length).max().orElseThrow();
        float[] in = new float[rows.length * VOCABULARY * length];
        float[] mask = new float[rows.length * length];
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int[] s = batch.get(rows[i]);
            for (int p = 0; p < s.length; p++) {
                in[(i * VOCABULARY + s[p]) * length + p] = 1f;
                mask[i * length + p] = 1f;
            }
            out[i] = labels[rows[i]];
        }
        return new MultiDataSet(new INDArray[] {Nd4j.create(in, new long[] {rows.length, VOCABULARY, length}, 'c')},
                new INDArray[] {Nd4j.create(out, new long[] {rows.length, 1}, 'c')},
                new INDArray[] {Nd4j.create(mask, new long[] {rows.length, length}, 'c')}, null);
    }

    private static double maxDifference(ComputationGraph a, ComputationGraph b) {
        return a.params().sub(b.params()).amaxNumber().doubleValue();
    }
}
