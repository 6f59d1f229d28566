package dev.sessiongan.encoding;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sessiongan.internal.PlainPrice;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a fitted {@link SessionEncoding} knows, in the form Jackson writes to a model file.
 *
 * @param options              sizes
 * @param categories           the top categories' ids ("" for unknown), slot order
 * @param pools                per category slot (the last is OTHER): items to draw NEW items from
 * @param gapQuantilesMillis   per time bucket: quantiles of the gaps that fell in it, or {@code null}
 * @param priceTierBounds      lower and upper tercile bounds of users' mean price, or {@code null} without prices
 * @param manySessionCounts    session counts of users with at least {@link SessionEncoding#SESSION_BUCKETS} sessions
 * @param timeResolutionMillis 1000 when every training timestamp was whole seconds, else 1
 * @param otherStayProbability chance that a new item of the OTHER slot after an OTHER-slot event keeps its category
 *                             (read only when {@code otherRuns} is absent)
 * @param trainingUsers        users in the training data (how many runs of generated users share one pass
 *                             of a {@link TailDeck}); 0 in models written before it was recorded
 * @param tailUsers            items acted on by at most this many training users are the long tail; 0 in
 *                             models written before it was recorded, which used 1
 * @param otherRuns            how sessions enter and stay in OTHER categories; {@code null} in models
 *                             written before it was recorded, which drew OTHER categories by events and
 *                             stayed at {@code otherStayProbability}
 * @param revisitRate          how often a later session's new item goes back to the user's earlier items
 *                             where it can ({@link Revisits}); {@code null} in models written before it was
 *                             recorded, whose later sessions never go back
 * @param repeatBuyingRate     over training buyers with several sessions, the share of their sessions beyond the
 *                             first that bought beyond the first buying one ({@link BuyingSessions}); {@code null}
 *                             in models written before it was recorded, whose network alone decides which
 *                             sessions of such a buyer buy
 * @param popularityBounds     per popularity tier but the last, from the most popular: the fewest training
 *                             users a head item of the tier has (descending; the last tier's items have more
 *                             than {@link #tailLimit()}); {@code null} with one tier, as in models written
 *                             before tiers
 */
record EncodingParameters(
        EncodingOptions options,
        List<String> categories,
        List<ItemPool> pools,
        double[][] gapQuantilesMillis,
        double[] priceTierBounds,
        int[] manySessionCounts,
        long timeResolutionMillis,
        double otherStayProbability,
        long trainingUsers,
        int tailUsers,
        // fields that came later are left out when absent, so an older model is saved again as it was
        @JsonInclude(JsonInclude.Include.NON_NULL) OtherRuns otherRuns,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double revisitRate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double repeatBuyingRate,
        @JsonInclude(JsonInclude.Include.NON_NULL) long[] popularityBounds) {

    EncodingParameters {
        // named, so that a damaged file says which field it lacks, not where the first use of it failed
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(gapQuantilesMillis, "gapQuantilesMillis");
        Objects.requireNonNull(manySessionCounts, "manySessionCounts");
        checkRate("revisitRate", revisitRate);
        checkRate("repeatBuyingRate", repeatBuyingRate);
        if (popularityBounds != null) {
            for (int i = 0; i < popularityBounds.length; i++) {
                // the last tier must hold some user count above the tail's
                long floor = i + 1 < popularityBounds.length ? popularityBounds[i + 1] : Math.max(1, tailUsers) + 1;
                if (popularityBounds[i] <= floor) {
                    throw new IllegalArgumentException("popularityBounds must descend above the tail's " + tailUsers
                            + " users, got " + Arrays.toString(popularityBounds));
                }
            }
        }
    }

    /** How many popularity tiers the head items are split into. */
    int popularityTiers() {
        return popularityBounds == null ? 1 : popularityBounds.length + 1;
    }

    /** The popularity tier (0 = most popular) of a head item that {@code users} training users acted on. */
    int popularityTier(long users) {
        int tier = 0;
        while (popularityBounds != null && tier < popularityBounds.length && users < popularityBounds[tier]) {
            tier++;
        }
        return tier;
    }

    private static void checkRate(String name, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], got " + value);
        }
    }

    /** The most training users a long-tail item has. */
    int tailLimit() {
        return tailUsers > 0 ? tailUsers : 1;
    }

    /**
     * Items of one category slot, by popularity.
     *
     * @param ids        item ids
     * @param categories each item's own category id ("" for unknown); differs from the slot for OTHER
     * @param counts     how often each was acted on
     * @param users      how many distinct training users acted on each (1 = the long tail)
     * @param prices     each item's first seen price, or {@code null}
     * @param sessions   how many training sessions held each (how often it was new to a session), the weight
     *                   of a head item's NEW draw; {@code null} in models written before it was recorded,
     *                   whose head items are drawn by {@code counts}
     */
    record ItemPool(List<String> ids, List<String> categories, long[] counts, long[] users, List<String> prices,
            @JsonInclude(JsonInclude.Include.NON_NULL) long[] sessions) {

        ItemPool {
            if (sessions != null && (sessions.length != ids.size() || Arrays.stream(sessions).anyMatch(n -> n < 0))) {
                throw new IllegalArgumentException("an item pool needs one session count >= 0 per item: "
                        + sessions.length + " counts for " + ids.size() + " items");
            }
            if (prices != null) {
                if (prices.size() != ids.size()) {
                    throw new IllegalArgumentException("an item pool needs one price (or null) per item: "
                            + prices.size() + " prices for " + ids.size() + " items");
                }
                // checked here, not where a price is decoded: a corrupt model fails as it loads, naming the item
                for (int i = 0; i < prices.size(); i++) {
                    if (prices.get(i) != null && !PlainPrice.matches(prices.get(i))) {
                        throw new IllegalArgumentException("item " + ids.get(i) + ": price \"" + prices.get(i)
                                + "\" is not a plain decimal >= 0");
                    }
                }
            }
        }

        /** How often item {@code i} is drawn as a NEW item, relative to the pool's others. */
        long newItemWeight(int i) {
            return sessions != null ? sessions[i] : counts[i];
        }
    }
}
