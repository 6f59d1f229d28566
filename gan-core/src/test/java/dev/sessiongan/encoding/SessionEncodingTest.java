package dev.sessiongan.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.TestData;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionEncodingTest {

    private static SessionDataset train;
    private static SessionEncoding encoding;
    private static SessionEncoding tiered;

    @BeforeAll
    static void fit() {
        train = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT)
                .dataset();
        encoding = SessionEncoding.fit(train, EncodingOptions.DEFAULT);
        tiered = SessionEncoding.fit(train, EncodingOptions.DEFAULT.withPopularityTiers(3));
    }

    @Test
    void headsHaveTheDocumentedSizes() {
        assertThat(encoding.headSizes()).containsExactly(7, 51, 4, 14);
        assertThat(encoding.stepWidth()).isEqualTo(76);
        assertThat(encoding.profileSizes()).containsExactly(4, 2, 51, 4);
        assertThat(new TokenLayout(encoding).vocabulary()).isEqualTo(4 + 2 + 51 + 4 + 10 + 7 + 51 + 4 + 14);
        // item choice: REPEAT, SEEN, NEW (the most popular tier), RARE, then the two further popularity tiers
        assertThat(tiered.headSizes()).containsExactly(7, 51, 6, 14);
        assertThat(new TokenLayout(tiered).vocabulary()).isEqualTo(4 + 2 + 51 + 4 + 10 + 7 + 51 + 6 + 14);
    }

    /**
     * The tiers split the head's new items of training sessions into about equal shares, the most popular
     * first, and decoding a tier's choice gives an item of that tier; a refit keeps the bounds.
     */
    @Test
    void popularityTiersSplitTheHeadAndDecodeWithinTheirTier() {
        long[] bounds = tiered.parameters().popularityBounds();
        assertThat(bounds).hasSize(2);
        assertThat(bounds[0]).isGreaterThan(bounds[1]);
        assertThat(bounds[1]).isGreaterThan(SessionEncoding.TAIL_USERS + 1);
        int[] choices = new int[tiered.itemChoices()];
        train.sessions().forEach(s -> {
            int[][] steps = tiered.encode(s).steps();
            for (int i = 0; i < steps.length - 1; i++) {
                choices[steps[i][2]]++;
            }
        });
        int[] tierChoices = {SessionEncoding.NEW, SessionEncoding.RARE + 1, SessionEncoding.RARE + 2};
        double head = Arrays.stream(tierChoices).map(c -> choices[c]).sum();
        for (int c : tierChoices) {
            assertThat(choices[c] / head).as("share of tier choice %d", c).isBetween(0.25, 0.42);
        }

        java.util.Map<String, java.util.Set<String>> usersOf = usersOfItems();
        SplittableRandom random = new SplittableRandom(6);
        TailDeck deck = tiered.tailDeck(0, 0, 256);
        for (int t = 0; t < tierChoices.length; t++) {
            long most = t == 0 ? Long.MAX_VALUE : bounds[t - 1] - 1;
            long fewest = t < bounds.length ? bounds[t] : SessionEncoding.TAIL_USERS + 1;
            for (int i = 0; i < 100; i++) {
                String item = tiered.decode(List.<int[]>of(new int[] {0, 0, tierChoices[t], -1}), "u", "s", 0, random,
                        deck).events().get(0).itemId();
                assertThat((long) usersOf.get(item).size()).as("users of a tier-%d item", t).isBetween(fewest, most);
            }
        }
        List<UserHistory> users = train.users();
        SessionEncoding half = SessionEncoding.fit(SessionDataset.of(users.subList(0, users.size() / 2).stream()
                .flatMap(u -> u.sessions().stream()).toList()), EncodingOptions.DEFAULT.withPopularityTiers(3));
        assertThat(half.refit(train).parameters().popularityBounds()).isEqualTo(half.parameters().popularityBounds());
    }

    @Test
    void popularityBoundsMergeTiersThatShareAUserCount() {
        assertThat(SessionEncoding.popularityBounds(new long[] {1, 2, 3, 3, 3, 3, 3, 3}, 3)).isNull();
        assertThat(SessionEncoding.popularityBounds(new long[] {1, 9, 8, 7, 6, 5, 4, 3, 3}, 1)).isNull();
        // head (more than two users): 9 8 7 6 5 4 3 3 — thirds start at positions 2 and 5
        assertThat(SessionEncoding.popularityBounds(new long[] {1, 9, 8, 7, 6, 5, 4, 3, 3}, 3)).containsExactly(7, 4);
        // a bound at 3 would leave the last tier no user count (3 is the fewest a head item has)
        assertThat(SessionEncoding.popularityBounds(new long[] {9, 9, 9, 3, 3, 3}, 3)).containsExactly(9);
    }

    @Test
    void optionsWithOneTierAreWrittenAsModelsBeforeTiersWereAndReadBack() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String one = json.writeValueAsString(EncodingOptions.DEFAULT.withPopularityTiers(1));
        String three = json.writeValueAsString(EncodingOptions.DEFAULT.withPopularityTiers(3));

        assertThat(one).isEqualTo("{\"topCategories\":50,\"timeBuckets\":14,\"maxLength\":50}");
        assertThat(three).contains("\"popularityTiers\":3");
        assertThat(json.readValue(one, EncodingOptions.class)).isEqualTo(EncodingOptions.DEFAULT);
        assertThat(json.readValue(three, EncodingOptions.class))
                .isEqualTo(EncodingOptions.DEFAULT.withPopularityTiers(3));
        assertThatThrownBy(() -> EncodingOptions.DEFAULT.withPopularityTiers(9))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("popularityTiers must be in [1, 8], got 9");
    }

    /**
     * A model's encoding is fitted to its training split and refitted to every training user once training is
     * over: the tokens stay, the catalog grows.
     */
    @Test
    void refittingKeepsTheTokensAndDealsFromTheWholeData() {
        List<UserHistory> users = train.users();
        SessionDataset part = SessionDataset.of(users.subList(0, users.size() / 2).stream()
                .flatMap(u -> u.sessions().stream()).toList());
        SessionEncoding fitted = SessionEncoding.fit(part, EncodingOptions.DEFAULT);

        SessionEncoding refitted = fitted.refit(train);

        assertThat(refitted.parameters().categories()).isEqualTo(fitted.parameters().categories())
                .isNotEqualTo(encoding.parameters().categories());
        assertThat(refitted.headSizes()).containsExactly(fitted.headSizes());
        assertThat(refitted.parameters().priceTierBounds()).containsExactly(fitted.parameters().priceTierBounds());
        assertThat(refitted.parameters().trainingUsers()).isEqualTo(users.size());
        assertThat(refitted.parameters().revisitRate()).isEqualTo(Revisits.rate(users, fitted::categorySlot));
        assertThat(refitted.parameters().repeatBuyingRate()).isEqualTo(BuyingSessions.rate(users));
        Set<String> items = new HashSet<>();
        refitted.parameters().pools().forEach(pool -> items.addAll(pool.ids()));
        Set<String> partItems = new HashSet<>();
        fitted.parameters().pools().forEach(pool -> partItems.addAll(pool.ids()));
        assertThat(items).hasSize((int) train.summary().items()).containsAll(partItems);
        assertThat(partItems).hasSizeLessThan(items.size());
        // a slot's items are the same whichever slots were chosen: the whole data's pools, slot by slot
        int slot = 0;
        String category = fitted.parameters().categories().get(slot);
        assertThat(refitted.parameters().pools().get(slot).ids()).hasSameElementsAs(train.sessions().stream()
                .flatMap(sn -> sn.events().stream()).filter(e -> SessionEncoding.key(e.categoryId()).equals(category))
                .map(ClickEvent::itemId).distinct().toList());
        // data without the slots' categories cannot stand in for the data they were chosen from
        SessionDataset oneSession = SessionDataset.of(List.of(train.sessions().get(0)));
        assertThatThrownBy(() -> fitted.refit(oneSession)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no item in the data");
    }

    @Test
    void encodesItemChoicesGapsAndEnd() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        UserSession session = new UserSession("s", "u", List.of(
                new ClickEvent(t, EventType.VIEW, "a", null),
                new ClickEvent(t.plusSeconds(3), EventType.VIEW, "a", null),
                new ClickEvent(t.plusSeconds(10), EventType.VIEW, "b", null),
                new ClickEvent(t.plusSeconds(4000), EventType.PURCHASE, "a", null)));

        int[][] steps = encoding.encode(session).steps();

        assertThat(steps).hasNumberOfRows(5);
        // items no training user saw are the long tail
        assertThat(steps[0]).containsExactly(EventType.VIEW.ordinal(), encoding.categorySlot(null), SessionEncoding.RARE, -1);
        assertThat(steps[1][2]).isEqualTo(SessionEncoding.REPEAT);
        assertThat(steps[1][3]).isEqualTo(2); // 3 s lies in [2, 4)
        assertThat(steps[2][2]).isEqualTo(SessionEncoding.RARE);
        assertThat(steps[3][2]).isEqualTo(SessionEncoding.SEEN);
        assertThat(steps[3][3]).isEqualTo(12); // 3990 s lies in [2048, 4096)
        assertThat(steps[4]).containsExactly(SessionEncoding.END, -1, -1, -1);
    }

    @Test
    void decodingThenEncodingGivesBackTheSameHeads() {
        SplittableRandom random = new SplittableRandom(5);
        int steps = 0;
        int same = 0;
        for (UserSession session : train.sessions().subList(0, 1_000)) {
            int[][] encoded = encoding.encode(session).steps();
            List<int[]> rows = Arrays.asList(encoded).subList(0, encoded.length - 1);
            UserSession decoded = encoding.decode(rows, "u", "s", 0, random, encoding.tailDeck(0, 0, 256));
            int[][] again = encoding.encode(decoded).steps();
            for (int i = 0; i < encoded.length; i++) {
                steps++;
                same += Arrays.equals(encoded[i], again[i]) ? 1 : 0;
            }
        }
        // the misses: a drawn item that happens to be in the session already, and RARE/NEW in a category whose
        // tail/head is empty (the draw falls back to the other part); everything else round-trips
        assertThat(same / (double) steps).isGreaterThan(0.97);
    }

    @Test
    void decodedItemsAreRealAndInTheGeneratedCategory() {
        SplittableRandom random = new SplittableRandom(1);
        int topSlot = encoding.categorySlot(train.sessions().get(0).events().get(0).categoryId());
        UserSession decoded = encoding.decode(List.<int[]>of(new int[] {0, topSlot, SessionEncoding.NEW, -1},
                new int[] {1, topSlot, SessionEncoding.REPEAT, 3}), "u", "s", 1_000_000, random,
                encoding.tailDeck(0, 0, 256));

        assertThat(encoding.categorySlot(decoded.events().get(0).categoryId())).isEqualTo(topSlot);
        assertThat(decoded.events().get(1).itemId()).isEqualTo(decoded.events().get(0).itemId());
        assertThat(decoded.events().get(1).type()).isEqualTo(EventType.ADD_TO_CART);
        assertThat(decoded.events().get(0).timestamp()).isEqualTo(Instant.ofEpochMilli(1_000_000));
        long gap = decoded.events().get(1).timestamp().toEpochMilli() - 1_000_000;
        assertThat(gap).isBetween(4_000L, 8_000L);
    }

    @Test
    void rareItemsComeFromTheLongTail() {
        java.util.Map<String, java.util.Set<String>> usersOf = new java.util.HashMap<>();
        java.util.Map<String, Integer> slotOf = new java.util.HashMap<>();
        train.sessions().forEach(s -> s.events().forEach(e -> {
            usersOf.computeIfAbsent(e.itemId(), k -> new java.util.HashSet<>()).add(s.userId());
            slotOf.put(e.itemId(), encoding.categorySlot(e.categoryId()));
        }));
        SplittableRandom random = new SplittableRandom(2);
        int slot = encoding.categorySlot(train.sessions().get(0).events().get(0).categoryId());
        long tailItems = usersOf.keySet().stream()
                .filter(item -> slotOf.get(item) == slot && usersOf.get(item).size() <= SessionEncoding.TAIL_USERS)
                .count();
        TailDeck deck = encoding.tailDeck(0, 0, 256);
        java.util.Set<String> rares = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            String rare = encoding.decode(List.<int[]>of(new int[] {0, slot, SessionEncoding.RARE, -1}), "u", "s", 0,
                    random, deck).events().get(0).itemId();
            String popular = encoding.decode(List.<int[]>of(new int[] {0, slot, SessionEncoding.NEW, -1}), "u", "s", 0,
                    random, deck).events().get(0).itemId();
            rares.add(rare);
            assertThat(usersOf.get(rare).size()).isLessThanOrEqualTo(SessionEncoding.TAIL_USERS);
            assertThat(usersOf.get(popular).size()).isGreaterThan(SessionEncoding.TAIL_USERS);
        }
        // 200 deals reach every tail item of the slot
        assertThat(tailItems).isLessThan(200);
        assertThat(rares).hasSize((int) tailItems);
    }

    @Test
    void newItemsAreDrawnByTheSessionsThatHeldThemNotByTheirEvents() throws IOException {
        // "looped" was viewed ten times in each of 3 sessions (30 events), "browsed" once in each of 9
        List<UserSession> sessions = new java.util.ArrayList<>();
        for (int u = 0; u < 9; u++) {
            List<String> items = new java.util.ArrayList<>(List.of("browsed"));
            if (u < 3) {
                items.addAll(java.util.Collections.nCopies(10, "looped"));
            }
            sessions.add(fixtureSession(u, "c", items));
        }
        SessionEncoding fitted = SessionEncoding.fit(SessionDataset.of(sessions), new EncodingOptions(1, 10, 20, 1));
        SessionEncoding legacy = legacy(fitted);

        assertThat(newItemShare(fitted, "looped")).isBetween(0.20, 0.30); // 3 of 12 sessions' worth
        assertThat(newItemShare(legacy, "looped")).isBetween(0.72, 0.82); // 30 of 39 events
    }

    @Test
    void aBuyersSessionsArePlannedUnlessTheModelPredatesPlans() throws IOException {
        assertThat(encoding.buyingSessions(3, new SplittableRandom(1))).hasSize(3).contains(true);
        assertThat(legacy(encoding).buyingSessions(3, new SplittableRandom(1))).isNull();
    }

    @Test
    void aRareOtherItemIsAlwaysFromTheLongTail() {
        java.util.Map<String, java.util.Set<String>> usersOf = usersOfItems();
        int other = encoding.categorySlots() - 1;
        SplittableRandom random = new SplittableRandom(5);
        TailDeck deck = encoding.tailDeck(0, 0, 256);
        for (int i = 0; i < 2_000; i++) {
            ClickEvent e = encoding.decode(List.<int[]>of(new int[] {0, other, SessionEncoding.RARE, -1}), "u", "s", 0,
                    random, deck).events().get(0);
            assertThat(encoding.categorySlot(e.categoryId())).isEqualTo(other);
            assertThat(usersOf.get(e.itemId())).hasSizeLessThanOrEqualTo(SessionEncoding.TAIL_USERS);
        }
    }

    @Test
    void newOtherItemsStayInTheirCategoryAsOftenAsCategoriesOfItsSizeDid() {
        int other = encoding.categorySlots() - 1;
        // the OTHER pool's items per category: what the decoder's stay rates are looked up by
        java.util.Map<String, Integer> itemsOf = new java.util.HashMap<>();
        encoding.parameters().pools().get(other).categories().forEach(c -> itemsOf.merge(c, 1, Integer::sum));
        SplittableRandom random = new SplittableRandom(6);
        TailDeck deck = encoding.tailDeck(0, 0, 256);
        int[] pairs = new int[OtherRuns.BANDS];
        int[] stays = new int[OtherRuns.BANDS];
        for (int i = 0; i < 300_000; i++) {
            // one-item categories are entered on tail items, most large ones on head items
            int choice = i % 2 == 0 ? SessionEncoding.RARE : SessionEncoding.NEW;
            List<int[]> twoNew = List.of(new int[] {0, other, choice, -1}, new int[] {0, other, choice, 3});
            List<ClickEvent> events = encoding.decode(twoNew, "u", "s", 0, random, deck).events();
            int band = OtherRuns.band(itemsOf.get(events.get(0).categoryId()));
            pairs[band]++;
            stays[band] += events.get(0).categoryId().equals(events.get(1).categoryId()) ? 1 : 0;
        }
        OtherRuns runs = encoding.parameters().otherRuns();
        // a one-item category has no second item: the data never stayed, and a session that leaves a category
        // never draws it again as its next entry
        assertThat(pairs[0]).isGreaterThan(50);
        assertThat(stays[0]).isZero();
        int checked = 0;
        double expected = 0;
        for (int band = 1; band < OtherRuns.BANDS; band++) {
            if (pairs[band] >= 2_500) {
                assertThat(stays[band] / (double) pairs[band]).as("band %d", band)
                        .isCloseTo(runs.stayByItems()[band], org.assertj.core.api.Assertions.within(0.02));
                checked++;
            }
            expected += pairs[band] * runs.stayByItems()[band];
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
        // pooled, the fitted rate is the whole chance of staying (re-entering the category just left put the
        // decoded rate half a point above it: 5 standard errors at this size)
        int pooled = java.util.Arrays.stream(pairs).sum() - pairs[0];
        assertThat(java.util.Arrays.stream(stays).sum() / (double) pooled)
                .isCloseTo(expected / pooled, org.assertj.core.api.Assertions.within(0.0025));
        assertThat(runs.stayByItems()[0]).isZero();
        assertThat(runs.stayByItems()[3]).isGreaterThan(runs.stayByItems()[1]);
    }

    @Test
    void refusesTablesNoFitCouldProduce() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode shortStays = encodingTree();
        ((com.fasterxml.jackson.databind.node.ObjectNode) shortStays.get("otherRuns")).putArray("stayByItems").add(0.5);
        com.fasterxml.jackson.databind.node.ObjectNode badStay = encodingTree();
        ((com.fasterxml.jackson.databind.node.ArrayNode) badStay.get("otherRuns").get("stayByItems")).set(4, 1.5);
        com.fasterxml.jackson.databind.node.ObjectNode shortSessions = encodingTree();
        ((com.fasterxml.jackson.databind.node.ObjectNode) shortSessions.get("pools").get(0)).putArray("sessions").add(1);

        com.fasterxml.jackson.databind.node.ObjectNode badBuying = encodingTree();
        badBuying.put("repeatBuyingRate", 1.5);
        com.fasterxml.jackson.databind.node.ObjectNode badRevisits = encodingTree();
        badRevisits.put("revisitRate", -0.1);
        com.fasterxml.jackson.databind.node.ObjectNode risingTiers = encodingTree(tiered);
        risingTiers.putArray("popularityBounds").add(5).add(9);

        assertRefused(shortStays, "12 stay probabilities, got 1");
        assertRefused(badStay, "got 1.5");
        assertRefused(shortSessions, "1 counts for");
        assertRefused(badBuying, "repeatBuyingRate must lie in [0, 1], got 1.5");
        assertRefused(badRevisits, "revisitRate must lie in [0, 1], got -0.1");
        assertRefused(risingTiers, "popularityBounds must descend");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode encodingTree() throws IOException {
        return encodingTree(encoding);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode encodingTree(SessionEncoding fitted)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fitted.writeJson(out);
        return (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray());
    }

    private static void assertRefused(com.fasterxml.jackson.databind.node.ObjectNode tree, String why)
            throws IOException {
        byte[] bad = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(tree);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> SessionEncoding.readJson(new ByteArrayInputStream(bad), "model.zip/encoding.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("model.zip/encoding.json").hasMessageContaining(why);
    }

    private static java.util.Map<String, java.util.Set<String>> usersOfItems() {
        java.util.Map<String, java.util.Set<String>> usersOf = new java.util.HashMap<>();
        train.sessions().forEach(s -> s.events().forEach(
                e -> usersOf.computeIfAbsent(e.itemId(), k -> new java.util.HashSet<>()).add(s.userId())));
        return usersOf;
    }

    private static double newItemShare(SessionEncoding fitted, String item) {
        SplittableRandom random = new SplittableRandom(1);
        TailDeck deck = fitted.tailDeck(0, 0, 256);
        int hits = 0;
        for (int i = 0; i < 4_000; i++) {
            hits += fitted.decode(List.<int[]>of(new int[] {0, 0, SessionEncoding.NEW, -1}), "u", "s", 0, random, deck)
                    .events().get(0).itemId().equals(item) ? 1 : 0;
        }
        return hits / 4_000.0;
    }

    /**
     * The same tables as a model file written before decks, two-user tails, OTHER runs and popularity tiers
     * existed.
     */
    static SessionEncoding legacy(SessionEncoding fitted) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = encodingTree(fitted);
        assertThat(List.of("trainingUsers", "tailUsers", "otherRuns", "revisitRate", "repeatBuyingRate")).allMatch(tree::has);
        tree.remove(List.of("trainingUsers", "tailUsers", "otherRuns", "revisitRate", "repeatBuyingRate",
                "popularityBounds"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("options")).remove("popularityTiers");
        tree.get("pools").forEach(pool -> assertThat(
                ((com.fasterxml.jackson.databind.node.ObjectNode) pool).remove("sessions")).isNotNull());
        byte[] bytes = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(tree);
        return SessionEncoding.readJson(new ByteArrayInputStream(bytes), "legacy");
    }

    private static UserSession fixtureSession(int user, String category, List<String> items) {
        List<ClickEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            events.add(new ClickEvent(Instant.ofEpochSecond(1_000L * user + i), EventType.VIEW, items.get(i), category,
                    null, java.util.Map.of()));
        }
        return new UserSession("u" + user + "-s1", "u" + user, events);
    }

    @Test
    void profileRowsDescribeTheUser() {
        UserHistory buyer = train.users().stream().filter(u -> u.sessions().stream().anyMatch(UserSession::hasPurchase))
                .findFirst().orElseThrow();

        int[] profile = encoding.profileOf(buyer);

        assertThat(profile[0]).isEqualTo(Math.min(buyer.sessions().size(), 4) - 1);
        assertThat(profile[1]).isEqualTo(1);
        assertThat(profile[3]).isBetween(1, 3); // REES46 has prices
    }

    @Test
    void tokensFollowTheLayout() {
        TokenLayout layout = new TokenLayout(encoding);
        UserHistory user = train.users().get(0);
        int[] tokens = layout.tokens(encoding.profileOf(user), encoding.encode(user.sessions().get(0)));

        for (int p = 0; p < tokens.length; p++) {
            TokenLayout.Field field = TokenLayout.fieldAt(p);
            assertThat(tokens[p]).isBetween(layout.offset(field), layout.offset(field) + layout.size(field) - 1);
        }
        assertThat(layout.valueOf(tokens[tokens.length - 1], TokenLayout.Field.TYPE)).isEqualTo(SessionEncoding.END);
        assertThat(tokens).hasSize(TokenLayout.HEADER_TOKENS + 4 * user.sessions().get(0).length() + 1);
        assertThat(layout.valueOf(tokens[TokenLayout.PROFILE_TOKENS], TokenLayout.Field.LENGTH))
                .isEqualTo(TokenLayout.lengthClass(user.sessions().get(0).length()));
    }

    @Test
    void lengthClassesCoverEveryLengthOnce() {
        assertThat(TokenLayout.lengthClass(1)).isZero();
        assertThat(TokenLayout.lengthClass(6)).isEqualTo(4);
        assertThat(TokenLayout.lengthClass(1000)).isEqualTo(9);
        for (int n = 1; n <= 60; n++) {
            int c = TokenLayout.lengthClass(n);
            assertThat(n).as("length %d in class %d", n, c)
                    .isBetween(TokenLayout.minEvents(c), TokenLayout.maxEvents(c));
        }
    }

    @Test
    void survivesJson() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoding.writeJson(out);
        SessionEncoding copy = SessionEncoding.readJson(new ByteArrayInputStream(out.toByteArray()), "test");

        UserSession session = train.sessions().get(7);
        assertThat(copy.encode(session)).isEqualTo(encoding.encode(session));
        int[][] e = encoding.encode(session).steps();
        List<int[]> rows = Arrays.asList(e).subList(0, e.length - 1);
        // the copy's own deck: it must know the training data's users to deal as the original does
        assertThat(copy.decode(rows, "u", "s", 0, new SplittableRandom(3), copy.tailDeck(0, 0, 256)))
                .isEqualTo(encoding.decode(rows, "u", "s", 0, new SplittableRandom(3), encoding.tailDeck(0, 0, 256)));
        List<int[]> rare = java.util.Collections.nCopies(5, new int[] {0, 0, SessionEncoding.RARE, 1});
        assertThat(copy.decode(rare, "u", "s", 0, new SplittableRandom(4), copy.tailDeck(5, 768, 256)))
                .isEqualTo(encoding.decode(rare, "u", "s", 0, new SplittableRandom(4), encoding.tailDeck(5, 768, 256)));
    }
}
