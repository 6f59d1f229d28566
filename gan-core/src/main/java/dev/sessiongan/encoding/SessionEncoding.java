package dev.sessiongan.encoding;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.internal.EmpiricalDistribution;
import dev.sessiongan.internal.JsonParts;
import dev.sessiongan.internal.WeightedChoice;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The only place that knows how a session becomes tensors. Each event is factorised into four small
 * categorical heads, so no softmax ever spans the whole catalog:
 * <ol>
 *   <li>event type (the six {@link EventType}s, plus END to close the session);</li>
 *   <li>category: one of the top-K categories, or OTHER;</li>
 *   <li>item choice: REPEAT the previous item, an item SEEN earlier in the session, a NEW item drawn by
 *       popularity within the generated category, or a RARE one: an item of the long tail, which few
 *       training users acted on (at most two; one in models written before that). With popularity tiers
 *       (models written since 2026-11-28), NEW is the most popular tier of the head and each further tier
 *       has a choice of its own after RARE;</li>
 *   <li>a log-scaled bucket of the gap since the previous event.</li>
 * </ol>
 * Users get a profile (sessions, buyer, preferred category, price tier) encoded the same way.
 * Decoding maps heads back to real item ids, categories, prices and times. See docs/encoding.md.
 */
public final class SessionEncoding {

    /** Size of the event-type head: six types and END. */
    public static final int TYPES = EventType.values().length + 1;
    /** The END type index. */
    public static final int END = EventType.values().length;
    /** Kinds of item choice: REPEAT, SEEN, NEW and RARE (further popularity tiers are NEW's kind). */
    public static final int ITEM_CHOICES = 4;
    /** Item choice: the previous event's item. */
    public static final int REPEAT = 0;
    /** Item choice: an item seen earlier in the session. */
    public static final int SEEN = 1;
    /**
     * Item choice: an item not yet seen in the session, drawn by popularity (from the most popular tier when
     * there are tiers; tier {@code t > 0} is choice {@code RARE + t}).
     */
    public static final int NEW = 2;
    /** Item choice: an item not yet seen in the session from the long tail (few training users). */
    public static final int RARE = 3;
    /**
     * The most training users a long-tail item has. Two, not one, by leave-one-out: to a training user, an
     * item only one other user acted on is what an item nobody in the data had seen is to a new user. On
     * REES46, 43 % of training sessions' new items had a single user (the session's own) and 57 % at most
     * two, while for held-out users 57 % of new items had at most one training user (42 % none) — so a
     * tail of one-user items made generated users discover too few items nobody else had (Good–Turing's
     * estimate of the unseen mass, applied to the labels).
     */
    static final int TAIL_USERS = 2;
    /** Session-count buckets of a profile: 1, 2, 3, 4 or more. */
    public static final int SESSION_BUCKETS = 4;
    /** Buyer head: no, yes. */
    public static final int BUYER = 2;
    /** Price tiers: unknown, low, mid, high. */
    public static final int PRICE_TIERS = 4;

    private static final EventType[] EVENT_TYPES = EventType.values();
    /** OTHER categories' entry weights are fractional; drawn as integers this many times larger. */
    private static final double ENTRY_WEIGHT_SCALE = 1 << 16;

    private final EncodingParameters parameters;
    private final Map<String, Integer> slotOf = new HashMap<>();
    private final ItemDraw[] slotDraw;
    private final Map<String, Long> usersOfItem = new HashMap<>();
    private final EmpiricalDistribution[] gapWithin;
    /** OTHER slot: its categories, and per category its items. */
    private final List<String> otherCategories = new ArrayList<>();
    /** Per OTHER category key, its index in {@link #otherCategories} and in the entry draws. */
    private final Map<String, Integer> otherIndex = new HashMap<>();
    /** Which OTHER category a session enters, for a NEW (head) item and for a RARE (tail) one. */
    private final WeightedChoice otherHeadChoice;
    private final WeightedChoice otherTailChoice;
    private final Map<String, ItemDraw> otherDraw = new HashMap<>();
    /** Per OTHER category: the chance that a new OTHER item after one of its events stays in it. */
    private final Map<String, Double> otherStay = new HashMap<>();

