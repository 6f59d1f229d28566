package dev.sessiongan.model;

import dev.sessiongan.encoding.TokenLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The auxiliary attribute critic (as in DoppelGANger): a small dense network over a user's profile tokens
 * alone (sessions, buyer, preferred category, price tier), outputting the probability that the profile is
 * a real user's. The session critic reads the profile too, but jointly with a session, where a profile
 * that is rare or impossible weighs little against the events; judged alone, the attributes' joint
 * distribution gets a signal of its own.
 */
final class AttributeDiscriminator {

    private final ComputationGraph graph;
    private final int width;

    private AttributeDiscriminator(ComputationGraph graph, int width) {
        this.graph = graph;
        this.width = width;
    }

    /** The input width for a layout: the profile fields' part of the vocabulary, which comes first. */
    static int width(TokenLayout layout) {
        return layout.offset(TokenLayout.Field.LENGTH);
    }

    static AttributeDiscriminator create(TokenLayout layout, int hidden, double learningRate, long seed) {
        int width = width(layout);
        ComputationGraphConfiguration conf = Discriminator.criticGraph(learningRate, seed)
                .addInputs("profile")
                .setInputTypes(InputType.feedForward(width))
                .addLayer("dense0", new DenseLayer.Builder().nOut(hidden).activation(Activation.LEAKYRELU).build(),
                        "profile")
                .addLayer("dense1", new DenseLayer.Builder().nOut(hidden).activation(Activation.LEAKYRELU).build(),
                        "dense0")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID).nOut(1).build(), "dense1")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return new AttributeDiscriminator(graph, width);
    }

    ComputationGraph graph() {
        return graph;
    }

    /**
     * One step on the profiles of real and generated sequences.
     *
     * @param realLabel target for real profiles (below 1 for one-sided label smoothing)
     * @return the loss before the step
     */
    double fit(List<int[]> real, List<int[]> fake, double realLabel) {
        float[] labels = new float[real.size() + fake.size()];
        for (int i = 0; i < real.size(); i++) {
            labels[i] = (float) realLabel;
        }
        graph.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {encode(real, fake)},
                new INDArray[] {Nd4j.create(labels, new long[] {labels.length, 1}, 'c')}));
        return graph.score();
    }

    /** Probability that each sequence's profile is real, in order. */
    double[] score(List<int[]> sequences) {
        return graph.outputSingle(encode(sequences, List.of())).toDoubleVector();
    }

    private INDArray encode(List<int[]> first, List<int[]> second) {
        int rows = first.size() + second.size();
        float[] in = new float[rows * width];
        int row = 0;
        for (List<int[]> list : List.of(first, second)) {
            for (int[] s : list) {
                for (int p = 0; p < TokenLayout.PROFILE_TOKENS; p++) {
                    in[row * width + s[p]] = 1f;
                }
                row++;
            }
        }
        return Nd4j.create(in, new long[] {rows, width}, 'c');
    }

    void write(OutputStream out) throws IOException {
        org.deeplearning4j.util.ModelSerializer.writeModel(graph, out, true);
    }

    static AttributeDiscriminator read(InputStream in, TokenLayout layout) throws IOException {
        ComputationGraph graph = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(in, true);
        if (graph.getLayer("dense0").getParam("W").size(0) != width(layout)) {
            throw new IOException("attribute discriminator does not match the encoding");
        }
        return new AttributeDiscriminator(graph, width(layout));
    }
}
