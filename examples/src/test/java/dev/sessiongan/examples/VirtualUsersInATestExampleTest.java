package dev.sessiongan.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.data.EventType;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.junit.VirtualUsers;
import dev.sessiongan.junit.VirtualUsersSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The README's JUnit snippet: seeded virtual users injected into tests. A failing assertion prints the seed. */
class VirtualUsersInATestExampleTest {

    @Test
    void everyPurchaseFollowsAViewOfTheSameSession(@VirtualUsers(count = 100, seed = 42) List<VirtualUser> users) {
        assertThat(users).hasSize(100);
        users.stream().flatMap(u -> u.sessions().stream())
                .filter(s -> s.events().stream().anyMatch(e -> e.type() == EventType.PURCHASE))
                .forEach(s -> assertThat(s.events()).anySatisfy(e -> assertThat(e.type()).isEqualTo(EventType.VIEW)));
    }

    @ParameterizedTest
    @VirtualUsersSource(count = 5, seed = 7, buyersOnly = true)
    void buyersHaveAPurchase(VirtualUser buyer) {
        assertThat(buyer.profile().buyer()).isTrue();
    }
}
