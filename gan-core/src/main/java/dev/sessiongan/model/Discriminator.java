package dev.sessiongan.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
     * the sequence's length ("same"), so a position scores alike whatever the batch pads after it.
     */
    private static Discriminator convolutional(int vocabulary, int hidden, int packing, double learningRate,
            long seed) {
        int filters = Math.max(2, hidden / 2);
        ComputationGraphConfiguration.GraphBuilder graph = criticGraph(learningRate, seed)
                .addInputs("in")
                .setInputTypes(InputType.recurrent(packing * vocabulary))
                .addLayer("embed", new Convolution1DLayer.Builder().kernelSize(1).nOut(hidden)
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

    /** An independent copy: weights and optimiser state (for the duality-gap estimate). */
    Discriminator copy() {
        return new Discriminator(graph.clone(), vocabulary, packing);
    }

    ComputationGraph graph() {
        return graph;
    }

    /**
     * One step on real and fake sequences (each list a multiple of the packing).
     *
     * @param realLabel target for real sequences (below 1 for one-sided label smoothing)
     * @return the loss before the step
     */
    double fit(List<int[]> real, List<int[]> fake, double realLabel) {
        int packsReal = real.size() / packing;
        int packsFake = fake.size() / packing;
        Batch batch = encode(real, fake);
        float[] labels = new float[packsReal + packsFake];
        for (int i = 0; i < packsReal; i++) {
            labels[i] = (float) realLabel;
        }
        INDArray labelArray = Nd4j.create(labels, new long[] {labels.length, 1}, 'c');
        graph.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {batch.features}, new INDArray[] {labelArray},
                new INDArray[] {batch.mask}, null));
        return graph.score();
    }

    /** Probability of being real for each pack of sequences, in order. */
    double[] score(List<int[]> sequences) {
        Batch batch = encode(sequences, List.of());
        // the mask goes with the call: outputSingle ignores masks set beforehand and pools over the padding
        return graph.output(false, new INDArray[] {batch.features}, new INDArray[] {batch.mask})[0].toDoubleVector();
    }

    private record Batch(INDArray features, INDArray mask) {
    }

    private Batch encode(List<int[]> first, List<int[]> second) {
        int packs = first.size() / packing + second.size() / packing;
        int length = 1;
        for (int[] s : first) {
            length = Math.max(length, s.length);
        }
        for (int[] s : second) {
            length = Math.max(length, s.length);
        }
        int width = packing * vocabulary;
        float[] in = new float[packs * width * length];
        float[] mask = new float[packs * length];
        int pack = 0;
        for (List<int[]> list : List.of(first, second)) {
            for (int i = 0; i + packing <= list.size(); i += packing, pack++) {
                for (int k = 0; k < packing; k++) {
                    int[] s = list.get(i + k);
                    for (int p = 0; p < s.length; p++) {
                        in[(pack * width + k * vocabulary + s[p]) * length + p] = 1f;
                        mask[pack * length + p] = 1f;
                    }
                }
            }
        }
        return new Batch(Nd4j.create(in, new long[] {packs, width, length}, 'c'),
                Nd4j.create(mask, new long[] {packs, length}, 'c'));
    }

    void write(OutputStream out) throws IOException {
        org.deeplearning4j.util.ModelSerializer.writeModel(graph, out, true);
    }

    static Discriminator read(InputStream in, int vocabulary, int packing) throws IOException {
        return new Discriminator(org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(in, true), vocabulary,
                packing);
    }
}
