package dev.sessiongan.generate;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.TimeFormat;
import java.util.List;
import java.util.Objects;

/**
 * A synthetic (or real) user: profile attributes plus their sessions.
 *
 * @param userId   the user id
 * @param profile  the static attributes: those of the sessions ({@link UserProfile#of}), never others
 * @param sessions the sessions, in time order, each of this user; never empty
 */
public record VirtualUser(String userId, UserProfile profile, List<UserSession> sessions) {

    public VirtualUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(profile, "profile");
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("user " + userId + " has no sessions");
        }
        for (UserSession session : sessions) {
            if (!session.userId().equals(userId)) {
                throw new IllegalArgumentException("user " + userId + " holds session " + session.sessionId()
                        + " of user " + session.userId());
            }
            // no reader takes such a time back, so the output could not be read again
            if (session.start().isBefore(TimeFormat.EARLIEST) || session.end().isAfter(TimeFormat.LATEST)) {
                throw new InvalidInputException("user " + userId + ": session " + session.sessionId() + " runs from "
                        + session.start() + " to " + session.end() + ", outside " + TimeFormat.EARLIEST + " to "
                        + TimeFormat.LATEST + ", the times SessionGAN reads; give another start (--start,"
                        + " GenerationRequest.withStart)");
            }
        }
        // every writer trusts the profile: one that contradicts the sessions would export both
        UserProfile derived = UserProfile.of(new UserHistory(userId, sessions));
        if (!agrees(profile, derived)) {
            throw new IllegalArgumentException("user " + userId + "'s profile " + profile
                    + " contradicts its sessions, whose profile is " + derived);
        }
    }

    /** Whether two profiles say the same, a mean price of 12.5 the same as 12.50. */
    private static boolean agrees(UserProfile a, UserProfile b) {
        boolean samePrice = a.meanPrice() == null ? b.meanPrice() == null
                : b.meanPrice() != null && a.meanPrice().compareTo(b.meanPrice()) == 0;
        return samePrice && a.sessions() == b.sessions() && a.events() == b.events() && a.buyer() == b.buyer()
                && Objects.equals(a.preferredCategory(), b.preferredCategory());
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
