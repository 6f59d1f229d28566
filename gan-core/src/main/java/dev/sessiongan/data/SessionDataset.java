package dev.sessiongan.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sessions read from one source, with their summary statistics.
 *
 * @param sessions the sessions, ordered by start time (ties in order of first appearance)
 * @param summary  statistics over {@code sessions}
 */
public record SessionDataset(List<UserSession> sessions, DatasetSummary summary) {

    public SessionDataset {
        sessions = List.copyOf(sessions);
        Objects.requireNonNull(summary, "summary");
    }

    /** A dataset of the given sessions, with its summary computed. */
    public static SessionDataset of(List<UserSession> sessions) {
        return new SessionDataset(sessions, DatasetSummary.of(sessions));
    }

    /** The sessions grouped by user, users in order of their first session. */
    public List<UserHistory> users() {
        Map<String, List<UserSession>> byUser = new LinkedHashMap<>();
        for (UserSession session : sessions) {
            byUser.computeIfAbsent(session.userId(), k -> new ArrayList<>()).add(session);
        }
        List<UserHistory> users = new ArrayList<>(byUser.size());
        byUser.forEach((user, list) -> users.add(new UserHistory(user, list)));
        return users;
    }

    /** Whether the dataset has no sessions. */
    public boolean isEmpty() {
        return sessions.isEmpty();
    }
}
