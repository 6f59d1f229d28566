package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The generator network's targets: what the straight-through step hands it in place of one-hot tokens. */
class TokenNetworkTest {

    private static final int VOCABULARY = 20;

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

    private static int[] sequence(SplittableRandom random, int length) {
        int[] s = new int[length];
        for (int p = 0; p < length; p++) {
            s[p] = random.nextInt(VOCABULARY);
        }
        return s;
    }
}
