package dev.sessiongan.model;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Some rows of a shard, sampled together (users who need another session, sessions drawn again): each
 * keeps its profile, its own random stream and its noise, so a row's draws do not depend on which other
 * rows are in the batch.
 *
 * @param rows     the rows' indices in the shard
 * @param profiles per row, the profile tokens to force
 * @param randoms  per row, its random stream
 * @param noise    per row, its noise vector
 */
record SubBatch(List<Integer> rows, int[][] profiles, SplittableRandom[] randoms, float[][] noise) {

    /** The rows {@code rows} of a shard whose row {@code b} has profile {@code profileOf.apply(b)}. */
    static SubBatch of(List<Integer> rows, IntFunction<int[]> profileOf, SplittableRandom[] randoms, float[][] noise) {
        int[][] profiles = new int[rows.size()][];
        SplittableRandom[] rowRandoms = new SplittableRandom[rows.size()];
        float[][] rowNoise = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            int b = rows.get(i);
            profiles[i] = profileOf.apply(b);
            rowRandoms[i] = randoms[b];
            rowNoise[i] = noise[b];
        }
        return new SubBatch(rows, profiles, rowRandoms, rowNoise);
    }

    /** Per row, {@code flag} of its index in the shard. */
    boolean[] flags(IntPredicate flag) {
        boolean[] flags = new boolean[rows.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = flag.test(rows.get(i));
        }
        return flags;
    }
}
