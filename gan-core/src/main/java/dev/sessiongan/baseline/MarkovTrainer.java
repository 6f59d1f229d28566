package dev.sessiongan.baseline;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.internal.EmpiricalDistribution;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the Markov baseline: a first-order chain over (event type, category) states with start and end,
 * items by popularity within their category with a learned chance of repeating the previous item,
 * inter-event gaps per type-to-type transition, and user-level structure (sessions per user, the gap
 * between sessions, when a user's first session starts). Fitting is deterministic: no seed is needed.
 */
public final class MarkovTrainer {

    private static final int TYPES = EventType.values().length;

    private MarkovTrainer() {
    }

    /**
     * Fits a model to the dataset.
     *
     * @throws InvalidInputException if the dataset is empty
     */
    public static MarkovGenerator fit(SessionDataset dataset) {
        if (dataset.isEmpty()) {
            throw new InvalidInputException("cannot fit a Markov model to an empty dataset");
        }
        Map<String, Integer> categories = new LinkedHashMap<>();
        categories.put("", 0);
        for (UserSession session : dataset.sessions()) {
            for (ClickEvent e : session.events()) {
                categories.putIfAbsent(categoryKey(e), categories.size());
            }
        }
        int c = categories.size();
        List<LinkedHashMap<String, long[]>> itemCounts = new ArrayList<>();
        List<Map<String, String>> itemPrices = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            itemCounts.add(new LinkedHashMap<>());
            itemPrices.add(new HashMap<>());
        }
        TreeMap<Integer, Long> starts = new TreeMap<>();
        TreeMap<Integer, TreeMap<Integer, Long>> transitions = new TreeMap<>();
        long[][] sameCategory = new long[TYPES][TYPES];
        long[][] repeats = new long[TYPES][TYPES];
        Map<String, List<Double>> gaps = new TreeMap<>();
        boolean wholeSeconds = true;
        int maxLength = 1;

        for (UserSession session : dataset.sessions()) {
            maxLength = Math.max(maxLength, session.length());
            ClickEvent previous = null;
            int previousState = -1;
            for (ClickEvent e : session.events()) {
                int category = categories.get(categoryKey(e));
                int state = e.type().ordinal() * c + category;
                itemCounts.get(category).computeIfAbsent(e.itemId(), k -> new long[1])[0]++;
                if (e.price() != null) {
                    itemPrices.get(category).putIfAbsent(e.itemId(), e.price().toPlainString());
                }
                wholeSeconds &= e.timestamp().getNano() == 0;
                if (previous == null) {
                    starts.merge(state, 1L, Long::sum);
                } else {
                    transitions.computeIfAbsent(previousState, k -> new TreeMap<>()).merge(state, 1L, Long::sum);
                    int from = previous.type().ordinal();
                    int to = e.type().ordinal();
                    if (categoryKey(previous).equals(categoryKey(e))) {
                        sameCategory[from][to]++;
                        if (previous.itemId().equals(e.itemId())) {
                            repeats[from][to]++;
                        }
                    }
                    double gap = Duration.between(previous.timestamp(), e.timestamp()).toMillis();
                    gaps.computeIfAbsent(gapKey(previous.type(), e.type()), k -> new ArrayList<>()).add(gap);
                    gaps.computeIfAbsent(MarkovParameters.ANY_GAP, k -> new ArrayList<>()).add(gap);
                }
                previous = e;
                previousState = state;
            }
            transitions.computeIfAbsent(previousState, k -> new TreeMap<>()).merge(-1, 1L, Long::sum);
        }

        Instant dataStart = dataset.summary().firstEvent();
        List<Double> startOffsets = new ArrayList<>();
        List<Double> interSessionGaps = new ArrayList<>();
        TreeMap<Integer, Long> sessionsPerUser = new TreeMap<>();
        for (UserHistory user : dataset.users()) {
            sessionsPerUser.merge(Math.min(user.sessions().size(), MarkovValidation.MOST_SESSIONS_PER_USER), 1L,
                    Long::sum);
            startOffsets.add((double) Duration.between(dataStart, user.sessions().get(0).start()).toMillis());
            for (int i = 1; i < user.sessions().size(); i++) {
                interSessionGaps.add((double) Math.max(0,
                        Duration.between(user.sessions().get(i - 1).end(), user.sessions().get(i).start()).toMillis()));
            }
        }

        List<MarkovParameters.CategoryItems> items = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            Map<String, long[]> counts = itemCounts.get(i);
            List<String> ids = new ArrayList<>(counts.keySet());
            long[] n = new long[ids.size()];
            List<String> prices = new ArrayList<>(ids.size());
            for (int j = 0; j < ids.size(); j++) {
                n[j] = counts.get(ids.get(j))[0];
                prices.add(itemPrices.get(i).get(ids.get(j)));
            }
            items.add(new MarkovParameters.CategoryItems(ids, n, prices));
        }
        List<MarkovParameters.TransitionRow> rows = new ArrayList<>();
        transitions.forEach((from, next) -> rows.add(new MarkovParameters.TransitionRow(from,
                next.keySet().stream().mapToInt(Integer::intValue).toArray(),
                next.values().stream().mapToLong(Long::longValue).toArray())));
        double[][] repeat = new double[TYPES][TYPES];
        for (int i = 0; i < TYPES; i++) {
            for (int j = 0; j < TYPES; j++) {
                repeat[i][j] = sameCategory[i][j] == 0 ? 0 : repeats[i][j] / (double) sameCategory[i][j];
            }
        }
        Map<String, double[]> gapQuantiles = new TreeMap<>();
        gaps.forEach((k, v) -> gapQuantiles.put(k, EmpiricalDistribution.quantilesOf(toArray(v))));

        MarkovParameters parameters = new MarkovParameters(
                new ArrayList<>(categories.keySet()), items,
                starts.keySet().stream().mapToInt(Integer::intValue).toArray(),
                starts.values().stream().mapToLong(Long::longValue).toArray(),
                rows, repeat, gapQuantiles,
                sessionsPerUser.keySet().stream().mapToInt(Integer::intValue).toArray(),
                sessionsPerUser.values().stream().mapToLong(Long::longValue).toArray(),
                EmpiricalDistribution.quantilesOf(toArray(interSessionGaps)),
                EmpiricalDistribution.quantilesOf(toArray(startOffsets)),
                dataStart.toEpochMilli(), wholeSeconds ? 1000 : 1, Math.min(MarkovValidation.LONGEST_SESSION, Math.max(50, 2 * maxLength)));
        return new MarkovGenerator(parameters);
    }

    static String gapKey(EventType from, EventType to) {
        return from.canonicalName() + ">" + to.canonicalName();
    }

    private static String categoryKey(ClickEvent e) {
        return e.categoryId() == null ? "" : e.categoryId();
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
