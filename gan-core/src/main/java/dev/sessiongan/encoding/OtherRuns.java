package dev.sessiongan.encoding;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.DoubleStream;

/**
 * How training sessions move through the rare categories that share the OTHER slot, counted so that
 * decoding can pick an OTHER item's category the way the data does: a session enters a category (a
 * <em>start</em>), then each further new item of the OTHER slot stays in it or leaves.
 *
 * <p>Why not the categories' event counts and one stay probability for all: a category's events are its
 * starts times how long sessions stay, and how long they stay depends on how many items it has (a
 * one-item category cannot give a second new item). On REES46 (measured in groups of 1, 2–3, 4–10 and
 * 11–30 items) a new item after an event in a one-item category never stayed in it, after a 2–3-item
 * category 42 % of the time, after a 4–10-item category 69 %, after an 11–30-item category 82 %. Drawn
 * by events and staying at the common rate (73 %), 20,000 generated users had 2.1 events per entry into
 * one-item categories (data 1.3) and 2.3 into 2–3-item ones (1.7); entered and left by size, 1.3 and
 * 1.65.
 *
 * <p>How often to enter a category: as often as training sessions started in it ({@link #entryWeights}).
 * Generated sessions then stay as long as the category's size band did, whatever the category, so a
 * category whose few training visits ran long gets fewer events than it had. That is the point: most OTHER
 * categories were visited by one or two training sessions, and how long those ran is mostly chance. Models
 * written before (no {@code byStarts} in their encoding) scaled each category's starts by its own events per
 * start over its band's, which gave every category its training events back (10,000 users' category
 * distribution 0.012 JS off the training events' against 0.019 by starts) but entered a category whose one
 * visit ran long again and again: on REES46, 10.4 % of generated OTHER visits went to categories one training
 * session had visited, against the data's 7.3 %, ten of those 112 categories taking a third of them. Fitted
 * to four fifths of the training users and measured on the fifth (five folds, four generation seeds, three
 * subsets), the category distance was 0.1706 by starts against 0.1803 scaled.
 *
 * <p>Starts are counted apart for head and tail items, because the network says which it wants (NEW or
 * RARE) but not which OTHER category: a category whose items are mostly popular must not be asked for
 * the long tail as often as one made of rarities, or its few tail items are dealt over and over while
 * the other's stay in the deck.
 *
 * @param headStarts  per category id: starts on an item of the head (more training users than the tail)
 * @param tailStarts  per category id: starts on an item of the long tail
 * @param events      per category id: all its events, repeats included
 * @param stayByItems per band of a category's item count (1, 2–3, 4–7, … : {@link #band}): the chance that
 *                    a new OTHER item after an event in such a category stays in it
 * @param commonStay  the same chance over all categories (bands no session tells about take it; written as
 *                    the encoding's {@code otherStayProbability} too, for a reader of the file)
 * @param byStarts    {@code true}: a category is entered by its starts alone; {@code null} (or {@code false}) in
 *                    models written before, whose entries are scaled by the category's events per start over
 *                    its band's; left out of the file then, so such a model is saved again as it was
 */
