package dev.sessiongan.model;

import dev.sessiongan.encoding.TokenLayout;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;

/**
 * The trained generator's forward pass in plain Java, for generation. ND4J spends most of a sampling step
 * on per-call overhead at these sizes, and with a small heap its garbage-collected buffers were freed
 * under a running op (a native crash after a few hundred thousand users); here the weights are copied
 * out once and a step allocates nothing native. The input is one-hot but for the noise, so the input
 * product is a sum of a few weight rows. Matches Deeplearning4j's LSTM (no peepholes; gate blocks
 * [block input z (tanh), forget f, output o, input gate i]: c = f·c + i·z, h = o·tanh(c)) and softmax
 * output layer to float rounding ({@code GanGeneratorTest} compares the two).
 */
final class InferenceNetwork implements Stepper {

    private final int vocabulary;
    private final int fields;
    private final int noise;
    private final List<float[][]> inputWeights = new ArrayList<>();
    private final List<float[][]> recurrentWeights = new ArrayList<>();
    private final List<float[]> biases = new ArrayList<>();
    private final float[][] outputWeights;
    private final float[] outputBias;
    private final int[] sizes;
    private float[][][] hidden;
    private float[][][] cells;

    private InferenceNetwork(TokenNetwork network) {
        this.vocabulary = network.vocabulary();
        this.fields = TokenNetwork.FIELDS;
        this.noise = network.noise();
        List<Integer> units = new ArrayList<>();
        float[][] outW = null;
        float[] outB = null;
        for (Layer layer : network.graph().getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            float[][] w = layer.getParam("W").toFloatMatrix();
            float[] b = layer.getParam("b").toFloatVector();
            if (name.startsWith("lstm")) {
                inputWeights.add(w);
                recurrentWeights.add(layer.getParam("RW").toFloatMatrix());
                biases.add(b);
                units.add(b.length / 4);
            } else {
                outW = w;
                outB = b;
            }
        }
        this.outputWeights = outW;
        this.outputBias = outB;
        this.sizes = units.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The same weights (shared, never written) with a state of its own, for sampling on another thread. */
    private InferenceNetwork(InferenceNetwork weights) {
        this.vocabulary = weights.vocabulary;
        this.fields = weights.fields;
        this.noise = weights.noise;
        this.inputWeights.addAll(weights.inputWeights);
        this.recurrentWeights.addAll(weights.recurrentWeights);
        this.biases.addAll(weights.biases);
        this.outputWeights = weights.outputWeights;
        this.outputBias = weights.outputBias;
        this.sizes = weights.sizes;
    }

    /** Copies the network's current weights. */
    static InferenceNetwork of(TokenNetwork network) {
        return new InferenceNetwork(network);
    }

    /** This network's weights with a fresh state: each sampler steps its own copy. */
    InferenceNetwork withOwnState() {
        return new InferenceNetwork(this);
    }

    @Override
    public void reset() {
        hidden = null;
        cells = null;
    }

    @Override
    public float[][] step(int[] previousTokens, TokenLayout.Field field, float[][] noiseVectors) {
        int batch = previousTokens.length;
        if (hidden == null) {
            hidden = new float[sizes.length][batch][];
            cells = new float[sizes.length][batch][];
            for (int l = 0; l < sizes.length; l++) {
                for (int b = 0; b < batch; b++) {
                    hidden[l][b] = new float[sizes[l]];
                    cells[l][b] = new float[sizes[l]];
                }
            }
        }
        float[][] out = new float[batch][];
        for (int b = 0; b < batch; b++) {
            float[] below = null;
            for (int l = 0; l < sizes.length; l++) {
                float[] gates = biases.get(l).clone();
                float[][] w = inputWeights.get(l);
                if (l == 0) {
                    if (previousTokens[b] >= 0) {
                        add(gates, w[previousTokens[b]], 1f);
                    }
                    add(gates, w[vocabulary + field.ordinal()], 1f);
                    for (int z = 0; z < noise; z++) {
                        add(gates, w[vocabulary + fields + z], noiseVectors[b][z]);
                    }
                } else {
                    for (int k = 0; k < below.length; k++) {
                        add(gates, w[k], below[k]);
                    }
                }
                float[] h = hidden[l][b];
                float[][] rw = recurrentWeights.get(l);
                for (int k = 0; k < h.length; k++) {
                    add(gates, rw[k], h[k]);
                }
                int n = sizes[l];
                float[] c = cells[l][b];
                float[] next = new float[n];
                for (int j = 0; j < n; j++) {
                    float blockInput = (float) Math.tanh(gates[j]);
                    float forget = sigmoid(gates[n + j]);
                    float output = sigmoid(gates[2 * n + j]);
                    float inputGate = sigmoid(gates[3 * n + j]);
                    c[j] = forget * c[j] + inputGate * blockInput;
                    next[j] = output * (float) Math.tanh(c[j]);
                }
                hidden[l][b] = next;
                below = next;
            }
            out[b] = softmax(below);
        }
        return out;
    }

    private float[] softmax(float[] h) {
        float[] logits = outputBias.clone();
        for (int k = 0; k < h.length; k++) {
            add(logits, outputWeights[k], h[k]);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.exp(logits[i] - max);
            sum += logits[i];
        }
        for (int i = 0; i < logits.length; i++) {
            logits[i] /= (float) sum;
        }
        return logits;
    }

    @Override
    public void keepRows(int[] rows) {
        for (int l = 0; l < sizes.length; l++) {
            float[][] h = new float[rows.length][];
            float[][] c = new float[rows.length][];
            for (int k = 0; k < rows.length; k++) {
                h[k] = hidden[l][rows[k]];
                c[k] = cells[l][rows[k]];
            }
            hidden[l] = h;
            cells[l] = c;
        }
    }

    private static void add(float[] target, float[] row, float scale) {
        if (scale == 0f) {
            return;
        }
        for (int i = 0; i < target.length; i++) {
            target[i] += scale * row[i];
        }
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