    SessionEncoding(EncodingParameters parameters) {
        this.parameters = parameters;
        List<String> categories = parameters.categories();
        for (int i = 0; i < categories.size(); i++) {
            slotOf.put(categories.get(i), i);
        }
        slotDraw = new ItemDraw[parameters.pools().size()];
        for (int i = 0; i < slotDraw.length; i++) {
            EncodingParameters.ItemPool pool = parameters.pools().get(i);
            slotDraw[i] = new ItemDraw(i, pool, IntStream.range(0, pool.ids().size()).toArray(), parameters);
            for (int j = 0; j < pool.ids().size(); j++) {
                usersOfItem.put(pool.ids().get(j), pool.users()[j]);
            }
        }
        EncodingParameters.ItemPool other = parameters.pools().get(parameters.categories().size());
        Map<String, List<Integer>> byCategory = new LinkedHashMap<>();
        for (int i = 0; i < other.ids().size(); i++) {
            byCategory.computeIfAbsent(other.categories().get(i), k -> new ArrayList<>()).add(i);
        }
        OtherRuns runs = parameters.otherRuns();
        Map<String, Integer> itemsOf = new HashMap<>();
        byCategory.forEach((category, items) -> itemsOf.put(category, items.size()));
        Map<String, double[]> entries = runs == null ? Map.of() : runs.entryWeights(itemsOf);
        long[] headWeights = new long[byCategory.size()];
        long[] tailWeights = new long[byCategory.size()];
        int c = 0;
        for (Map.Entry<String, List<Integer>> e : byCategory.entrySet()) {
            int[] indices = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            otherIndex.put(e.getKey(), otherCategories.size());
            otherCategories.add(e.getKey());
            otherDraw.put(e.getKey(), new ItemDraw(slotDraw.length + c, other, indices, parameters));
            if (runs == null) {
                headWeights[c] = Arrays.stream(indices).mapToLong(i -> other.counts()[i]).sum();
                tailWeights[c] = headWeights[c];
            } else {
                double[] w = entries.get(e.getKey());
                headWeights[c] = Math.round(w[0] * ENTRY_WEIGHT_SCALE);
                tailWeights[c] = Math.round(w[1] * ENTRY_WEIGHT_SCALE);
            }
            otherStay.put(e.getKey(), runs == null ? parameters.otherStayProbability() : runs.stay(indices.length));
            c++;
        }
        WeightedChoice head = choiceOrNull(headWeights);
        WeightedChoice tail = choiceOrNull(tailWeights);
        otherHeadChoice = head != null ? head : tail;
        otherTailChoice = tail != null ? tail : head;
        gapWithin = new EmpiricalDistribution[parameters.options().timeBuckets()];
        for (int k = 0; k < gapWithin.length; k++) {
            double[] q = parameters.gapQuantilesMillis()[k];
            gapWithin[k] = q == null ? null : new EmpiricalDistribution(q);
        }
    }

    /**
     * Fits vocabularies and decoding tables to a dataset.
     *
     * @throws InvalidInputException if the dataset is empty
     */
    public static SessionEncoding fit(SessionDataset dataset, EncodingOptions options) {
        return fit(dataset, options, null);
    }

    /**
     * This encoding's decoding tables fitted anew to {@code dataset}, with its category slots and price tiers
     * kept, so that a network trained with this encoding reads and writes the same tokens: the items and
     * OTHER categories it draws from, their popularity and long tail, the OTHER runs, the gaps within time
     * buckets, the returning users' rate and the training-user count that sizes a pass of the tail. Why: a
     * model is trained and selected with its validation users held out, and its catalog would otherwise lack
     * their items (a tenth of the users); once training is over, every training user's items can be dealt.
     * {@code dataset} must hold the data this encoding was fitted to.
     *
     * @throws InvalidInputException if the dataset is empty or has no item in one of the category slots
     */
    public SessionEncoding refit(SessionDataset dataset) {
        return fit(dataset, parameters.options(), parameters);
    }

