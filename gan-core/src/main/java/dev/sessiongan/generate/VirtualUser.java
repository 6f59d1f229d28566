package dev.sessiongan.generate;

import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import java.util.List;
import java.util.Objects;

/**
 * A synthetic (or real) user: profile attributes plus their sessions.
 *
 * @param userId   the user id
 * @param profile  the static attributes
 * @param sessions the sessions, in time order; never empty
 */
public record VirtualUser(String userId, UserProfile profile, List<UserSession> sessions) {

    public VirtualUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(profile, "profile");
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("user " + userId + " has no sessions");
        }
    }

    /** A user whose profile is derived from their sessions (used for real data). */
    public static VirtualUser of(UserHistory history) {
        return new VirtualUser(history.userId(), UserProfile.of(history), history.sessions());
    }

    /** The user's sessions as a history. */
    public UserHistory history() {
        return new UserHistory(userId, sessions);
    }
}
