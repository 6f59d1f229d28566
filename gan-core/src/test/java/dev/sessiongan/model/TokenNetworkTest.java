package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The generator network's targets: what the straight-through step hands it in place of one-hot tokens. */
class TokenNetworkTest {

    private static final int VOCABULARY = 20;

    @Test
    void aPositionsWeightScalesItsLossAndLeavesThePredictionAlone() {
        TokenNetwork network = TokenNetwork.create(VOCABULARY, 16, 1, 4, 1e-2, 3);
        // two lengths: two length groups, whose gradients are summed into one step
        List<int[]> sequences = List.of(sequence(new SplittableRandom(1), 12), sequence(new SplittableRandom(2), 30));
        float[][] noise = {{0.1f, -0.2f, 0.3f, 0f}, {1f, 0f, -1f, 0.5f}};

        double once = network.copy().fitByLength(sequences, weights(sequences, 1f), noise);

        // the loss is linear in the weights; were they applied as DL4J's label mask, a weight would scale the
        // logits too (3: 2 % above three times the loss at initialisation, more once the network is confident)
        for (float weight : new float[] {3f, 0.5f, -1f, -0.05f}) {
            assertThat(network.copy().fitByLength(sequences, weights(sequences, weight), noise))
                    .as("weight %s", weight).isCloseTo(weight * once, within(1e-5 * once));
        }
        float[][] mixed = weights(sequences, 1f);
        mixed[1] = weights(sequences, 3f)[1];
        double second = network.copy().fitByLength(List.of(sequences.get(1)), new float[][] {mixed[1]},
                new float[][] {noise[1]});
        double first = network.copy().fitByLength(List.of(sequences.get(0)), new float[][] {mixed[0]},
                new float[][] {noise[0]});
        assertThat(network.copy().fitByLength(sequences, mixed, noise)).as("rows weighted apart")
                .isCloseTo((first + second) / 2, within(1e-5 * once));
    }

    @Test
    void itsOwnProbabilitiesAsTargetsLeaveItUnchanged() {
        TokenNetwork network = TokenNetwork.create(VOCABULARY, 16, 1, 4, 1e-2, 3);
        List<int[]> sequences = List.of(sequence(new SplittableRandom(1), 12), sequence(new SplittableRandom(2), 30));
        float[][] noise = {{0.1f, -0.2f, 0.3f, 0f}, {1f, 0f, -1f, 0.5f}};
        float[][][] own = network.probabilities(sequences, noise);
        INDArray before = network.graph().params().dup();

        network.fitByLength(sequences, own, null, noise);

        // the loss's gradient is p - target, zero here (to float rounding), so Adam's step is nearly none, where
        // one step on the tokens themselves moves weights by about the learning rate
        double moved = network.graph().params().sub(before).amaxNumber().doubleValue();
        network.fitByLength(sequences, null, null, noise);
        double movedByTokens = network.graph().params().sub(before).amaxNumber().doubleValue() - moved;
        assertThat(moved).isLessThan(movedByTokens / 10);
    }

    @Test
    void aTargetAboveItsProbabilityRaisesTheToken() {
        TokenNetwork network = TokenNetwork.create(VOCABULARY, 16, 1, 4, 1e-2, 3);
        List<int[]> sequences = List.of(sequence(new SplittableRandom(1), 12));
        float[][] noise = {{0.1f, -0.2f, 0.3f, 0f}};
        int position = 7;
        int token = 5;
        float[][][] p = network.probabilities(sequences, noise);
        float[][][] targets = new float[1][12][];
        targets[0][position] = p[0][position].clone();
        float step = 0.05f;
        // a target above p at the token, below it elsewhere, summing to 1: the gradient p - target lowers the rest
        for (int k = 0; k < VOCABULARY; k++) {
            targets[0][position][k] += k == token ? step : -step / (VOCABULARY - 1);
        }
        float[][] weights = new float[1][12];
        weights[0][position] = 1f;

        for (int i = 0; i < 5; i++) {
            network.fitByLength(sequences, targets, weights, noise);
        }

        assertThat(network.probabilities(sequences, noise)[0][position][token]).isGreaterThan(p[0][position][token]);
    }

