package dev.sessiongan.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a shopper did. Each type has a canonical lowercase name used in every output format. */
public enum EventType {
    /** Looked at an item page. */
    VIEW("view"),
    /** Put an item in the cart. */
    ADD_TO_CART("add_to_cart"),
    /** Took an item out of the cart. */
    REMOVE_FROM_CART("remove_from_cart"),
    /** Added an item to a wishlist or favourites. */
    WISHLIST("wishlist"),
    /** Bought an item. */
    PURCHASE("purchase"),
    /** Ran a search. */
    SEARCH("search");

    private final String canonicalName;

    EventType(String canonicalName) {
        this.canonicalName = canonicalName;
    }

    /** The canonical lowercase name, e.g. {@code add_to_cart}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** Finds a type by its canonical name (case-insensitive). */
    public static Optional<EventType> fromCanonicalName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (EventType type : values()) {
            if (type.canonicalName.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The canonical names, comma-separated, for error messages. */
    public static String canonicalNames() {
        return Arrays.stream(values()).map(EventType::canonicalName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return canonicalName;
    }
}
