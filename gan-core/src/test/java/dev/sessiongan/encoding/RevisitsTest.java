package dev.sessiongan.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.TestData;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RevisitsTest {

    private static ClickEvent view(String item, String category) {
        return new ClickEvent(Instant.EPOCH, EventType.VIEW, item, category, null, Map.of());
    }

    private static UserSession session(String id, ClickEvent... events) {
        return new UserSession(id, "u", List.of(events));
    }

    @Test
    void countsGoingBackOnlyWhereAnEarlierItemOfTheSlotWasLeftToGoBackTo() {
        // slots: category "a" is 0, "b" is 1
        UserHistory user = new UserHistory("u", List.of(
                session("s1", view("x", "a"), view("y", "a")),
                // x went back; z could have (y was left in slot a); w could not (nothing earlier in slot b)
                session("s2", view("x", "a"), view("z", "a"), view("w", "b")),
                // y went back; q could have (x and z were left)
                session("s3", view("y", "a"), view("q", "a"))));
        UserHistory once = new UserHistory("v", List.of(session("t1", view("x", "a"), view("x", "a"))));

        double rate = Revisits.rate(List.of(user, once), c -> c.equals("a") ? 0 : 1);

        // eligible: s2 x, z; s3 y, q = 4; went back: x, y = 2
        assertThat(rate).isEqualTo(0.5);
        assertThat(Revisits.rate(List.of(once), c -> 0)).isZero();
    }

    @Test
    void theReesTrainingSplitsLaterSessionsGoBackAQuarterOfTheTimeTheyCan() {
        SessionDataset train = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT).dataset();
        SessionEncoding encoding = SessionEncoding.fit(train, EncodingOptions.DEFAULT);

        // 144 of 602 such items (counted independently in python over the 50 top categories' slots)
        assertThat(Revisits.rate(train.users(), encoding::categorySlot)).isCloseTo(144 / 602.0, within(1e-9));
    }

    @Test
    void aLaterSessionGoesBackAsOftenAsTheRateWhereItCanAndNeverWhereItCannot() {
        List<ClickEvent> earlier = List.of(view("x", "a"), view("y", "a"), view("z", "b"));
        SplittableRandom random = new SplittableRandom(3);
        int back = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            ClickEvent e = Revisits.pick(earlier, List.of(view("x", "a")), 0, c -> c.equals("a") ? 0 : 1, 0.3, random);
            if (e != null) {
                assertThat(e.itemId()).isEqualTo("y"); // the slot's earlier item not yet in the session
                back++;
            }
        }
        assertThat(back / (double) n).isCloseTo(0.3, within(0.015));
        SplittableRandom untouched = new SplittableRandom(9);
        assertThat(Revisits.pick(earlier, List.of(view("y", "a"), view("x", "a")), 0, c -> c.equals("a") ? 0 : 1, 1.0,
                untouched)).isNull();
        assertThat(untouched.nextLong()).isEqualTo(new SplittableRandom(9).nextLong());
    }

    @Test
    void decodingALaterSessionGoesBackToTheUsersEarlierItemsAndAnOlderEncodingNever() throws IOException {
        SessionDataset train = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT).dataset();
        SessionEncoding encoding = SessionEncoding.fit(train, EncodingOptions.DEFAULT);
        SessionEncoding legacy = SessionEncodingTest.legacy(encoding);
        // an earlier session with one item of slot 0: the only candidate to go back to
        UserSession first = train.sessions().stream().filter(s -> s.events().stream()
                .filter(e -> encoding.categorySlot(e.categoryId()) == 0).map(ClickEvent::itemId).distinct().count() == 1
                && encoding.categorySlot(s.events().get(0).categoryId()) == 0).findFirst().orElseThrow();
        double rate = Revisits.rate(train.users(), encoding::categorySlot);
        List<int[]> oneNew = List.<int[]>of(new int[] {0, 0, SessionEncoding.NEW, -1});
        SplittableRandom random = new SplittableRandom(5);
        int back = 0;
        int legacyBack = 0;
        int n = 4_000;
        for (int i = 0; i < n; i++) {
            String item = encoding.decode(oneNew, "u", "s2", 0, random, encoding.tailDeck(0, 0, 256), true,
                    first.events()).events().get(0).itemId();
            back += item.equals(first.events().get(0).itemId()) ? 1 : 0;
            String old = legacy.decode(oneNew, "u", "s2", 0, random, legacy.tailDeck(0, 0, 256), true, first.events())
                    .events().get(0).itemId();
            legacyBack += old.equals(first.events().get(0).itemId()) ? 1 : 0;
        }
        assertThat(back / (double) n).isCloseTo(rate, within(0.02));
        // an older encoding draws a fresh item, which is the earlier one only by the popularity draw's chance
        assertThat(legacyBack / (double) n).isLessThan(0.02);
    }
}
