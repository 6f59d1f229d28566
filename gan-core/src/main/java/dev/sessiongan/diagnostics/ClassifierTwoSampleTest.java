package dev.sessiongan.diagnostics;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.internal.Auc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
     */
    public record Result(double auc, int sizeEach, int folds) {
    }

    private final int folds;
    private final int maxPerSample;
    private final BoostedTrees.Options options;

    /** 5 folds, at most 5,000 sessions from each sample, 100 trees of depth 3. */
    public ClassifierTwoSampleTest() {
        this(5, 5_000, BoostedTrees.Options.DEFAULT);
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
        int[] fold = assignFolds(x, size, random);
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
                tx[j] = x[trainRows.get(j)];
                ty[j] = y[trainRows.get(j)];
            }
            BoostedTrees model = BoostedTrees.fit(tx, ty, options);
            for (int i = 0; i < n; i++) {
                if (fold[i] == k) {
                    outOfFold[i] = model.score(x[i]);
                }
            }
        }
        return new Result(Auc.of(outOfFold, y), size, folds);
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
