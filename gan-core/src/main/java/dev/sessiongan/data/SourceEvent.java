package dev.sessiongan.data;

import java.util.Objects;

/**
 * An event as a reader delivers it, before sessionization: the event plus who made it and, where the
 * source has one, its session id.
 *
 * @param userId    the user, or {@code null} where the source has a session id but no user for this row
 * @param sessionId the source's session id, or {@code null} to split sessions by inactivity gap
 * @param event     the event
 */
public record SourceEvent(String userId, String sessionId, ClickEvent event) {

    public SourceEvent {
        Objects.requireNonNull(event, "event");
        if (sessionId != null && sessionId.isEmpty()) {
            sessionId = null;
        }
        if (userId != null && userId.isEmpty()) {
            userId = null;
        }
        if (userId == null && sessionId == null) {
            throw new IllegalArgumentException("an event needs a user id, a session id or both");
        }
    }
}
