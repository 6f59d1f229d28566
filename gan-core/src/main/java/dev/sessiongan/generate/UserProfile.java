package dev.sessiongan.generate;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
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
 */
public record UserProfile(int sessions, int events, boolean buyer, String preferredCategory) {

    public UserProfile {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be >= 1, got " + sessions);
        }
        if (events < sessions) {
            throw new IllegalArgumentException("events must be >= sessions, got " + events + " < " + sessions);
        }
    }

    /** Derives the profile of a real or generated user from their sessions. */
    public static UserProfile of(UserHistory history) {
        Objects.requireNonNull(history, "history");
        int events = 0;
        boolean buyer = false;
        Map<String, Integer> byCategory = new HashMap<>();
        String preferred = null;
        int best = 0;
        for (UserSession session : history.sessions()) {
            for (ClickEvent event : session.events()) {
                events++;
                buyer |= event.type() == EventType.PURCHASE;
                if (event.categoryId() != null) {
                    int n = byCategory.merge(event.categoryId(), 1, Integer::sum);
                    if (n > best) {
                        best = n;
                        preferred = event.categoryId();
                    }
                }
            }
        }
        return new UserProfile(history.sessions().size(), events, buyer, preferred);
    }
}
