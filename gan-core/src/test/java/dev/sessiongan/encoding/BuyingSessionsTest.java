package dev.sessiongan.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.TestData;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BuyingSessionsTest {

    /** A user with one session per flag, buying where the flag is set. */
    private static UserHistory user(String id, boolean... buying) {
        List<UserSession> sessions = new ArrayList<>();
        for (int k = 0; k < buying.length; k++) {
            List<ClickEvent> events = new ArrayList<>();
            events.add(new ClickEvent(Instant.ofEpochSecond(100L * k), EventType.VIEW, "i", "c", null, Map.of()));
            if (buying[k]) {
                events.add(new ClickEvent(Instant.ofEpochSecond(100L * k + 1), EventType.PURCHASE, "i", "c", null,
                        Map.of()));
            }
            sessions.add(new UserSession(id + "-s" + k, id, events));
        }
        return new UserHistory(id, sessions);
    }

    @Test
    void theRateCountsBuyingSessionsBeyondTheFirstPerSessionBeyondTheFirstOfMultiSessionBuyers() {
        List<UserHistory> users = List.of(
                user("a", true, false),               // 1 further session, none buying again
                user("b", true, true, false),         // 2 further, 1 buying again
                user("c", false, false, false),       // not a buyer: left out
                user("d", true));                     // one session: left out

        assertThat(BuyingSessions.rate(users)).isEqualTo(1 / 3.0);
        assertThat(BuyingSessions.rate(List.of(user("c", false, false), user("d", true)))).isZero();
    }

    @Test
    void theReesTrainingDatasMultiSessionBuyersBuyAgainInOneFurtherSessionOfEight() {
        SessionDataset train = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT).dataset();

        // 40 such buyers with 48 sessions beyond their first, 6 of them buying again (counted in python)
        assertThat(BuyingSessions.rate(train.users())).isCloseTo(6 / 48.0, within(1e-9));
        assertThat(SessionEncoding.fit(train, EncodingOptions.DEFAULT).parameters().repeatBuyingRate())
                .isCloseTo(6 / 48.0, within(1e-9));
    }

    @Test
    void aPlanHasOneBuyingSessionAndTheOthersBuyAtTheRate() {
        SplittableRandom random = new SplittableRandom(4);
        int draws = 20_000;
        int[] buyingAt = new int[3];
        long further = 0;
        for (int i = 0; i < draws; i++) {
            boolean[] plan = BuyingSessions.plan(3, 0.25, random);
            assertThat(plan).hasSize(3).contains(true);
            int buying = 0;
            for (int k = 0; k < 3; k++) {
                buying += plan[k] ? 1 : 0;
                buyingAt[k] += plan[k] ? 1 : 0;
            }
            further += buying - 1;
        }
        assertThat(further / (2.0 * draws)).isCloseTo(0.25, within(0.01));
        // which sessions buy is uniform: each holds a third of the buying sessions
        long total = Arrays.stream(buyingAt).sum();
        for (int count : buyingAt) {
            assertThat(count / (double) total).isCloseTo(1 / 3.0, within(0.015));
        }
    }

    @Test
    void extremeRatesGiveOneBuyingSessionOrAllAndAPlanIsSeeded() {
        for (int i = 0; i < 200; i++) {
            boolean[] one = BuyingSessions.plan(4, 0, new SplittableRandom(i));
            assertThat(one).containsOnlyOnce(true);
            assertThat(BuyingSessions.plan(4, 1, new SplittableRandom(i))).containsOnly(true);
            assertThat(BuyingSessions.plan(4, 0, new SplittableRandom(i))).isEqualTo(one);
        }
        assertThat(BuyingSessions.plan(1, 0.5, new SplittableRandom(1))).containsExactly(true);
        assertThatThrownBy(() -> BuyingSessions.plan(0, 0.5, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one session");
    }
}
