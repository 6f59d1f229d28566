package dev.sessiongan.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One thing a shopper did at one moment.
 *
 * @param timestamp  when it happened
 * @param type       what happened
 * @param itemId     the item acted on, as the source spells it
 * @param categoryId the item's category, or {@code null} where the source has none
 * @param price      the item's price, or {@code null} where unknown
 * @param attributes extra source columns kept verbatim (e.g. {@code brand}); never {@code null}
 */
public record ClickEvent(
        Instant timestamp,
        EventType type,
        String itemId,
        String categoryId,
        BigDecimal price,
        Map<String, String> attributes) {

    public ClickEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(itemId, "itemId");
        if (itemId.isEmpty()) {
            throw new IllegalArgumentException("itemId must not be empty");
        }
        if (categoryId != null && categoryId.isEmpty()) {
            categoryId = null;
        }
        if (price != null && price.signum() < 0) {
            throw new IllegalArgumentException("price must be >= 0, got " + price);
        }
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** An event without price or extra attributes. */
    public ClickEvent(Instant timestamp, EventType type, String itemId, String categoryId) {
        this(timestamp, type, itemId, categoryId, null, Map.of());
    }

    /** The category, if the source has one. */
    public Optional<String> category() {
        return Optional.ofNullable(categoryId);
    }

    /** The price, if known. */
    public Optional<BigDecimal> priceIfKnown() {
        return Optional.ofNullable(price);
    }

    /** A copy with another category. */
    public ClickEvent withCategoryId(String newCategoryId) {
        return new ClickEvent(timestamp, type, itemId, newCategoryId, price, attributes);
    }
}
