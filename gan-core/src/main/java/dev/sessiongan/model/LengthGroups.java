package dev.sessiongan.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Runs a batch of sequences of mixed lengths through a network in groups of similar length, since a
 * recurrent pass costs every row the longest row's length. The adversarial phase's batches mix generated
 * sessions of up to 200 tokens with real ones of a dozen; one pass padded to the longest cost an LSTM
 * step about 2.2 ms plus 0.07 ms a row (measured on this project's 2-core machine, 147 tokens, 128 units), so
 * a few long rows are far cheaper apart. A training step over the groups sums their gradients and makes one
 * update, the step a single padded pass would have made: padding adds nothing to a gradient.
 */
final class LengthGroups {

    /** A time step's fixed cost, in rows: about 2.2 ms against 0.073 ms a row. */
    private static final double STEP_COST_IN_ROWS = 30;
    /** A group's own fixed cost (building its arrays, the calls), in row-steps: about 10 ms. */
    private static final double GROUP_COST = 150;

    private LengthGroups() {
    }

    /**
     * Rows of similar length grouped for the cheapest passes: the rows' indices, ascending within a group;
     * the groups from the longest rows to the shortest.
     */
    static List<int[]> of(int[] lengths) {
        int n = lengths.length;
        Integer[] byLength = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byLength, Comparator.<Integer>comparingInt(i -> -lengths[i]).thenComparingInt(i -> i));
        // cost[j]: cheapest grouping of the j longest rows; a group from sorted row i on runs lengths[i] steps
        double[] cost = new double[n + 1];
        int[] start = new int[n + 1];
        for (int j = 1; j <= n; j++) {
            cost[j] = Double.MAX_VALUE;
            for (int i = 0; i < j; i++) {
                double c = cost[i] + GROUP_COST + lengths[byLength[i]] * (STEP_COST_IN_ROWS + j - i);
                if (c < cost[j]) {
                    cost[j] = c;
                    start[j] = i;
                }
            }
        }
        List<int[]> groups = new ArrayList<>();
        for (int j = n; j > 0; j = start[j]) {
            int[] rows = new int[j - start[j]];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = byLength[start[j] + k];
            }
            Arrays.sort(rows);
            groups.add(0, rows);
        }
        return groups;
    }

    /**
     * One optimiser step on a batch given as parts: each part's gradient, summed, then one update (gradient
     * clipping, Adam, division by the whole batch's size) as {@link ComputationGraph#fit} makes for one part.
     *
     * @return the batch's mean loss before the step
     */
    static double fit(ComputationGraph graph, List<? extends MultiDataSet> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a step needs at least one row");
        }
        if (parts.size() == 1) {
            graph.fit(parts.get(0));
            return graph.score();
        }
        INDArray sum = null;
        double loss = 0;
        long rows = 0;
        for (MultiDataSet part : parts) {
            graph.setInputs(part.getFeatures());
            graph.setLabels(part.getLabels());
            graph.setLayerMaskArrays(part.getFeaturesMaskArrays(), part.getLabelsMaskArrays());
            graph.computeGradientAndScore();
            // the raw gradient is a sum over rows; the updater divides by the batch size
            sum = sum == null ? graph.getFlattenedGradients().dup() : sum.addi(graph.getFlattenedGradients());
            long n = part.getFeatures(0).size(0);
            loss += graph.score() * n;
            rows += n;
        }
        graph.clearLayerMaskArrays();
        graph.clearLayersStates();
        Gradient gradient = graph.gradient();
        gradient.gradient().assign(sum);
        int iteration = graph.getConfiguration().getIterationCount();
        graph.getUpdater().update(gradient, iteration, graph.getConfiguration().getEpochCount(), (int) rows,
                LayerWorkspaceMgr.noWorkspaces());
        graph.params().subi(gradient.gradient());
        graph.getConfiguration().setIterationCount(iteration + 1);
        return loss / rows;
    }

    /**
     * Row {@code row} of a group's output, flattened in 'c' order from {@code [rows, width, length]}, as one
     * sequence's {@code [position][channel]}: its first {@code channels} channels at the sequence's
     * {@code positions}, position t read at t + {@code shift} (rows past the group's data left zero).
     */
    static float[][] row(float[] flat, int row, int width, long length, int channels, int positions, int shift) {
        float[][] out = new float[positions][channels];
        for (int t = 0; t + shift < positions; t++) {
            for (int k = 0; k < channels; k++) {
                out[t][k] = flat[(int) ((row * (long) width + k) * length + t + shift)];
            }
        }
        return out;
    }
}
