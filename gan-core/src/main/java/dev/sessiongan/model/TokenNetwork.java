package dev.sessiongan.model;

import dev.sessiongan.encoding.TokenLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The generator network: an LSTM language model over {@link TokenLayout} tokens. Input at position
 * {@code p}: the previous token (one-hot; zeros at the start), which field comes next (one-hot), and a
 * per-sequence noise vector. Output: a softmax over the vocabulary, of which only the next field's range
 * is used. DL4J types stay inside this package.
 */
final class TokenNetwork implements Stepper {

    static final int FIELDS = TokenLayout.Field.values().length;

    private final ComputationGraph graph;
    private final int vocabulary;
    private final int noise;

    private TokenNetwork(ComputationGraph graph, int vocabulary, int noise) {
        this.graph = graph;
        this.vocabulary = vocabulary;
        this.noise = noise;
        // set on every network, created or read from a file written before, for the weights' sake (dataSet)
        ((BaseOutputLayer) graph.getLayer("out").conf().getLayer()).setLossFn(weightedLoss(vocabulary));
    }

    /**
     * Cross-entropy whose labels carry each position's weight: with a row of ones as its class weights, DL4J's
     * MCXENT takes a label row's sum as its weight, so a label w × one-hot (or w × a target distribution) gives
     * the gradient w (p − target) and the score w log p. The weights cannot go in the label mask instead: DL4J
     * M2.1 multiplies the output layer's pre-softmax values by the mask, so a mask of 3 trained the softmax of
     * three times the logits (a third of the temperature), and a policy-gradient weight of ±0.05 computed the
     * gradient at a nearly uniform distribution instead of the network's.
     */
    private static ILossFunction weightedLoss(int vocabulary) {
        return new LossMCXENT(Nd4j.ones(DataType.FLOAT, 1, vocabulary));
    }

