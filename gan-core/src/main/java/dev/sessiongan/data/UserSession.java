package dev.sessiongan.data;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One visit: a user's events in time order.
 *
 * @param sessionId the source's session id, or one derived by {@link Sessionizer}
 * @param userId    who made the visit
 * @param events    the events, ordered by time (ties in source order); never empty
 */
public record UserSession(String sessionId, String userId, List<ClickEvent> events) {

    public UserSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userId, "userId");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("session " + sessionId + " has no events");
        }
    }

    /** Number of events. */
    public int length() {
        return events.size();
    }

    /** Time of the first event. */
    public Instant start() {
        return events.get(0).timestamp();
    }

    /** Time of the last event. */
    public Instant end() {
        return events.get(events.size() - 1).timestamp();
    }

    /** Time from first to last event. */
    public Duration duration() {
        return Duration.between(start(), end());
    }

    /** Whether any event is a purchase. */
    public boolean hasPurchase() {
        return events.stream().anyMatch(e -> e.type() == EventType.PURCHASE);
    }
}
