package dev.sessiongan.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void canonicalNamesAreLowercaseAndRoundTrip() {
        assertThat(EventType.canonicalNames())
                .isEqualTo("view, add_to_cart, remove_from_cart, wishlist, purchase, search");
        for (EventType type : EventType.values()) {
            assertThat(EventType.fromCanonicalName(type.canonicalName())).contains(type);
        }
        assertThat(EventType.fromCanonicalName("ADD_TO_CART")).contains(EventType.ADD_TO_CART);
        assertThat(EventType.fromCanonicalName("cart")).isEmpty();
    }
}
