package dev.sessiongan.baseline;

import java.util.List;
import java.util.Map;

/**
 * Everything a fitted Markov model knows, in a form Jackson writes to and reads from the model file.
 * A state is {@code eventType.ordinal() * categories.size() + categoryIndex}; category 0 is "unknown".
 */
record MarkovParameters(
        List<String> categories,
        List<CategoryItems> items,
        int[] startStates,
        long[] startCounts,
        List<TransitionRow> transitions,
        double[][] repeatProbability,
        Map<String, double[]> gapQuantilesMillis,
        int[] sessionsPerUserValues,
        long[] sessionsPerUserCounts,
        double[] interSessionGapQuantilesMillis,
        double[] startOffsetQuantilesMillis,
        long dataStartEpochMillis,
        long timeResolutionMillis,
        int maxSessionLength) {

    /** Key of the gap distribution used when a type pair was never seen. */
    static final String ANY_GAP = "*";

    /**
     * Items seen in one category, by popularity.
     *
     * @param ids    item ids in order of first appearance
     * @param counts how often each was acted on
     * @param prices each item's first seen price as a plain decimal, or {@code null}
     */
    record CategoryItems(List<String> ids, long[] counts, List<String> prices) {
    }

    /**
     * Where a state goes next.
     *
     * @param from   the state
     * @param to     next states, {@code -1} for the end of the session
     * @param counts how often each was taken
     */
    record TransitionRow(int from, int[] to, long[] counts) {
    }
}
