package dev.sessiongan.generate;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The static attributes of a user, derived from (or generated with) their sessions.
 *
 * @param sessions          number of sessions
 * @param events            number of events over all sessions
 * @param buyer             whether any session has a purchase
 * @param preferredCategory the category the user acted on most (first reached on ties), or {@code null}
 * @param meanPrice         the mean price of the items of the user's events, to the cent (half even), or
 *                          {@code null} where no event has a price; the price level a generated user was
 *                          drawn with shows here, as its events' prices
 */
public record UserProfile(int sessions, int events, boolean buyer, String preferredCategory, BigDecimal meanPrice) {

    public UserProfile {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be >= 1, got " + sessions);
        }
        if (events < sessions) {
            throw new IllegalArgumentException("events must be >= sessions, got " + events + " < " + sessions);
        }
        if (meanPrice != null && meanPrice.signum() < 0) {
            throw new IllegalArgumentException("mean price must be >= 0, got " + meanPrice);
        }
    }

    /** A profile without prices. */
    public UserProfile(int sessions, int events, boolean buyer, String preferredCategory) {
        this(sessions, events, buyer, preferredCategory, null);
    }

    /** Derives the profile of a real or generated user from their sessions. */
    public static UserProfile of(UserHistory history) {
        Objects.requireNonNull(history, "history");
        int events = 0;
        boolean buyer = false;
        Map<String, Integer> byCategory = new HashMap<>();
        String preferred = null;
        int best = 0;
        BigDecimal priceSum = BigDecimal.ZERO;
        int priced = 0;
        for (UserSession session : history.sessions()) {
            for (ClickEvent event : session.events()) {
                events++;
                buyer |= event.type() == EventType.PURCHASE;
                if (event.price() != null) {
                    priceSum = priceSum.add(event.price());
                    priced++;
                }
                if (event.categoryId() != null) {
                    int n = byCategory.merge(event.categoryId(), 1, Integer::sum);
                    if (n > best) {
                        best = n;
                        preferred = event.categoryId();
                    }
                }
            }
        }
        BigDecimal meanPrice = priced == 0 ? null
                : priceSum.divide(BigDecimal.valueOf(priced), 2, RoundingMode.HALF_EVEN);
        return new UserProfile(history.sessions().size(), events, buyer, preferred, meanPrice);
    }
}