    @Test
    void inputGradientsPredictWhatSwappingAFedBackTokenDoesToTheLoss() {
        TokenNetwork network = TokenNetwork.create(VOCABULARY, 16, 1, 4, 1e-2, 3);
        SplittableRandom random = new SplittableRandom(4);
        int length = 10;
        List<int[]> sequences = List.of(sequence(random, length), sequence(random, length));
        float[][] noise = {{0.1f, -0.2f, 0.3f, 0f}, {1f, 0f, -1f, 0.5f}};
        // targets at a few later positions, so that a token's gradient runs through the recurrence
        float[][][] targets = new float[2][length][];
        for (int b = 0; b < 2; b++) {
            for (int position : new int[] {4, 7, 9}) {
                targets[b][position] = distribution(random);
            }
        }
        float[][][] gradient = network.inputGradients(sequences, targets, noise);
        double before = loss(network, sequences, targets, noise);

        double[] predicted = new double[40];
        double[] actual = new double[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            int b = i % 2;
            int t = random.nextInt(length - 1);
            int[] s = sequences.get(b);
            int other = (s[t] + 1 + random.nextInt(VOCABULARY - 1)) % VOCABULARY;
            predicted[i] = gradient[b][t][other] - gradient[b][t][s[t]];
            int kept = s[t];
            s[t] = other;
            actual[i] = loss(network, sequences, targets, noise) - before;
            s[t] = kept;
        }

        // first order in a one-hot swap of a small network: not exact, but it must follow the change closely, on
        // the loss's own scale (the chained gradient adds it to the critic's)
        assertThat(new PearsonsCorrelation().correlation(predicted, actual)).isGreaterThan(0.9);
        SimpleRegression fit = new SimpleRegression(false);
        for (int i = 0; i < predicted.length; i++) {
            fit.addData(predicted[i], actual[i]);
        }
        assertThat(fit.getSlope()).isBetween(0.8, 1.25);
        for (int b = 0; b < 2; b++) {
            // the last token feeds nothing
            assertThat(gradient[b][length - 1]).containsOnly(0f);
        }
    }

    /** The loss the targets define: the sum over their positions of the cross-entropy with the network's p. */
    private static double loss(TokenNetwork network, List<int[]> sequences, float[][][] targets, float[][] noise) {
        float[][][] p = network.probabilities(sequences, noise);
        double loss = 0;
        for (int b = 0; b < targets.length; b++) {
            for (int t = 0; t < targets[b].length; t++) {
                if (targets[b][t] != null) {
                    for (int k = 0; k < VOCABULARY; k++) {
                        loss -= targets[b][t][k] * Math.log(p[b][t][k]);
                    }
                }
            }
        }
        return loss;
    }

    private static float[] distribution(SplittableRandom random) {
        float[] d = new float[VOCABULARY];
        float sum = 0;
        for (int k = 0; k < VOCABULARY; k++) {
            d[k] = (float) random.nextDouble();
            sum += d[k];
        }
        for (int k = 0; k < VOCABULARY; k++) {
            d[k] /= sum;
        }
        return d;
    }

    private static float[][] weights(List<int[]> sequences, float weight) {
        float[][] w = new float[sequences.size()][];
        for (int b = 0; b < w.length; b++) {
            w[b] = new float[sequences.get(b).length];
            java.util.Arrays.fill(w[b], weight);
        }
        return w;
    }

    private static int[] sequence(SplittableRandom random, int length) {
        int[] s = new int[length];
        for (int p = 0; p < length; p++) {
            s[p] = random.nextInt(VOCABULARY);
        }
        return s;
    }
}
