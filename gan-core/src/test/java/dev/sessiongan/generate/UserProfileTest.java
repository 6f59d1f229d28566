package dev.sessiongan.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserProfileTest {

    private static ClickEvent event(int second, EventType type, String category, String price) {
        return new ClickEvent(Instant.ofEpochSecond(second), type, "i" + second, category,
                price == null ? null : new BigDecimal(price), Map.of());
    }

    @Test
    void aProfileIsWhatTheSessionsShow() {
        UserSession first = new UserSession("s1", "u", List.of(event(1, EventType.VIEW, "a", "10.00"),
                event(2, EventType.VIEW, "b", "20.01"), event(3, EventType.PURCHASE, "b", null)));
        UserSession second = new UserSession("s2", "u", List.of(event(100, EventType.VIEW, "a", "0.02")));

        UserProfile profile = UserProfile.of(new UserHistory("u", List.of(first, second)));

        assertThat(profile.sessions()).isEqualTo(2);
        assertThat(profile.events()).isEqualTo(4);
        assertThat(profile.buyer()).isTrue();
        assertThat(profile.preferredCategory()).isEqualTo("b"); // two events each: b reached two first
        // the mean over the three priced events, 30.03 / 3, to the cent
        assertThat(profile.meanPrice()).isEqualTo(new BigDecimal("10.01"));
    }

    @Test
    void withoutPricesTheMeanPriceIsNull() {
        UserSession session = new UserSession("s1", "u", List.of(event(1, EventType.VIEW, null, null)));

        UserProfile profile = UserProfile.of(new UserHistory("u", List.of(session)));

        assertThat(profile.meanPrice()).isNull();
        assertThat(profile).isEqualTo(new UserProfile(1, 1, false, null));
        assertThatThrownBy(() -> new UserProfile(1, 1, false, null, new BigDecimal("-1")))
                .hasMessage("mean price must be >= 0, got -1");
    }

    @Test
    void aUsersProfileMustBeItsSessionsAndItsSessionsItsOwn() {
        UserSession session = new UserSession("s1", "u", List.of(event(1, EventType.VIEW, "a", null)));
        UserProfile truth = UserProfile.of(new UserHistory("u", List.of(session)));

        assertThat(new VirtualUser("u", truth, List.of(session)).profile()).isEqualTo(truth);
        assertThatThrownBy(() -> new VirtualUser("u", new UserProfile(1, 1, true, "a"), List.of(session)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user u's profile " + new UserProfile(1, 1, true, "a") + " contradicts its sessions,"
                        + " whose profile is " + truth);
        assertThatThrownBy(() -> new VirtualUser("v", truth, List.of(session)))
                .hasMessage("user v holds session s1 of user u");
        // a mean price agrees whatever its scale: 12.5 is the sessions' 12.50
        UserSession priced = new UserSession("s1", "u", List.of(event(1, EventType.VIEW, "a", "12.50")));
        assertThat(new VirtualUser("u", new UserProfile(1, 1, false, "a", new BigDecimal("12.5")), List.of(priced))
                .profile().meanPrice()).isEqualByComparingTo("12.50");
    }
}
