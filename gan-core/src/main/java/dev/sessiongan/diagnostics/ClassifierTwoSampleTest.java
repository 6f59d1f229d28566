package dev.sessiongan.diagnostics;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.internal.Auc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A classifier two-sample test: can gradient-boosted trees tell sample A from sample B by
 * {@link SessionFeatures}? Reports the cross-validated AUC: 0.5 means indistinguishable, 1.0 means
 * perfectly separable. The larger sample is subsampled to the smaller one's size, so the AUC is not
 * skewed by imbalance and popularity features see both samples equally.
 */
public final class ClassifierTwoSampleTest {

    /**
     * The outcome.
     *
     * @param auc       cross-validated AUC of "is from B"
     * @param sizeEach  sessions used from each sample
     * @param folds     cross-validation folds
     * @param byGroup   the same test's AUC on each {@link SessionFeatures.Group}'s features alone (empty unless
     *                  {@link #runByGroup} ran it)
     */
    public record Result(double auc, int sizeEach, int folds, Map<SessionFeatures.Group, Double> byGroup) {

        public Result {
            Map<SessionFeatures.Group, Double> copy = new EnumMap<>(SessionFeatures.Group.class);
            copy.putAll(byGroup);
            byGroup = Collections.unmodifiableMap(copy);
        }

        /** An outcome without group AUCs. */
        public Result(double auc, int sizeEach, int folds) {
            this(auc, sizeEach, folds, Map.of());
        }
    }

    /** The default test's folds, so the fewest sessions a sample may have. */
    public static final int FOLDS = 5;

    private final int folds;
    private final int maxPerSample;
    private final BoostedTrees.Options options;

    /** 5 folds, at most 5,000 sessions from each sample, 100 trees of depth 3. */
    public ClassifierTwoSampleTest() {
        this(FOLDS, 5_000, BoostedTrees.Options.DEFAULT);
    }

    ClassifierTwoSampleTest(int folds, int maxPerSample, BoostedTrees.Options options) {
        if (folds < 2) {
            throw new InvalidInputException("folds must be >= 2, got " + folds);
        }
        this.folds = folds;
        this.maxPerSample = maxPerSample;
        this.options = options;
    }

    /**
     * Runs the test.
     *
     * @throws InvalidInputException if either sample has fewer sessions than folds
     */
    public Result run(List<UserSession> a, List<UserSession> b, long seed) {
        Design design = design(a, b, seed);
        return new Result(design.crossValidatedAuc(row -> row), design.size, folds);
    }

    /**
     * Runs the test, then again on each feature group's columns alone with the same sessions and folds
     * (fresh trees each time), so that where a candidate differs can be told apart: in what its sessions do,
     * or in which items and categories they visit. The overall AUC is {@link #run}'s with the same seed. The
     * folds are the whole vectors' ones, so a session found in both samples keeps its rows in one fold
     * whatever the columns.
     *
     * @throws InvalidInputException if either sample has fewer sessions than folds
     */
    public Result runByGroup(List<UserSession> a, List<UserSession> b, long seed) {
        Design design = design(a, b, seed);
        Map<SessionFeatures.Group, Double> byGroup = new EnumMap<>(SessionFeatures.Group.class);
        for (SessionFeatures.Group group : SessionFeatures.Group.values()) {
            byGroup.put(group, design.crossValidatedAuc(group::of));
        }
        return new Result(design.crossValidatedAuc(row -> row), design.size, folds, byGroup);
    }

    /** Both samples cut to one size, their feature vectors, labels (1 = from B) and folds. */
    private Design design(List<UserSession> a, List<UserSession> b, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = Math.min(maxPerSample, Math.min(a.size(), b.size()));
        if (size < folds) {
            throw new InvalidInputException("two-sample test needs at least " + folds + " sessions in each sample, got "
                    + a.size() + " and " + b.size());
        }
        List<UserSession> sampleA = sample(a, size, random);
        List<UserSession> sampleB = sample(b, size, random);
        List<UserSession> pooled = new ArrayList<>(sampleA);
        pooled.addAll(sampleB);
        SessionFeatures features = SessionFeatures.over(pooled);
        int n = 2 * size;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = features.of(pooled.get(i));
            y[i] = i < size ? 0 : 1;
        }
        return new Design(x, y, assignFolds(x, size, random), size);
    }

    private final class Design {
        final double[][] x;
        final int[] y;
        final int[] fold;
        final int size;

        Design(double[][] x, int[] y, int[] fold, int size) {
            this.x = x;
            this.y = y;
            this.fold = fold;
            this.size = size;
        }

        /** Out-of-fold AUC of trees fitted on {@code columns} of each feature vector. */
        double crossValidatedAuc(UnaryOperator<double[]> columns) {
            int n = x.length;
            double[][] features = new double[n][];
            for (int i = 0; i < n; i++) {
                features[i] = columns.apply(x[i]);
            }
            double[] outOfFold = new double[n];
            for (int k = 0; k < folds; k++) {
                List<Integer> trainRows = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (fold[i] != k) {
                        trainRows.add(i);
                    }
                }
                double[][] tx = new double[trainRows.size()][];
                int[] ty = new int[trainRows.size()];
                for (int j = 0; j < trainRows.size(); j++) {
                    tx[j] = features[trainRows.get(j)];
                    ty[j] = y[trainRows.get(j)];
                }
                BoostedTrees model = BoostedTrees.fit(tx, ty, options);
                for (int i = 0; i < n; i++) {
                    if (fold[i] == k) {
                        outOfFold[i] = model.score(features[i]);
                    }
                }
            }
            return Auc.of(outOfFold, y);
        }
    }

    /**
     * Stratified random folds, except that a feature vector found in both samples keeps all its rows in one
     * fold: otherwise a session present in both would be memorised from one fold and mispredicted in
     * another, pushing the AUC below 0.5 (e.g. a sample tested against itself).
     */
    private int[] assignFolds(double[][] x, int size, SplittableRandom random) {
        int n = x.length;
        Map<String, Integer> classesOf = new HashMap<>();
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = Arrays.toString(x[i]);
            classesOf.merge(keys[i], i < size ? 1 : 2, (p, q) -> p | q);
        }
        long salt = random.nextLong();
        int[] fold = new int[n];
        for (int half = 0; half < 2; half++) {
            int[] order = permutation(size, random);
            for (int k = 0; k < size; k++) {
                int i = half * size + order[k];
                if (classesOf.get(keys[i]) == 3) {
                    long h = (keys[i].hashCode() * 0x9E3779B97F4A7C15L) ^ salt;
                    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
                    fold[i] = (int) Math.floorMod(h ^ (h >>> 29), (long) folds);
                } else {
                    fold[i] = k % folds;
                }
            }
        }
        return fold;
    }

    private static List<UserSession> sample(List<UserSession> sessions, int size, SplittableRandom random) {
        int[] order = permutation(sessions.size(), random);
        List<UserSession> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(sessions.get(order[i]));
        }
        return out;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
