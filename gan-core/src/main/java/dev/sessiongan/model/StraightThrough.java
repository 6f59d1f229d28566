package dev.sessiongan.model;

import dev.sessiongan.encoding.TokenLayout;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The straight-through generator step's targets ({@link GeneratorGradient#STRAIGHT_THROUGH}): what the critic's
 * input gradient asks of each generated token, handed to {@link TokenNetwork} as soft targets.
 */
final class StraightThrough {

    private static final Logger LOG = LoggerFactory.getLogger(StraightThrough.class);
    /**
     * Passes that carry the gradient back through the generator's fed-back tokens: each adds the paths through
     * one more of them.
     */
    private static final int CHAIN_PASSES = 2;

    private StraightThrough() {
    }

    /**
     * Straight-through targets for the generated sequences: the gradient of −log D with respect to each sampled
     * one-hot token, carried to the logits through the field's softmax (the sampled token forward, the
     * softmax's gradient backward), scaled so that a sequence's gradient has on average an L1 norm of
     * {@code criticWeight} (a policy-gradient step weighs a sequence by its standardised advantage, about 1
     * in size, times the same weight). A token's gradient is the critic's plus what it does through the
     * generator, fed back as the next position's input, to every later token's logits: the later logits'
     * gradients depend on it in turn, so it is found over {@value #CHAIN_PASSES} passes, each carrying the
     * chain one fed-back token further. Sets the weight in {@code w} of every position given a target to 1.
     */
    static float[][][] targets(TokenLayout layout, TokenNetwork generator, Discriminator critic, List<int[]> fakes,
            float[][] noise, double criticWeight, List<float[]> w) {
        int n = fakes.size();
        float[][][] e = critic.inputGradients(fakes);
        float[][][] p = generator.probabilities(fakes, noise);
        float[][][] g = fieldGradients(layout, fakes, p, e);
        for (int pass = 0; pass < CHAIN_PASSES; pass++) {
            // the generator's gradients are handed over as targets p - g / size, so that the float targets keep
            // their precision, and the input gradients scaled back
            double size = maxAbs(g);
            if (!(size > 0)) {
                break;
            }
            float[][][] through = generator.inputGradients(fakes, softTargets(p, g, 1 / size), noise);
            float[][][] chained = new float[n][][];
            for (int b = 0; b < n; b++) {
                chained[b] = new float[e[b].length][];
                for (int t = 0; t < e[b].length; t++) {
                    chained[b][t] = new float[e[b][t].length];
                    for (int k = 0; k < e[b][t].length; k++) {
                        chained[b][t][k] = (float) (e[b][t][k] + size * through[b][t][k]);
                    }
                }
            }
            float[][][] before = g;
            g = fieldGradients(layout, fakes, p, chained);
            if (LOG.isDebugEnabled()) {
                LOG.debug("straight-through pass {}: the chain changed the gradient by {} (relative L2)", pass + 1,
                        relativeChange(before, g));
            }
        }
        double mass = 0;
        for (float[][] sequence : g) {
            for (float[] token : sequence) {
                for (int k = 0; token != null && k < token.length; k++) {
                    mass += Math.abs(token[k]);
                }
            }
        }
        float[][][] targets = softTargets(p, g, mass > 0 ? criticWeight * n / mass : 0);
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < targets[b].length; t++) {
                if (targets[b][t] != null) {
                    w.get(b)[t] = 1f;
                }
            }
        }
        return targets;
    }

    /**
     * Each generated event token's gradient with respect to its logits, given the gradient {@code v} of the loss
     * with respect to the sampled one-hot token: g_j = s_j (v_j − Σ s_k v_k) over its field's softmax s; null
     * for the header, placeholders and a field whose probability underflowed (nothing to move there).
     */
    private static float[][][] fieldGradients(TokenLayout layout, List<int[]> fakes, float[][][] p, float[][][] v) {
        float[][][] g = new float[fakes.size()][][];
        for (int b = 0; b < g.length; b++) {
            int[] s = fakes.get(b);
            g[b] = new float[s.length][];
            for (int t = TokenLayout.HEADER_TOKENS; t < s.length; t++) {
                if (TokenLayout.isPlaceholder(t)) {
                    continue;
                }
                TokenLayout.Field field = TokenLayout.fieldAt(t);
                int lo = layout.offset(field);
                int hi = lo + layout.size(field);
                double inField = 0;
                for (int k = lo; k < hi; k++) {
                    inField += p[b][t][k];
                }
                if (!(inField > 0)) {
                    continue;
                }
                double expected = 0;
                for (int k = lo; k < hi; k++) {
                    expected += p[b][t][k] / inField * v[b][t][k];
                }
                float[] gt = new float[p[b][t].length];
                for (int k = lo; k < hi; k++) {
                    gt[k] = (float) (p[b][t][k] / inField * (v[b][t][k] - expected));
                }
                g[b][t] = gt;
            }
        }
        return g;
    }

    /** Targets p − scale·g where g has a gradient, none elsewhere: the loss's gradient there is scale·g. */
    private static float[][][] softTargets(float[][][] p, float[][][] g, double scale) {
        float[][][] targets = new float[g.length][][];
        for (int b = 0; b < g.length; b++) {
            targets[b] = new float[g[b].length][];
            for (int t = 0; t < g[b].length; t++) {
                if (g[b][t] != null) {
                    float[] y = p[b][t].clone();
                    for (int k = 0; k < y.length; k++) {
                        y[k] -= (float) (scale * g[b][t][k]);
                    }
                    targets[b][t] = y;
                }
            }
        }
        return targets;
    }

    /** ‖after − before‖ / ‖after‖ over every token's gradient (L2). */
    private static double relativeChange(float[][][] before, float[][][] after) {
        double change = 0;
        double size = 0;
        for (int b = 0; b < after.length; b++) {
            for (int t = 0; t < after[b].length; t++) {
                for (int k = 0; after[b][t] != null && k < after[b][t].length; k++) {
                    double d = after[b][t][k] - before[b][t][k];
                    change += d * d;
                    size += after[b][t][k] * after[b][t][k];
                }
            }
        }
        return Math.sqrt(change / size);
    }

    private static double maxAbs(float[][][] g) {
        double max = 0;
        for (float[][] sequence : g) {
            for (float[] token : sequence) {
                for (int k = 0; token != null && k < token.length; k++) {
                    max = Math.max(max, Math.abs(token[k]));
                }
            }
        }
        return max;
    }
}
