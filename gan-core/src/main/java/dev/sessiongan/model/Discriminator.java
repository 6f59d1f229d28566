package dev.sessiongan.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The session critic: reads whole token sequences (profile and events, one-hot) with an LSTM or with
 * convolutions ({@link CriticNetwork}), pools over time and outputs the probability that the sequence is
 * real. With packing {@code k > 1} (PacGAN) it judges {@code k} sequences of one kind at once, side by side,
 * which punishes a generator that repeats itself.
 */
final class Discriminator {

    private final ComputationGraph graph;
    private final int vocabulary;
    private final int packing;

    private Discriminator(ComputationGraph graph, int vocabulary, int packing) {
        this.graph = graph;
        this.vocabulary = vocabulary;
        this.packing = packing;
    }

    /**
     * What both critics share: Adam with β1 = 0.5 (as DCGAN's critics: a shorter gradient memory for an
     * opponent that moves) and per-layer gradient clipping.
     */
    static ComputationGraphConfiguration.GraphBuilder criticGraph(double learningRate, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate, 0.5, 0.999, 1e-8))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(5.0)
                .graphBuilder();
    }

    /**
     * Widths of the convolutional critic's filters, in tokens: an event is four, so one event with its
     * neighbours' edges, two, three and five events.
     */
    private static final int[] FILTER_WIDTHS = {5, 9, 13, 21};

    static Discriminator create(CriticNetwork network, int vocabulary, int hidden, int packing, double learningRate,
            long seed) {
        return switch (network) {
            case RECURRENT -> recurrent(vocabulary, hidden, packing, learningRate, seed);
            case CONVOLUTIONAL -> convolutional(vocabulary, hidden, packing, learningRate, seed);
        };
    }

    /**
     * Token embedding (a width-1 convolution), then {@code hidden / 2} filters of each of the
     * {@link #FILTER_WIDTHS}, each max-pooled over the sequence's unmasked positions; the filters are padded to
     * the sequence's length ("same"), so a position scores alike whatever the batch pads after it. The embedding
     * has no bias: the padding's embedding is then zero and gives the filters nothing to learn from, where a bias
     * took gradient from the padded positions within a filter's reach of a sequence's end (a step then
     * depended on how far its batch was padded).
     */
    private static Discriminator convolutional(int vocabulary, int hidden, int packing, double learningRate,
            long seed) {
        int filters = Math.max(2, hidden / 2);
        ComputationGraphConfiguration.GraphBuilder graph = criticGraph(learningRate, seed)
                .addInputs("in")
                .setInputTypes(InputType.recurrent(packing * vocabulary))
                .addLayer("embed", new Convolution1DLayer.Builder().kernelSize(1).nOut(hidden).hasBias(false)
                        .activation(Activation.IDENTITY).convolutionMode(ConvolutionMode.Same).build(), "in");
        String[] pooled = new String[FILTER_WIDTHS.length];
        for (int i = 0; i < FILTER_WIDTHS.length; i++) {
            String conv = "conv" + FILTER_WIDTHS[i];
            pooled[i] = "max" + FILTER_WIDTHS[i];
            graph.addLayer(conv, new Convolution1DLayer.Builder().kernelSize(FILTER_WIDTHS[i]).nOut(filters)
                            .activation(Activation.RELU).convolutionMode(ConvolutionMode.Same).build(), "embed")
                    .addLayer(pooled[i], new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), conv);
        }
        return withHead(graph, hidden, vocabulary, packing, pooled);
    }

    private static Discriminator recurrent(int vocabulary, int hidden, int packing, double learningRate, long seed) {
        ComputationGraphConfiguration.GraphBuilder graph = criticGraph(learningRate, seed)
                .addInputs("in")
                .setInputTypes(InputType.recurrent(packing * vocabulary))
                .addLayer("lstm", new LSTM.Builder().nOut(hidden).activation(Activation.TANH).build(), "in")
                .addLayer("max", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "lstm")
                .addLayer("avg", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "lstm");
        return withHead(graph, hidden, vocabulary, packing, "max", "avg");
    }

    /** What both session critics end with: their pooled features merged, a dense layer and the sigmoid. */
    private static Discriminator withHead(ComputationGraphConfiguration.GraphBuilder graph, int hidden,
            int vocabulary, int packing, String... pooled) {
        ComputationGraphConfiguration conf = graph
                .addVertex("pool", new org.deeplearning4j.nn.conf.graph.MergeVertex(), pooled)
                .addLayer("dense", new DenseLayer.Builder().nOut(hidden).activation(Activation.LEAKYRELU).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).nOut(1).build(), "dense")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return new Discriminator(net, vocabulary, packing);
    }

    int packing() {
        return packing;
    }

    int vocabulary() {
        return vocabulary;
    }

    /** The convolutional critic's filter widths, in tokens. */
    static int[] filterWidths() {
        return FILTER_WIDTHS.clone();
    }

    /** An independent copy: weights and optimiser state (for the duality-gap estimate). */
    Discriminator copy() {
        return new Discriminator(graph.clone(), vocabulary, packing);
    }

    ComputationGraph graph() {
        return graph;
    }

    /** The L2 norm of the last training step's gradient, or NaN before the first step. */
    double gradientNorm() {
        return graph.gradient() == null ? Double.NaN : graph.gradient().gradient().norm2Number().doubleValue();
    }

    /**
     * One step on real and fake sequences (each list a multiple of the packing), its packs run in groups of
     * similar length ({@link LengthGroups}).
     *
     * @param realLabel target for real sequences (below 1 for one-sided label smoothing)
     * @return the loss before the step
     */
    double fit(List<int[]> real, List<int[]> fake, double realLabel) {
        List<List<int[]>> packs = packs(real);
        int packsReal = packs.size();
        packs.addAll(packs(fake));
        List<org.nd4j.linalg.dataset.MultiDataSet> parts = new ArrayList<>();
        for (int[] rows : LengthGroups.of(lengths(packs))) {
            Batch batch = encode(packs, rows);
            float[] labels = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                labels[i] = rows[i] < packsReal ? (float) realLabel : 0f;
            }
            parts.add(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {batch.features},
                    new INDArray[] {Nd4j.create(labels, new long[] {labels.length, 1}, 'c')},
                    new INDArray[] {batch.mask}, null));
        }
        return LengthGroups.fit(graph, parts);
    }

    /** Probability of being real for each pack of sequences, in order. */
    double[] score(List<int[]> sequences) {
        List<List<int[]>> packs = packs(sequences);
        double[] out = new double[packs.size()];
        for (int[] rows : LengthGroups.of(lengths(packs))) {
            Batch batch = encode(packs, rows);
            // the mask goes with the call: outputSingle ignores masks set beforehand and pools over the padding
            double[] scores = graph.output(false, new INDArray[] {batch.features}, new INDArray[] {batch.mask})[0]
                    .toDoubleVector();
            for (int i = 0; i < rows.length; i++) {
                out[rows[i]] = scores[i];
            }
        }
        return out;
    }

    /**
     * The gradient of the generator's non-saturating loss, −log D(x), with respect to each one-hot input of each
     * sequence ({@code [sequence][position][token]}): which tokens, changed, would look more real to the critic.
     * The critic is not changed. Packing 1 only.
     */
    float[][][] inputGradients(List<int[]> sequences) {
        if (packing != 1) {
            throw new IllegalStateException("input gradients need a critic without packing");
        }
        List<List<int[]>> packs = packs(sequences);
        float[][][] out = new float[packs.size()][][];
        try (InputGradient gradient = new InputGradient(graph)) {
            for (int[] rows : LengthGroups.of(lengths(packs))) {
                Batch batch = encode(packs, rows);
                float[] flat = gradient.of(batch.features, Nd4j.ones(DataType.FLOAT, rows.length, 1), batch.mask,
                        null);
                long length = batch.features.size(2);
                for (int i = 0; i < rows.length; i++) {
                    int positions = packs.get(rows[i]).get(0).length;
                    out[rows[i]] = LengthGroups.row(flat, i, vocabulary, length, vocabulary, positions, 0);
                }
            }
        }
        return out;
    }

    private record Batch(INDArray features, INDArray mask) {
    }

    /** The sequences in packs of {@link #packing()}, in order (a last incomplete pack is dropped). */
    private List<List<int[]>> packs(List<int[]> sequences) {
        List<List<int[]>> packs = new ArrayList<>();
        for (int i = 0; i + packing <= sequences.size(); i += packing) {
            packs.add(sequences.subList(i, i + packing));
        }
        return packs;
    }

    private static int[] lengths(List<List<int[]>> packs) {
        int[] lengths = new int[packs.size()];
        for (int i = 0; i < lengths.length; i++) {
            for (int[] s : packs.get(i)) {
                lengths[i] = Math.max(lengths[i], s.length);
            }
        }
        return lengths;
    }

    /** The given packs one-hot, side by side within a pack, padded to the longest of them, with their mask. */
    private Batch encode(List<List<int[]>> packs, int[] rows) {
        int length = 1;
        for (int row : rows) {
            for (int[] s : packs.get(row)) {
                length = Math.max(length, s.length);
            }
        }
        int width = packing * vocabulary;
        float[] in = new float[rows.length * width * length];
        float[] mask = new float[rows.length * length];
        for (int pack = 0; pack < rows.length; pack++) {
            List<int[]> sequences = packs.get(rows[pack]);
            for (int k = 0; k < packing; k++) {
                int[] s = sequences.get(k);
                for (int p = 0; p < s.length; p++) {
                    in[(pack * width + k * vocabulary + s[p]) * length + p] = 1f;
                    mask[pack * length + p] = 1f;
                }
            }
        }
        return new Batch(Nd4j.create(in, new long[] {rows.length, width, length}, 'c'),
                Nd4j.create(mask, new long[] {rows.length, length}, 'c'));
    }

    void write(OutputStream out) throws IOException {
        org.deeplearning4j.util.ModelSerializer.writeModel(graph, out, true);
    }

    /** Writes the network without its optimiser state: what scoring needs, at half the size. */
    void writeWeights(OutputStream out) throws IOException {
        org.deeplearning4j.util.ModelSerializer.writeModel(graph, out, false);
    }

    static Discriminator read(InputStream in, int vocabulary, int packing) throws IOException {
        return new Discriminator(org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(in, true), vocabulary,
                packing);
    }
}
