package dev.sessiongan.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Gradient-boosted regression trees for binary classification (logistic loss, Newton leaf values):
 * a strong, deterministic tabular classifier for two-sample tests. Plain Java; small trees, exact splits.
 */
final class BoostedTrees {

    record Options(int trees, int depth, double learningRate, int minLeaf, double l2) {
        static final Options DEFAULT = new Options(100, 3, 0.1, 10, 1.0);
    }

    /** A node: internal when {@code feature >= 0}. */
    private record Node(int feature, double threshold, int left, int right, double value) {
    }

    private final double bias;
    private final List<Node[]> trees;
    private final double learningRate;

    private BoostedTrees(double bias, List<Node[]> trees, double learningRate) {
        this.bias = bias;
        this.trees = trees;
        this.learningRate = learningRate;
    }

    /** Fits to rows {@code x[i]} with labels {@code y[i]} in {0, 1}. */
    static BoostedTrees fit(double[][] x, int[] y, Options options) {
        int n = x.length;
        int features = n == 0 ? 0 : x[0].length;
        double positives = Arrays.stream(y).sum();
        double p0 = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, n)));
        double bias = Math.log(p0 / (1 - p0));
        double[] score = new double[n];
        Arrays.fill(score, bias);
        int[][] sorted = new int[features][];
        for (int f = 0; f < features; f++) {
            final int feature = f;
            sorted[f] = IntStream.range(0, n).boxed()
                    .sorted((a, b) -> Double.compare(x[a][feature], x[b][feature]))
                    .mapToInt(Integer::intValue).toArray();
        }
        double[] g = new double[n];
        double[] h = new double[n];
        List<Node[]> trees = new ArrayList<>();
        for (int t = 0; t < options.trees(); t++) {
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-score[i]));
                g[i] = y[i] - p;
                h[i] = Math.max(p * (1 - p), 1e-12);
            }
            List<Node> nodes = new ArrayList<>();
            int[] leafOf = new int[n];
            grow(nodes, x, sorted, g, h, leafOf, allRows(n), 0, options);
            Node[] tree = nodes.toArray(Node[]::new);
            for (int i = 0; i < n; i++) {
                score[i] += options.learningRate() * tree[leafOf[i]].value();
            }
            trees.add(tree);
        }
        return new BoostedTrees(bias, trees, options.learningRate());
    }

    private static boolean[] allRows(int n) {
        boolean[] in = new boolean[n];
        Arrays.fill(in, true);
        return in;
    }

    /** Grows a subtree over the rows marked {@code in}; returns its node index. */
    private static int grow(List<Node> nodes, double[][] x, int[][] sorted, double[] g, double[] h, int[] leafOf,
            boolean[] in, int depth, Options o) {
        double sumG = 0;
        double sumH = 0;
        int count = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i]) {
                sumG += g[i];
                sumH += h[i];
                count++;
            }
        }
        int index = nodes.size();
        double leafValue = sumG / (sumH + o.l2());
        nodes.add(new Node(-1, 0, -1, -1, leafValue));
        if (depth >= o.depth() || count < 2 * o.minLeaf()) {
            markLeaf(leafOf, in, index);
            return index;
        }
        double parentGain = sumG * sumG / (sumH + o.l2());
        double bestGain = 1e-9;
        int bestFeature = -1;
        double bestThreshold = 0;
        for (int f = 0; f < sorted.length; f++) {
            double leftG = 0;
            double leftH = 0;
            int leftCount = 0;
            int[] order = sorted[f];
            for (int k = 0; k < order.length; k++) {
                int i = order[k];
                if (!in[i]) {
                    continue;
                }
                leftG += g[i];
                leftH += h[i];
                leftCount++;
                int next = nextIn(order, k + 1, in);
                if (next < 0) {
                    break;
                }
                if (x[next][f] == x[i][f] || leftCount < o.minLeaf() || count - leftCount < o.minLeaf()) {
                    continue;
                }
                double rightG = sumG - leftG;
                double rightH = sumH - leftH;
                double gain = leftG * leftG / (leftH + o.l2()) + rightG * rightG / (rightH + o.l2()) - parentGain;
                if (gain > bestGain) {
                    bestGain = gain;
                    bestFeature = f;
                    bestThreshold = (x[i][f] + x[next][f]) / 2;
                }
            }
        }
        if (bestFeature < 0) {
            markLeaf(leafOf, in, index);
            return index;
        }
        boolean[] left = new boolean[in.length];
        boolean[] right = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            if (in[i]) {
                if (x[i][bestFeature] <= bestThreshold) {
                    left[i] = true;
                } else {
                    right[i] = true;
                }
            }
        }
        int l = grow(nodes, x, sorted, g, h, leafOf, left, depth + 1, o);
        int r = grow(nodes, x, sorted, g, h, leafOf, right, depth + 1, o);
        nodes.set(index, new Node(bestFeature, bestThreshold, l, r, leafValue));
        return index;
    }

    private static int nextIn(int[] order, int from, boolean[] in) {
        for (int k = from; k < order.length; k++) {
            if (in[order[k]]) {
                return order[k];
            }
        }
        return -1;
    }

    private static void markLeaf(int[] leafOf, boolean[] in, int index) {
        for (int i = 0; i < in.length; i++) {
            if (in[i]) {
                leafOf[i] = index;
            }
        }
    }

    /** The log-odds of class 1 for one row. */
    double score(double[] row) {
        double s = bias;
        for (Node[] tree : trees) {
            Node node = tree[0];
            while (node.feature() >= 0) {
                node = tree[row[node.feature()] <= node.threshold() ? node.left() : node.right()];
            }
            s += learningRate * node.value();
        }
        return s;
    }
}
