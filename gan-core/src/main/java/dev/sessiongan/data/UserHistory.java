package dev.sessiongan.data;

import java.util.List;
import java.util.Objects;

/**
 * All sessions of one user, in time order.
 *
 * @param userId   the user
 * @param sessions the user's sessions, ordered by start time; never empty
 */
public record UserHistory(String userId, List<UserSession> sessions) {

    public UserHistory {
        Objects.requireNonNull(userId, "userId");
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("user " + userId + " has no sessions");
        }
    }

    /** Total number of events over all sessions. */
    public int eventCount() {
        return sessions.stream().mapToInt(UserSession::length).sum();
    }
}
