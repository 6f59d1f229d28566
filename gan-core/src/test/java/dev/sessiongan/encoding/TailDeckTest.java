package dev.sessiongan.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.TestData;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TailDeckTest {

    private static SessionDataset train;
    private static SessionEncoding encoding;
    private static int slot;
    /** The long-tail items (at most two training users) of the most popular category, and their users. */
    private static Map<String, Integer> tail;
    /** How many the deck holds: each tail item once per user. */
    private static int entries;
    /** The one-user items among them (an older model's whole tail). */
    private static Set<String> oneUserTail;

    @BeforeAll
    static void fit() {
        train = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT)
                .dataset();
        encoding = SessionEncoding.fit(train, EncodingOptions.DEFAULT);
        slot = 0;
        Map<String, Set<String>> usersOf = new HashMap<>();
        Map<String, Integer> slotOf = new HashMap<>();
        train.sessions().forEach(s -> s.events().forEach(e -> {
            usersOf.computeIfAbsent(e.itemId(), k -> new HashSet<>()).add(s.userId());
            slotOf.put(e.itemId(), encoding.categorySlot(e.categoryId()));
        }));
        tail = new HashMap<>();
        oneUserTail = new HashSet<>();
        usersOf.forEach((item, users) -> {
            if (users.size() <= SessionEncoding.TAIL_USERS && slotOf.get(item) == slot) {
                tail.put(item, users.size());
            }
            if (users.size() == 1 && slotOf.get(item) == slot) {
                oneUserTail.add(item);
            }
        });
        entries = tail.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The items of {@code n} one-event sessions that each ask for a tail item of the slot. */
    private static List<String> deal(SessionEncoding encoding, TailDeck deck, int n, long randomSeed) {
        return dealEvents(encoding, deck, n, randomSeed).stream().map(ClickEvent::itemId).toList();
    }

    /** The events of {@code n} one-event sessions that each ask for a tail item of the slot. */
    private static List<ClickEvent> dealEvents(SessionEncoding encoding, TailDeck deck, int n, long randomSeed) {
        SplittableRandom random = new SplittableRandom(randomSeed);
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(encoding.decode(List.<int[]>of(new int[] {0, slot, SessionEncoding.RARE, -1}), "u", "s", 0,
                    random, deck).events().get(0));
        }
        return events;
    }

    @Test
    void dealsEveryTailItemOncePerTrainingUserBeforeStartingOver() {
        assertThat(tail).hasSizeGreaterThan(50).containsValue(2);
        int users = train.users().size();

        // one run as large as the training data: it deals the whole deck in order
        List<String> dealt = deal(encoding, encoding.tailDeck(7, 0, users), entries + 1, 1);

        Map<String, Integer> times = new HashMap<>();
        dealt.subList(0, entries).forEach(item -> times.merge(item, 1, Integer::sum));
        assertThat(times).isEqualTo(tail);
        // past the end, one entry further on
        assertThat(dealt.get(entries)).isEqualTo(dealt.get(1));
    }

    @Test
    void theRunsOfAPassTakeTurnsOnOneDeck() {
        int users = train.users().size();
        int runUsers = 256;
        // as many whole runs as fit in the training data's users
        int turns = users / runUsers;
        List<String> deck = deal(encoding, encoding.tailDeck(7, 0, users), entries, 1);

        for (int run = 0; run < turns; run += 5) {
            List<String> dealt = deal(encoding, encoding.tailDeck(7, (long) run * runUsers, runUsers), 3, 2);
            assertThat(dealt).containsExactly(deck.get(run), deck.get(run + turns), deck.get(run + 2 * turns));
        }
        // the first runs of a pass deal entries from all over the deck, none twice
        List<String> firsts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int run = 0; run < 10; run++) {
            firsts.addAll(deal(encoding, encoding.tailDeck(7, (long) run * runUsers, runUsers), 2, 3));
            expected.addAll(List.of(deck.get(run), deck.get(run + turns)));
        }
        assertThat(firsts).isEqualTo(expected);
    }

    @Test
    void eachPassAndSeedShufflesTheDeckAndTheSameSeedRepeatsIt() {
        int users = train.users().size();
        int turns = users / 256;
        List<String> firstPass = deal(encoding, encoding.tailDeck(7, 0, 256), 20, 1);

        assertThat(deal(encoding, encoding.tailDeck(7, 0, 256), 20, 9)).isEqualTo(firstPass);
        assertThat(deal(encoding, encoding.tailDeck(8, 0, 256), 20, 1)).isNotEqualTo(firstPass);
        assertThat(deal(encoding, encoding.tailDeck(7, (long) turns * 256, 256), 20, 1)).isNotEqualTo(firstPass);
    }

    @Test
    void aPassDealsItsWholeDeckInOrderThenShufflesItAgain() {
        List<String> byTurns = deal(encoding, encoding.tailDeck(7, 0, train.users().size()), entries, 1);
        TailDeck pass = encoding.passDeck(7, 0, false);

        // what the pass's runs deal one after another: one call per run, each going on where the last stopped
        List<String> firstLap = new ArrayList<>();
        for (int run = 0; firstLap.size() < entries; run++) {
            firstLap.addAll(deal(encoding, pass, Math.min(7, entries - firstLap.size()), run));
        }
        List<String> secondLap = deal(encoding, pass, entries, 99);

        Map<String, Integer> times = new HashMap<>();
        firstLap.forEach(item -> times.merge(item, 1, Integer::sum));
        assertThat(times).isEqualTo(tail);
        // the first lap is the pass's shuffle, the one a single run dealing the whole deck by turns gets
        assertThat(firstLap).isEqualTo(byTurns);
        Map<String, Integer> again = new HashMap<>();
        secondLap.forEach(item -> again.merge(item, 1, Integer::sum));
        assertThat(again).isEqualTo(tail);
        assertThat(secondLap).isNotEqualTo(firstLap);
    }

    @Test
    void aCopyDealsOnFromWhereTheDeckStoodWithoutMovingIt() {
        TailDeck pass = encoding.passDeck(7, 0, false);
        deal(encoding, pass, entries - 3, 1);

        TailDeck copy = pass.copy();
        List<String> fromCopy = deal(encoding, copy, 10, 2);

        // past the end of the first lap too, and the original still stands where the copy was made
        assertThat(deal(encoding, pass, 10, 2)).isEqualTo(fromCopy);
        assertThat(deal(encoding, copy, 5, 3)).isEqualTo(deal(encoding, pass, 5, 3));
    }

    @Test
    void withNewItemsADealtOutDeckDealsItemsNewToTheCatalogInsteadOfStartingOver() {
        List<ClickEvent> dealt = dealEvents(encoding, encoding.passDeck(7, 2, true), entries + 5, 1);

        // the real tail first, exactly as without new items
        assertThat(dealt.subList(0, entries)).extracting(ClickEvent::itemId)
                .isEqualTo(deal(encoding, encoding.passDeck(7, 2, false), entries, 1));
        // then items nobody had: numbered per seed, pass and pool, in the slot's category, at a tail item's price
        List<ClickEvent> fresh = dealt.subList(entries, entries + 5);
        Set<String> prices = new HashSet<>();
        train.sessions().forEach(s -> s.events().stream().filter(e -> tail.containsKey(e.itemId()))
                .forEach(e -> prices.add(String.valueOf(e.price()))));
        assertThat(fresh).extracting(ClickEvent::itemId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("new-7-2-\\d+-[0-4]") && !tail.containsKey(id));
        assertThat(fresh).extracting(ClickEvent::categoryId).containsOnly(dealt.get(0).categoryId());
        assertThat(fresh).allMatch(e -> prices.contains(String.valueOf(e.price())));
        assertThat(fresh.get(4).itemId()).endsWith("-4");
    }

    @Test
    void eachPassAndSeedDealsItsOwnOrder() {
        List<String> first = deal(encoding, encoding.passDeck(7, 0, false), 20, 1);

        assertThat(deal(encoding, encoding.passDeck(7, 0, false), 20, 5)).isEqualTo(first);
        assertThat(deal(encoding, encoding.passDeck(7, 1, false), 20, 1)).isNotEqualTo(first);
        assertThat(deal(encoding, encoding.passDeck(8, 0, false), 20, 1)).isNotEqualTo(first);
        assertThat(encoding.runsPerPass(256)).isEqualTo(train.users().size() / 256);
        assertThat(encoding.runsPerPass(1 << 20)).isEqualTo(1);
        assertThatThrownBy(() -> encoding.passDeck(7, -1, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunNeedsUsersAndStartsAtARunBoundary() {
        assertThatThrownBy(() -> encoding.tailDeck(7, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoding.tailDeck(7, 100, 256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot start at user 100");
    }

    @Test
    void anOlderEncodingKeepsItsOneUserTailDrawnIndependently() throws IOException {
        SessionEncoding legacy = SessionEncodingTest.legacy(encoding);

        List<String> dealt = deal(legacy, legacy.tailDeck(7, 0, 256), oneUserTail.size(), 1);

        assertThat(oneUserTail).containsAll(dealt);
        // drawn with replacement: about 1/e of the tail is never drawn
        assertThat(new HashSet<>(dealt)).hasSizeLessThan(oneUserTail.size() * 3 / 4);
        assertThat(deal(legacy, legacy.tailDeck(8, 0, 256), 20, 1))
                .isEqualTo(deal(legacy, legacy.tailDeck(7, 0, 256), 20, 1));
    }
}