    static TokenNetwork create(int vocabulary, int hidden, int layers, int noise, double learningRate, long seed) {
        int input = vocabulary + FIELDS + noise;
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(5.0)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(input));
        String previous = "in";
        for (int l = 0; l < layers; l++) {
            builder.addLayer("lstm" + l, new LSTM.Builder().nOut(hidden).activation(Activation.TANH).build(), previous);
            previous = "lstm" + l;
        }
        builder.addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nOut(vocabulary).build(), previous);
        ComputationGraph graph = new ComputationGraph(builder.setOutputs("out").build());
        graph.init();
        return new TokenNetwork(graph, vocabulary, noise);
    }

    int vocabulary() {
        return vocabulary;
    }

    /** An independent copy: weights and optimiser state (for the duality-gap estimate). */
    TokenNetwork copy() {
        return new TokenNetwork(graph.clone(), vocabulary, noise);
    }

    int noise() {
        return noise;
    }

    int inputWidth() {
        return vocabulary + FIELDS + noise;
    }

    ComputationGraph graph() {
        return graph;
    }

    /** The L2 norm of the last training step's gradient, or NaN before the first step. */
    double gradientNorm() {
        return graph.gradient() == null ? Double.NaN : graph.gradient().gradient().norm2Number().doubleValue();
    }

    long parameterCount() {
        return graph.numParams();
    }

    /**
     * One optimiser step on a batch of token sequences (teacher forcing).
     *
     * @param sequences token sequences
     * @param weights   per sequence and position, the weight of that position's loss (0 to skip); the
     *                  loss is sum of weight × −log p(token). Negative weights push probability down.
     * @param noise     per sequence, its noise vector (length {@link #noise()})
     * @return the mean weighted loss before the step
     */
    double fit(List<int[]> sequences, float[][] weights, float[][] noiseVectors) {
        graph.fit(dataSet(sequences, null, weights, noiseVectors, allRows(sequences.size())));
        return graph.score();
    }

    /**
     * The same step as {@link #fit}, its rows run in groups of similar length ({@link LengthGroups}): for
     * batches of mixed lengths, as the adversarial phase's generated and real sessions.
     */
    double fitByLength(List<int[]> sequences, float[][] weights, float[][] noiseVectors) {
        return fitByLength(sequences, null, weights, noiseVectors);
    }

    /**
     * {@link #fitByLength(List, float[][], float[][])} with, for the rows where {@code targets} has one
     * ({@code [position][token]}), a target distribution in place of the token's one-hot: the loss's gradient
     * with respect to a position's logits is then its weight × (p − target), so a target p − g steps the logits
     * along −g.
     */
    double fitByLength(List<int[]> sequences, float[][][] targets, float[][] weights, float[][] noiseVectors) {
        int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
        List<org.nd4j.linalg.dataset.MultiDataSet> parts = new ArrayList<>();
        for (int[] rows : LengthGroups.of(lengths)) {
            parts.add(dataSet(sequences, targets, weights, noiseVectors, rows));
        }
        return LengthGroups.fit(graph, parts);
    }

    /**
     * The network's softmax at every position of each sequence, teacher-forced on the sequence itself
     * ({@code [sequence][position][token]}).
     */
    float[][][] probabilities(List<int[]> sequences, float[][] noiseVectors) {
        float[][][] out = new float[sequences.size()][][];
        int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
        for (int[] rows : LengthGroups.of(lengths)) {
            org.nd4j.linalg.dataset.MultiDataSet data = dataSet(sequences, null, null, noiseVectors, rows);
            INDArray p = graph.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
            long length = p.size(2);
            float[] flat = Nd4j.toFlattened('c', p).toFloatVector();
            for (int i = 0; i < rows.length; i++) {
                int positions = sequences.get(rows[i]).length;
                out[rows[i]] = LengthGroups.row(flat, i, vocabulary, length, vocabulary, positions, 0);
            }
        }
        return out;
    }

    /**
     * The gradient, with respect to each token fed back as the next position's input, of the loss of
     * {@link #fitByLength(List, float[][][], float[][], float[][])} over the positions given a target
     * ({@code [sequence][position][token]}; a sequence's last token feeds nothing, so its row is zeros): how each
     * sampled token, changed, would change what the network does at every later position. The network is not
     * changed.
     */
    float[][][] inputGradients(List<int[]> sequences, float[][][] targets, float[][] noiseVectors) {
        float[][] weights = new float[sequences.size()][];
        for (int b = 0; b < weights.length; b++) {
            weights[b] = new float[sequences.get(b).length];
            for (int p = 0; p < weights[b].length; p++) {
                weights[b][p] = targets[b][p] != null ? 1f : 0f;
            }
        }
        float[][][] out = new float[sequences.size()][][];
        int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
        int width = inputWidth();
        try (InputGradient gradient = new InputGradient(graph)) {
            for (int[] rows : LengthGroups.of(lengths)) {
                org.nd4j.linalg.dataset.MultiDataSet data = dataSet(sequences, targets, weights, noiseVectors, rows);
                float[] flat = gradient.of(data.getFeatures(0), data.getLabels(0), data.getFeaturesMaskArray(0),
                        data.getLabelsMaskArray(0));
                long length = data.getFeatures(0).size(2);
                for (int i = 0; i < rows.length; i++) {
                    // token t is position t + 1's input, in the input's first vocabulary slots
                    int positions = sequences.get(rows[i]).length;
                    out[rows[i]] = LengthGroups.row(flat, i, width, length, vocabulary, positions, 1);
                }
            }
        }
        return out;
    }

    private static int[] allRows(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** Teacher-forcing inputs, labels and masks of the given rows, padded to the longest of them. */
    private org.nd4j.linalg.dataset.MultiDataSet dataSet(List<int[]> sequences, float[][][] targets,
            float[][] weights, float[][] noiseVectors, int[] rows) {
        int batch = rows.length;
        int length = 0;
        for (int row : rows) {
            length = Math.max(length, sequences.get(row).length);
        }
        int width = inputWidth();
        float[] in = new float[batch * width * length];
        float[] labels = new float[batch * vocabulary * length];
        float[] featureMask = new float[batch * length];
        float[] labelMask = new float[batch * length];
        for (int b = 0; b < batch; b++) {
            int[] s = sequences.get(rows[b]);
            for (int p = 0; p < s.length; p++) {
                fillInput(in, b, p, length, width, p == 0 ? -1 : s[p - 1], TokenLayout.fieldAt(p),
                        noiseVectors[rows[b]]);
                float[][] target = targets == null ? null : targets[rows[b]];
                // the weight goes in the labels, the mask only says which positions count (weightedLoss)
                float weight = weights == null ? 1f : weights[rows[b]][p];
                if (target != null && target[p] != null) {
                    for (int k = 0; k < vocabulary; k++) {
                        labels[(b * vocabulary + k) * length + p] = weight * target[p][k];
                    }
                } else {
                    labels[(b * vocabulary + s[p]) * length + p] = weight;
                }
                featureMask[b * length + p] = 1f;
                labelMask[b * length + p] = weight == 0f ? 0f : 1f;
            }
        }
        INDArray features = Nd4j.create(in, new long[] {batch, width, length}, 'c');
        INDArray labelArray = Nd4j.create(labels, new long[] {batch, vocabulary, length}, 'c');
        INDArray fMask = Nd4j.create(featureMask, new long[] {batch, length}, 'c');
        INDArray lMask = Nd4j.create(labelMask, new long[] {batch, length}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[] {features}, new INDArray[] {labelArray}, new INDArray[] {fMask}, new INDArray[] {lMask});
    }

    private void fillInput(float[] in, int b, int p, int length, int width, int previousToken, TokenLayout.Field field,
            float[] noiseVector) {
        int base = b * width * length;
        if (previousToken >= 0) {
            in[base + previousToken * length + p] = 1f;
        }
        in[base + (vocabulary + field.ordinal()) * length + p] = 1f;
        for (int z = 0; z < noise; z++) {
            in[base + (vocabulary + FIELDS + z) * length + p] = noiseVector[z];
        }
    }

    /** Starts a fresh batch of sequences for step-by-step sampling. */
    @Override
    public void reset() {
        graph.rnnClearPreviousState();
    }

    /**
     * Advances every sequence of the batch by one position and returns the softmax over the vocabulary,
     * row per sequence.
     */
    @Override
    public float[][] step(int[] previousTokens, TokenLayout.Field field, float[][] noiseVectors) {
        int batch = previousTokens.length;
        int width = inputWidth();
        float[] in = new float[batch * width];
        for (int b = 0; b < batch; b++) {
            fillInput(in, b, 0, 1, width, previousTokens[b], field, noiseVectors[b]);
        }
        INDArray out = graph.rnnTimeStep(Nd4j.create(in, new long[] {batch, width, 1}, 'c'))[0];
        float[] flat = Nd4j.toFlattened('c', out).toFloatVector();
        float[][] rows = new float[batch][vocabulary];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(flat, b * vocabulary, rows[b], 0, vocabulary);
        }
        return rows;
    }

    /**
     * Keeps only the given rows of the batch being sampled (their recurrent state, in this order), so that
     * finished sequences stop costing compute.
     */
    @Override
    public void keepRows(int[] rows) {
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            Map<String, INDArray> state = graph.rnnGetPreviousState(name);
            if (state == null || state.isEmpty()) {
                continue;
            }
            Map<String, INDArray> kept = new HashMap<>();
            for (Map.Entry<String, INDArray> e : state.entrySet()) {
                kept.put(e.getKey(), Nd4j.pullRows(e.getValue(), 1, rows));
            }
            graph.rnnSetPreviousState(name, kept);
        }
    }

    void write(OutputStream out) throws IOException {
        ModelSerializer.writeModel(graph, out, true);
    }

    static TokenNetwork read(InputStream in, int vocabulary, int noise) throws IOException {
        return new TokenNetwork(ModelSerializer.restoreComputationGraph(in, true), vocabulary, noise);
    }
}
