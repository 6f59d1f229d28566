package dev.sessiongan.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.TestData;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.DatasetSummary;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MarkovGeneratorTest {

    private static SessionDataset train;
    private static MarkovGenerator model;

    @BeforeAll
    static void fit() {
        train = ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT).dataset();
        model = MarkovTrainer.fit(train);
    }

    private static SessionDataset generate(long users, long seed) {
        List<UserSession> sessions = model.users(GenerationRequest.of(users, seed))
                .flatMap(u -> u.sessions().stream()).toList();
        return SessionDataset.of(sessions);
    }

    @Test
    void sameSeedGivesIdenticalUsersAndOtherSeedsDiffer() {
        List<VirtualUser> a = model.users(GenerationRequest.of(300, 42)).toList();
        List<VirtualUser> b = model.users(GenerationRequest.of(300, 42)).toList();
        List<VirtualUser> c = model.users(GenerationRequest.of(300, 43)).toList();

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void userDependsOnlyOnItsIndexNotOnHowManyAreGenerated() {
        VirtualUser tenth = model.users(GenerationRequest.of(20, 5)).skip(9).findFirst().orElseThrow();

        assertThat(model.user(9, GenerationRequest.of(1_000, 5))).isEqualTo(tenth);
    }

    @Test
    void reproducesTheTrainingMixOfEventTypesAndSessionLengths() {
        DatasetSummary real = train.summary();
        DatasetSummary synthetic = generate(20_000, 1).summary();

        for (EventType type : EventType.values()) {
            double p = real.count(type) / (double) real.events();
            double q = synthetic.count(type) / (double) synthetic.events();
            assertThat(q).as(type.canonicalName()).isCloseTo(p, within(0.01));
        }
        assertThat(synthetic.sessionLength().mean()).isCloseTo(real.sessionLength().mean(), within(0.25));
        assertThat(synthetic.sessionsPerUser().mean()).isCloseTo(real.sessionsPerUser().mean(), within(0.05));
    }

    @Test
    void emitsRealItemsInTheirOwnCategoriesWithTheirPrices() {
        Map<String, ClickEvent> realItems = new HashMap<>();
        train.sessions().forEach(s -> s.events().forEach(e -> realItems.putIfAbsent(e.itemId(), e)));

        for (UserSession session : generate(2_000, 3).sessions()) {
            for (ClickEvent e : session.events()) {
                ClickEvent real = realItems.get(e.itemId());
                assertThat(real).as("item %s exists in the training data", e.itemId()).isNotNull();
                assertThat(e.categoryId()).isEqualTo(real.categoryId());
                assertThat(e.price()).isEqualTo(real.price());
            }
        }
    }

    @Test
    void timestampsIncreaseWithinAndAcrossSessionsAndStartWhereAsked() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (VirtualUser user : model.users(GenerationRequest.of(500, 9).withStart(start)).toList()) {
            Instant previous = start;
            for (UserSession session : user.sessions()) {
                for (ClickEvent e : session.events()) {
                    assertThat(e.timestamp()).isAfterOrEqualTo(previous);
                    previous = e.timestamp();
                }
            }
            assertThat(user.profile().sessions()).isEqualTo(user.sessions().size());
        }
    }

    @Test
    void learnsToRepeatTheItemBeforeACartOrPurchase() {
        // In REES46 a cart almost always follows a view of the same item; the chain must keep that.
        long carts = 0;
        long cartsOfViewedItem = 0;
        for (UserSession session : generate(20_000, 11).sessions()) {
            Set<String> seen = session.events().stream().filter(e -> e.type() == EventType.VIEW)
                    .map(ClickEvent::itemId).collect(Collectors.toSet());
            for (int i = 1; i < session.length(); i++) {
                ClickEvent e = session.events().get(i);
                if (e.type() == EventType.ADD_TO_CART && session.events().get(i - 1).type() == EventType.VIEW) {
                    carts++;
                    cartsOfViewedItem += seen.contains(e.itemId()) ? 1 : 0;
                }
            }
        }
        assertThat(carts).isGreaterThan(50);
        assertThat(cartsOfViewedItem / (double) carts).isGreaterThan(0.5);
    }
}