record OtherRuns(Map<String, Long> headStarts, Map<String, Long> tailStarts, Map<String, Long> events,
        double[] stayByItems, double commonStay,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Boolean byStarts) {

    /** Bands 0..{@code BANDS-1}; larger categories share the last. */
    static final int BANDS = 12;

    OtherRuns {
        if (headStarts == null || tailStarts == null || events == null || stayByItems == null
                || stayByItems.length != BANDS) {
            throw new IllegalArgumentException("OTHER runs need head and tail starts, events and " + BANDS
                    + " stay probabilities, got " + (stayByItems == null ? "none" : stayByItems.length));
        }
        for (double p : DoubleStream.concat(Arrays.stream(stayByItems), DoubleStream.of(commonStay)).toArray()) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("a stay probability must be in [0, 1], got " + p);
            }
        }
        Map<String, Map<String, Long>> tables = Map.of("headStarts", headStarts, "tailStarts", tailStarts,
                "events", events);
        tables.forEach((name, counts) -> counts.forEach((category, n) -> {
            if (n == null || n < 0) {
                throw new IllegalArgumentException(name + " of category " + category + " must be >= 0, got " + n);
            }
        }));
    }

    /** The band of a category with {@code items} items: floor(log2(items)), capped. */
    static int band(int items) {
        return Math.min(BANDS - 1, 31 - Integer.numberOfLeadingZeros(Math.max(1, items)));
    }

    /** The chance of staying after an event in a category with {@code items} items. */
    double stay(int items) {
        return stayByItems[band(items)];
    }

    /**
     * Per category, how often to enter it on a head item ({@code [0]}) and on a tail item ({@code [1]}),
     * relative to the others: its starts, or in models written before {@code byStarts}, its starts times
     * its events per start over its size band's.
     *
     * @param itemsOf per category id: its number of items
     */
    Map<String, double[]> entryWeights(Map<String, Integer> itemsOf) {
        boolean scaled = !Boolean.TRUE.equals(byStarts);
        double[] bandEvents = new double[BANDS];
        double[] bandStarts = new double[BANDS];
        for (Map.Entry<String, Integer> e : itemsOf.entrySet()) {
            int b = band(e.getValue());
            bandEvents[b] += events.getOrDefault(e.getKey(), 0L);
            bandStarts[b] += starts(e.getKey());
        }
        Map<String, double[]> weights = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : itemsOf.entrySet()) {
            String category = e.getKey();
            long starts = starts(category);
            int b = band(e.getValue());
            // starts x (events / starts) / (band events / band starts): the starts cancel but for the split
            double scale = !scaled ? 1 : starts == 0 || bandEvents[b] == 0 ? 0
                    : events.getOrDefault(category, 0L) / (double) starts * bandStarts[b] / bandEvents[b];
            weights.put(category, new double[] {headStarts.getOrDefault(category, 0L) * scale,
                    tailStarts.getOrDefault(category, 0L) * scale});
        }
        return weights;
    }

    private long starts(String category) {
        return headStarts.getOrDefault(category, 0L) + tailStarts.getOrDefault(category, 0L);
    }

    /**
     * Counts the runs of {@code sessions}.
     *
     * @param isOther whether a category key falls in the OTHER slot
     * @param isTail  whether an item id is of the long tail
     * @param itemsOf per OTHER category key: its number of items
     */
    static OtherRuns count(Iterable<UserSession> sessions, Predicate<String> isOther, Predicate<String> isTail,
            Map<String, Integer> itemsOf) {
        Map<String, Long> headStarts = new LinkedHashMap<>();
        Map<String, Long> tailStarts = new LinkedHashMap<>();
        Map<String, Long> events = new LinkedHashMap<>();
        long[] pairs = new long[BANDS];
        long[] stays = new long[BANDS];
        for (UserSession session : sessions) {
            Set<String> seen = new HashSet<>();
            String previous = null;
            for (ClickEvent e : session.events()) {
                String category = SessionEncoding.key(e.categoryId());
                boolean newItem = seen.add(e.itemId());
                boolean other = isOther.test(category);
                if (other) {
                    events.merge(category, 1L, Long::sum);
                }
                // only new items are drawn by category: a repeated item keeps its own (counting repeats as
                // stays made generated sessions stay in an OTHER category 74 % of the time, data 65 %)
                if (newItem && other) {
                    boolean stayed = category.equals(previous);
                    // a category no item is filed under is never generated, so what follows it tells no band
                    if (previous != null && isOther.test(previous) && itemsOf.containsKey(previous)) {
                        int b = band(itemsOf.get(previous));
                        pairs[b]++;
                        stays[b] += stayed ? 1 : 0;
                    }
                    if (!stayed) {
                        (isTail.test(e.itemId()) ? tailStarts : headStarts).merge(category, 1L, Long::sum);
                    }
                }
                previous = category;
            }
        }
        long allPairs = Arrays.stream(pairs).sum();
        double common = allPairs == 0 ? 0 : Arrays.stream(stays).sum() / (double) allPairs;
        double[] stay = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            stay[b] = pairs[b] == 0 ? common : stays[b] / (double) pairs[b];
        }
        return new OtherRuns(headStarts, tailStarts, events, stay, common, true);
    }
}