    /** Fits the tables to {@code dataset}: afresh, or keeping the slots and price tiers of {@code kept}. */
    private static SessionEncoding fit(SessionDataset dataset, EncodingOptions options, EncodingParameters kept) {
        if (dataset.isEmpty()) {
            throw new InvalidInputException("cannot fit an encoding to an empty dataset");
        }
        Map<String, long[]> categoryCounts = new LinkedHashMap<>();
        Map<String, long[]> itemCounts = new LinkedHashMap<>();
        Map<String, long[]> itemSessions = new HashMap<>();
        Map<String, Set<String>> itemUsers = new HashMap<>();
        Map<String, String> itemCategory = new HashMap<>();
        Map<String, String> itemPrice = new HashMap<>();
        List<List<Double>> gaps = new ArrayList<>();
        for (int k = 0; k < options.timeBuckets(); k++) {
            gaps.add(new ArrayList<>());
        }
        boolean wholeSeconds = true;
        for (UserSession session : dataset.sessions()) {
            ClickEvent previous = null;
            Set<String> inSession = new HashSet<>();
            for (ClickEvent e : session.events()) {
                String category = key(e.categoryId());
                categoryCounts.computeIfAbsent(category, k -> new long[1])[0]++;
                itemCounts.computeIfAbsent(e.itemId(), k -> new long[1])[0]++;
                if (inSession.add(e.itemId())) {
                    itemSessions.computeIfAbsent(e.itemId(), k -> new long[1])[0]++;
                }
                itemUsers.computeIfAbsent(e.itemId(), k -> new HashSet<>()).add(session.userId());
                itemCategory.putIfAbsent(e.itemId(), category);
                if (e.price() != null) {
                    itemPrice.putIfAbsent(e.itemId(), e.price().toPlainString());
                }
                wholeSeconds &= e.timestamp().getNano() == 0;
                if (previous != null) {
                    long gap = Math.max(0, Duration.between(previous.timestamp(), e.timestamp()).toMillis());
                    gaps.get(TimeBuckets.of(gap, options.timeBuckets())).add((double) gap);
                }
                previous = e;
            }
        }
        List<String> top = kept != null ? kept.categories() : categoryCounts.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> en) -> -en.getValue()[0]))
                .limit(options.topCategories()).map(Map.Entry::getKey).toList();
        Map<String, Integer> slot = new HashMap<>();
        for (int i = 0; i < top.size(); i++) {
            slot.put(top.get(i), i);
        }
        int other = top.size();
        List<List<String>> ids = new ArrayList<>();
        for (int i = 0; i <= other; i++) {
            ids.add(new ArrayList<>());
        }
        itemCounts.keySet().forEach(item -> ids.get(slot.getOrDefault(itemCategory.get(item), other)).add(item));
        for (int i = 0; kept != null && i < other; i++) {
            if (ids.get(i).isEmpty()) {
                throw new InvalidInputException("cannot refit the encoding: category slot " + i + " (category '"
                        + top.get(i) + "') has no item in the data; refit to data that holds what it was fitted to");
            }
        }
        List<EncodingParameters.ItemPool> pools = new ArrayList<>();
        for (List<String> slotItems : ids) {
            pools.add(new EncodingParameters.ItemPool(slotItems,
                    slotItems.stream().map(itemCategory::get).toList(),
                    slotItems.stream().mapToLong(item -> itemCounts.get(item)[0]).toArray(),
                    slotItems.stream().mapToLong(item -> itemUsers.get(item).size()).toArray(),
                    slotItems.stream().map(itemPrice::get).toList(),
                    slotItems.stream().mapToLong(item -> itemSessions.get(item)[0]).toArray()));
        }
        double[][] gapQuantiles = new double[options.timeBuckets()][];
        for (int k = 0; k < gapQuantiles.length; k++) {
            gapQuantiles[k] = EmpiricalDistribution.quantilesOf(gaps.get(k).stream().mapToDouble(Double::doubleValue).toArray());
        }
        List<UserHistory> users = dataset.users();
        double[] meanPrices = users.stream().mapToDouble(SessionEncoding::meanPrice).filter(p -> !Double.isNaN(p)).toArray();
        double[] tierBounds = kept != null ? kept.priceTierBounds() : null;
        if (kept == null && meanPrices.length >= 3) {
            Arrays.sort(meanPrices);
            tierBounds = new double[] {meanPrices[meanPrices.length / 3], meanPrices[2 * meanPrices.length / 3]};
        }
        Map<String, Integer> otherItems = new HashMap<>();
        ids.get(other).forEach(item -> otherItems.merge(itemCategory.get(item), 1, Integer::sum));
        OtherRuns runs = OtherRuns.count(dataset.sessions(), c -> !slot.containsKey(c),
                item -> itemUsers.get(item).size() <= TAIL_USERS, otherItems);
        int[] many = users.stream().mapToInt(u -> u.sessions().size()).filter(n -> n >= SESSION_BUCKETS).sorted().toArray();
        double revisits = Revisits.rate(users, c -> slot.getOrDefault(key(c), other));
        // each session's distinct items, the head's among them its NEW choices: an item once per session holding it
        long[] popularity = kept != null ? kept.popularityBounds() : options.popularityTiers() < 2 ? null
                : popularityBounds(itemSessions.entrySet().stream().flatMapToLong(e -> LongStream
                        .range(0, e.getValue()[0]).map(k -> itemUsers.get(e.getKey()).size())).toArray(),
                        options.popularityTiers());
        return new SessionEncoding(new EncodingParameters(options, top, pools, gapQuantiles, tierBounds, many,
                wholeSeconds ? 1000 : 1, runs.commonStay(), users.size(), TAIL_USERS, runs, revisits,
                BuyingSessions.rate(users), popularity));
    }

    /**
     * Bounds that split the head's NEW choices ({@code users}: per new item of a training session, how many
     * training users acted on it; tail items are skipped) into {@code tiers} tiers of about equal share, from
     * the most popular: tier t holds items with at least {@code bounds[t]} users. Bounds that coincide (many
     * items share a user count) merge their tiers; {@code null} when one tier is left. A session's own user is
     * counted: placed by its other users (as a new user sees them), the tiers drew the most popular items
     * further from the held-out users' (docs/encoding.md).
     */
    static long[] popularityBounds(long[] users, int tiers) {
        long[] head = Arrays.stream(users).filter(u -> u > TAIL_USERS).map(u -> -u).sorted().map(u -> -u).toArray();
        List<Long> bounds = new ArrayList<>();
        for (int t = 1; t < tiers && head.length > 0; t++) {
            long bound = head[(int) ((long) t * head.length / tiers)];
            long floor = bounds.isEmpty() ? Long.MAX_VALUE : bounds.get(bounds.size() - 1);
            if (bound < floor && bound > TAIL_USERS + 1) {
                bounds.add(bound);
            }
        }
        return bounds.isEmpty() ? null : bounds.stream().mapToLong(Long::longValue).toArray();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE);

    /** Writes the fitted tables as JSON (part of a model file); the stream stays open. */
    public void writeJson(OutputStream out) throws IOException {
        JSON.writeValue(out, parameters);
    }

    /**
     * Reads tables written by {@link #writeJson}.
     *
     * @throws InvalidInputException if the content is not a valid encoding
     */
    public static SessionEncoding readJson(InputStream in, String source) throws IOException {
        byte[] json = in.readAllBytes();
        EncodingParameters parameters;
        try {
            // named as the model file names the part
            parameters = JsonParts.read(JSON, json, EncodingParameters.class, "encoding.json");
        } catch (IOException e) {
            throw new InvalidInputException(source, "not a valid session encoding: " + e.getMessage(), e);
        }
        try {
            return new SessionEncoding(parameters);
        } catch (RuntimeException e) {
            throw new InvalidInputException(source, "not a valid session encoding: " + e.getMessage(), e);
        }
    }

    /** The sizes this encoding was fitted with. */
    public EncodingOptions options() {
        return parameters.options();
    }

    EncodingParameters parameters() {
        return parameters;
    }

    /** Every category an item of the catalog has (items of unknown category left out): what decoding can give. */
    public Set<String> itemCategories() {
        Set<String> categories = new HashSet<>();
        for (EncodingParameters.ItemPool pool : parameters.pools()) {
            for (String category : pool.categories()) {
                if (!category.isEmpty()) {
                    categories.add(category);
                }
            }
        }
        return Set.copyOf(categories);
    }

    /** 1000 when the training timestamps were whole seconds (generated times are rounded alike), else 1. */
    public long timeResolutionMillis() {
        return parameters.timeResolutionMillis();
    }

    /** Size of the category head: the top categories plus OTHER. */
    public int categorySlots() {
        return parameters.categories().size() + 1;
    }

    /** Size of the time head. */
    public int timeBuckets() {
        return parameters.options().timeBuckets();
    }

    /** Size of the item-choice head: REPEAT, SEEN, NEW, RARE, then the popularity tiers after the first. */
    public int itemChoices() {
        return ITEM_CHOICES + parameters.popularityTiers() - 1;
    }

    /** The kind of an item choice: a popularity tier's choice is {@link #NEW}'s kind, the others their own. */
    public static int choiceKind(int choice) {
        return choice > RARE ? NEW : choice;
    }

    /** The head sizes, in row order: type, category, item choice, time bucket. */
    public int[] headSizes() {
        return new int[] {TYPES, categorySlots(), itemChoices(), timeBuckets()};
    }

    /** Width of a one-hot step (all heads side by side). */
    public int stepWidth() {
        return TYPES + categorySlots() + itemChoices() + timeBuckets();
    }

    /** The category slot of a category id ({@code null} = unknown); OTHER for rare categories. */
    public int categorySlot(String categoryId) {
        return slotOf.getOrDefault(key(categoryId), parameters.categories().size());
    }

    /** Encodes a session, cut to {@code maxLength} events, with END appended. */
    public EncodedSession encode(UserSession session) {
        List<ClickEvent> events = session.events();
        int n = Math.min(events.size(), parameters.options().maxLength());
        int[][] steps = new int[n + 1][];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ClickEvent e = events.get(i);
            int item;
            if (i > 0 && events.get(i - 1).itemId().equals(e.itemId())) {
                item = REPEAT;
            } else if (seen.contains(e.itemId())) {
                item = SEEN;
            } else {
                long users = usersOfItem.getOrDefault(e.itemId(), 0L);
                item = users <= parameters.tailLimit() ? RARE : headChoice(parameters.popularityTier(users));
            }
            seen.add(e.itemId());
            int time = i == 0 ? -1 : TimeBuckets.of(
                    Math.max(0, Duration.between(events.get(i - 1).timestamp(), e.timestamp()).toMillis()), timeBuckets());
            steps[i] = new int[] {e.type().ordinal(), categorySlot(e.categoryId()), item, time};
        }
        steps[n] = new int[] {END, -1, -1, -1};
        return new EncodedSession(steps);
    }

    /** The item choice of a head item of popularity tier {@code tier}. */
    private static int headChoice(int tier) {
        return tier == 0 ? NEW : RARE + tier;
    }

    /**
     * A deck that deals long-tail items to the run of {@code runUsers} generated users starting at user
     * {@code firstUser} by turns with the other runs of its pass (runs are consecutive, of one size; see
     * {@link TailDeck}); decode a run's sessions with one deck, in user order.
     */
    public TailDeck tailDeck(long seed, long firstUser, int runUsers) {
        return TailDeck.turns(seed, firstUser, runUsers, parameters.trainingUsers());
    }

    /**
     * A deck that deals long-tail items to pass {@code pass} of generated users in user order (see
     * {@link TailDeck}); decode the pass's runs with one deck, one after another, each in user order.
     *
     * @param newItems whether a category whose long tail the pass has dealt out gets items new to the
     *                 catalog instead of its tail dealt again
     */
    public TailDeck passDeck(long seed, long pass, boolean newItems) {
        return TailDeck.inOrder(seed, pass, parameters.trainingUsers(), newItems);
    }

    /** Whether the long tail is dealt from decks (the model knows its training users' count; older ones do not). */
    public boolean dealsTail() {
        return parameters.trainingUsers() > 0;
    }

    /** How many runs of {@code runUsers} generated users make one pass of the long tail (see {@link TailDeck}). */
    public int runsPerPass(int runUsers) {
        return TailDeck.runsPerPass(runUsers, parameters.trainingUsers());
    }

    /**
     * Turns generated head indices back into a session over real items.
     *
     * @param steps       rows of {@code [type, category, itemChoice, timeBucket]}, up to but excluding END
     * @param startMillis time of the first event
     * @param tailDeck    deals long-tail items to this run of users (see {@link #tailDeck})
     */
    public UserSession decode(List<int[]> steps, String userId, String sessionId, long startMillis,
            SplittableRandom random, TailDeck tailDeck) {
        return decode(steps, userId, sessionId, startMillis, random, tailDeck, true, List.of());
    }

    /**
     * As {@link #decode(List, String, String, long, SplittableRandom, TailDeck)} for a session of a user whose
     * earlier sessions hold {@code earlier} (their events, in order): a {@code NEW} or {@code RARE} choice may
     * go back to one of them ({@link Revisits}; not in models written before revisits were fitted).
     * {@code strict} is {@code false} only for models written before strict sampling (no {@code sampler.json}),
     * whose sessions leaving an OTHER category may enter it again at once, as they did then.
     */
    public UserSession decode(List<int[]> steps, String userId, String sessionId, long startMillis,
            SplittableRandom random, TailDeck tailDeck, boolean strict, List<ClickEvent> earlier) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a session needs at least one event");
        }
        List<ClickEvent> events = new ArrayList<>(steps.size());
        long t = startMillis;
        for (int i = 0; i < steps.size(); i++) {
            int[] step = steps.get(i);
            if (i > 0) {
                t += gapMillis(step[3], random);
            }
            events.add(event(step, events, earlier, t, random, tailDeck, strict));
        }
        return new UserSession(sessionId, userId, events);
    }

    private ClickEvent event(int[] step, List<ClickEvent> previous, List<ClickEvent> earlier, long t,
            SplittableRandom random, TailDeck deck, boolean strict) {
        EventType type = EVENT_TYPES[step[0]];
        Instant at = Instant.ofEpochMilli(t);
        int choice = step[2];
        if (choice == REPEAT && !previous.isEmpty()) {
            ClickEvent p = previous.get(previous.size() - 1);
            return new ClickEvent(at, type, p.itemId(), p.categoryId(), p.price(), Map.of());
        }
        if (choice == SEEN && !previous.isEmpty()) {
            String last = previous.get(previous.size() - 1).itemId();
            List<ClickEvent> candidates = new ArrayList<>();
            List<ClickEvent> inSlot = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            for (ClickEvent e : previous) {
                if (!e.itemId().equals(last) && distinct.add(e.itemId())) {
                    candidates.add(e);
                    if (categorySlot(e.categoryId()) == step[1]) {
                        inSlot.add(e);
                    }
                }
            }
            List<ClickEvent> from = inSlot.isEmpty() ? candidates : inSlot;
            if (!from.isEmpty()) {
                ClickEvent e = from.get(random.nextInt(from.size()));
                return new ClickEvent(at, type, e.itemId(), e.categoryId(), e.price(), Map.of());
            }
        }
        if (choice >= NEW && parameters.revisitRate() != null) {
            ClickEvent back = Revisits.pick(earlier, previous, step[1], this::categorySlot, parameters.revisitRate(),
                    random);
            if (back != null) {
                return new ClickEvent(at, type, back.itemId(), back.categoryId(), back.price(), Map.of());
            }
        }
        // an impossible choice (REPEAT at the first event) draws as NEW does
        int tier = choice > RARE ? choice - RARE : 0;
        return newItem(type, at, step[1], choice == RARE, tier, previous, random, deck, strict);
    }

    private ClickEvent newItem(EventType type, Instant at, int slot, boolean rare, int tier, List<ClickEvent> previous,
            SplittableRandom random, TailDeck deck, boolean strict) {
        int otherSlot = parameters.categories().size();
        if (slot == otherSlot && otherHeadChoice != null) {
            return otherItem(type, at, rare, tier, previous, random, deck, strict);
        }
        int s = slotDraw[slot].isEmpty() ? firstNonEmptyPool() : slot;
        return drawFresh(parameters.pools().get(s), slotDraw[s], rare, tier, type, at, previous, random, deck);
    }

    /**
     * An OTHER-slot item: in the previous event's category when that was OTHER too, as often as the
     * training data stayed in categories of its size (see {@link OtherRuns}), else in a category drawn by
     * how often sessions entered it on a tail item ({@code rare}) or on a head item — when {@code strict},
     * never the category just left, unless no other can be entered.
     */
    private ClickEvent otherItem(EventType type, Instant at, boolean rare, int tier, List<ClickEvent> previous,
            SplittableRandom random, TailDeck deck, boolean strict) {
        String category = null;
        int left = -1;
        if (!previous.isEmpty()) {
            String last = key(previous.get(previous.size() - 1).categoryId());
            // only OTHER categories have a draw here: a top category's items are in its own slot's pool
            if (otherDraw.containsKey(last)) {
                if (random.nextDouble() < otherStay.get(last)) {
                    category = last;
                } else if (strict && parameters.otherRuns() != null) {
                    // leaving: the fitted rate is the whole chance of staying, so the entry is drawn among the
                    // other categories (re-entering made stays run above it); older models draw as they did
                    left = otherIndex.get(last);
                }
            }
        }
        if (category == null) {
            WeightedChoice entry = rare ? otherTailChoice : otherHeadChoice;
            category = otherCategories.get(left < 0 ? entry.next(random) : entry.nextExcept(random, left));
        }
        EncodingParameters.ItemPool pool = parameters.pools().get(parameters.categories().size());
        return drawFresh(pool, otherDraw.get(category), rare, tier, type, at, previous, random, deck);
    }

    private static WeightedChoice choiceOrNull(long[] weights) {
        return Arrays.stream(weights).sum() == 0 ? null : new WeightedChoice(weights);
    }

    /** An item not yet in the session if a few tries find one (an item new to the catalog never is). */
    private static ClickEvent drawFresh(EncodingParameters.ItemPool pool, ItemDraw draw, boolean rare, int tier,
            EventType type, Instant at, List<ClickEvent> previous, SplittableRandom random, TailDeck deck) {
        TailDeck.Deal pick = draw.draw(rare, tier, random, deck);
        for (int attempt = 0;
                attempt < 4 && pick.newItem() == null && alreadyIn(previous, pool.ids().get(pick.index()));
                attempt++) {
            pick = draw.draw(rare, tier, random, deck);
        }
        return poolItem(pool, pick, type, at);
    }

    /** The pool's item, or the new item standing in for it (with its category and price). */
    private static ClickEvent poolItem(EncodingParameters.ItemPool pool, TailDeck.Deal pick, EventType type,
            Instant at) {
        String category = pool.categories().get(pick.index());
        String price = pool.prices().get(pick.index());
        String item = pick.newItem() == null ? pool.ids().get(pick.index()) : pick.newItem();
        return new ClickEvent(at, type, item, category.isEmpty() ? null : category,
                price == null ? null : new BigDecimal(price), Map.of());
    }

    private int firstNonEmptyPool() {
        for (int i = 0; i < slotDraw.length; i++) {
            if (!slotDraw[i].isEmpty()) {
                return i;
            }
        }
        throw new IllegalStateException("encoding has no items");
    }

    private static boolean alreadyIn(List<ClickEvent> events, String item) {
        for (ClickEvent e : events) {
            if (e.itemId().equals(item)) {
                return true;
            }
        }
        return false;
    }

    /** A gap drawn from the training gaps that fell in the bucket, rounded to the data's resolution. */
    long gapMillis(int bucket, SplittableRandom random) {
        EmpiricalDistribution within = gapWithin[bucket];
        double gap;
        if (within != null) {
            gap = within.sample(random);
        } else {
            long low = TimeBuckets.lowerMillis(bucket);
            gap = low + random.nextDouble() * Math.max(1000, low);
        }
        long resolution = parameters.timeResolutionMillis();
        return Math.max(0, Math.round(gap / resolution) * resolution);
    }

    /** The profile row of a user: {@code [sessionBucket, buyer, preferredCategorySlot, priceTier]}. */
    public int[] profileOf(UserHistory user) {
        int sessions = Math.min(user.sessions().size(), SESSION_BUCKETS) - 1;
        boolean buyer = user.sessions().stream().anyMatch(UserSession::hasPurchase);
        Map<String, Integer> counts = new HashMap<>();
        String preferred = null;
        int best = 0;
        for (UserSession s : user.sessions()) {
            for (ClickEvent e : s.events()) {
                int c = counts.merge(key(e.categoryId()), 1, Integer::sum);
                if (c > best) {
                    best = c;
                    preferred = key(e.categoryId());
                }
            }
        }
        return new int[] {sessions, buyer ? 1 : 0, slotOf.getOrDefault(preferred, parameters.categories().size()),
                priceTier(meanPrice(user))};
    }

    /** Sizes of the profile heads, in row order. */
    public int[] profileSizes() {
        return new int[] {SESSION_BUCKETS, BUYER, categorySlots(), PRICE_TIERS};
    }

    /** How many sessions a user of the given session bucket gets. */
    public int sessionCount(int bucket, SplittableRandom random) {
        if (bucket < SESSION_BUCKETS - 1 || parameters.manySessionCounts().length == 0) {
            return bucket + 1;
        }
        int[] many = parameters.manySessionCounts();
        return many[random.nextInt(many.length)];
    }

    /**
     * Per session of a buyer with {@code sessions} sessions, whether it holds a purchase: one does, and each
     * other at the rate the training data's multi-session buyers bought again ({@link BuyingSessions}).
     * {@code null} for models written before that rate was recorded: their network decides.
     */
    public boolean[] buyingSessions(int sessions, SplittableRandom random) {
        Double rate = parameters.repeatBuyingRate();
        return rate == null ? null : BuyingSessions.plan(sessions, rate, random);
    }

    private int priceTier(double meanPrice) {
        double[] bounds = parameters.priceTierBounds();
        if (bounds == null || Double.isNaN(meanPrice)) {
            return 0;
        }
        return meanPrice < bounds[0] ? 1 : meanPrice < bounds[1] ? 2 : 3;
    }

    private static double meanPrice(UserHistory user) {
        double sum = 0;
        int n = 0;
        for (UserSession s : user.sessions()) {
            for (ClickEvent e : s.events()) {
                if (e.price() != null) {
                    sum += e.price().doubleValue();
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static String key(String categoryId) {
        return categoryId == null ? "" : categoryId;
    }
}
