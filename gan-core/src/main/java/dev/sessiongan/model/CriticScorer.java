package dev.sessiongan.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolutional session critic's forward pass in plain Java, for scoring sessions at generation: one
 * sequence at a time, the same score whatever else is generated with it, safe to share between threads (it
 * holds no state), and without ND4J's per-call overhead.
 *
 * <p>The input is one-hot and the embedding is linear without a bias, so each filter's product with a
 * window of embedded tokens is a sum of per-token rows: those rows are worked out once, and a position of a
 * filter costs one addition per output channel and filter tap. Matches Deeplearning4j's network
 * ({@link Discriminator}'s convolutional critic: embedding, filters of each width in "same" mode with ReLU,
 * max-pooled, a leaky-ReLU dense layer, a sigmoid output) to float rounding ({@code CriticScorerTest}
 * compares the two).
 */
final class CriticScorer {

    /** DL4J's default slope of the leaky ReLU below zero. */
    private static final float LEAKY_SLOPE = 0.01f;

    private final int vocabulary;
    /** Per filter width: [tap][token][channel], the tap's weights applied to the token's embedding. */
    private final List<float[][][]> taps = new ArrayList<>();
    private final List<float[]> filterBiases = new ArrayList<>();
    /** [pooled feature][unit]. */
    private final float[][] denseWeights;
    private final float[] denseBias;
    private final float[] outputWeights;
    private final float outputBias;

    private CriticScorer(ComputationGraph graph, int vocabulary) {
        this.vocabulary = vocabulary;
        // [channel][token]: the width-1 convolution's weights are [channel][token][1][1]
        float[][] embedding = weights(graph.getLayer("embed").getParam("W")).get(0);
        if (embedding[0].length != vocabulary) {
            throw new IllegalArgumentException("the critic reads a vocabulary of " + embedding[0].length
                    + " tokens, the model's has " + vocabulary);
        }
        int pooledWidth = 0;
        for (int width : Discriminator.filterWidths()) {
            Layer conv = graph.getLayer("conv" + width);
            long[] shape = conv.getParam("W").shape();
            if (shape.length != 4 || shape[1] != embedding.length || shape[2] != width) {
                throw new IllegalArgumentException("the critic's conv" + width + " filters have shape "
                        + java.util.Arrays.toString(shape) + ", not [filters, " + embedding.length + ", " + width
                        + ", 1]");
            }
            List<float[][]> byTap = weights(conv.getParam("W")); // [tap] -> [filter][channel]
            float[][][] perToken = new float[width][vocabulary][];
            for (int j = 0; j < width; j++) {
                float[][] w = byTap.get(j);
                for (int token = 0; token < vocabulary; token++) {
                    float[] row = new float[w.length];
                    for (int f = 0; f < w.length; f++) {
                        float sum = 0;
                        for (int c = 0; c < embedding.length; c++) {
                            sum += w[f][c] * embedding[c][token];
                        }
                        row[f] = sum;
                    }
                    perToken[j][token] = row;
                }
            }
            taps.add(perToken);
            float[] bias = conv.getParam("b").toFloatVector();
            filterBiases.add(bias);
            pooledWidth += bias.length;
        }
        float[][] dense = graph.getLayer("dense").getParam("W").toFloatMatrix();
        if (dense.length != pooledWidth) {
            throw new IllegalArgumentException("the critic's dense layer reads " + dense.length
                    + " features, its filters give " + pooledWidth);
        }
        this.denseWeights = dense;
        this.denseBias = graph.getLayer("dense").getParam("b").toFloatVector();
        this.outputWeights = graph.getLayer("out").getParam("W").toFloatVector();
        this.outputBias = graph.getLayer("out").getParam("b").getFloat(0);
    }

    /**
     * Copies the weights of a convolutional critic without packing.
     *
     * @throws IllegalArgumentException if the critic is recurrent or packs sessions
     */
    static CriticScorer of(Discriminator critic) {
        if (critic.packing() != 1 || !critic.graph().getConfiguration().getVertices().containsKey("embed")) {
            throw new IllegalArgumentException("only a convolutional critic without packing scores at generation");
        }
        return new CriticScorer(critic.graph(), critic.vocabulary());
    }

    /**
     * A convolution's weights by tap, each {@code [out][in]}. Deeplearning4j M2.1 reports a 1-D convolution's
     * weights as {@code [out][in][taps][1]}, but its convolution reads the buffer beneath as
     * {@code [taps][in][out]} (libnd4j's conv1d layout), so the buffer is read that way.
     */
    private static List<float[][]> weights(INDArray w) {
        long[] shape = w.shape();
        int out = (int) shape[0];
        int in = (int) shape[1];
        int width = (int) shape[2];
        float[] flat = w.dup('c').data().asFloat();
        List<float[][]> byTap = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            float[][] tap = new float[out][in];
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    tap[o][i] = flat[(j * in + i) * out + o];
                }
            }
            byTap.add(tap);
        }
        return byTap;
    }

    /**
     * The critic's log-odds that {@code tokens} (profile and session) are real: {@code log D / (1 − D)}.
     *
     * @throws IllegalArgumentException if a token is outside the vocabulary
     */
    double logit(int[] tokens) {
        for (int token : tokens) {
            if (token < 0 || token >= vocabulary) {
                throw new IllegalArgumentException("token " + token + " is outside the vocabulary of " + vocabulary);
            }
        }
        int length = tokens.length;
        float[] pooled = new float[denseWeights.length];
        int offset = 0;
        for (int k = 0; k < taps.size(); k++) {
            float[][][] perToken = taps.get(k);
            float[] bias = filterBiases.get(k);
            int width = perToken.length;
            int before = (width - 1) / 2;
            float[] max = new float[bias.length]; // after ReLU every activation is >= 0
            float[] sum = new float[bias.length];
            for (int t = 0; t < length; t++) {
                System.arraycopy(bias, 0, sum, 0, bias.length);
                for (int j = Math.max(0, before - t); j < width && t + j - before < length; j++) {
                    float[] row = perToken[j][tokens[t + j - before]];
                    for (int f = 0; f < sum.length; f++) {
                        sum[f] += row[f];
                    }
                }
                for (int f = 0; f < sum.length; f++) {
                    max[f] = Math.max(max[f], sum[f]);
                }
            }
            System.arraycopy(max, 0, pooled, offset, max.length);
            offset += max.length;
        }
        double out = outputBias;
        for (int u = 0; u < denseBias.length; u++) {
            float h = denseBias[u];
            for (int i = 0; i < pooled.length; i++) {
                h += pooled[i] * denseWeights[i][u];
            }
            out += (h < 0 ? LEAKY_SLOPE * h : h) * outputWeights[u];
        }
        return out;
    }
}
