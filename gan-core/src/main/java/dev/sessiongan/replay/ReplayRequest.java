package dev.sessiongan.replay;

import java.net.URI;
import java.time.Duration;

/**
 * One request of a replayed user, as planned: sent {@code pause} (scaled by the time scale) after the
 * previous request of its session, or at once for a session's first. Skipped event types send nothing, so
 * the pause runs from the previous request sent, not from the previous event.
 *
 * @param userId    the virtual user
 * @param sessionId their session
 * @param step      the event's 0-based position in the session
 * @param method    the HTTP method
 * @param uri       the full URL
 * @param pause     the time since the session's previous request, as the user took it (unscaled)
 */
public record ReplayRequest(String userId, String sessionId, int step, String method, URI uri, Duration pause) {

    /** One line: method, URL, pause in ms, user and session. */
    @Override
    public String toString() {
        return method + " " + uri + " pause_ms=" + pause.toMillis() + " user=" + userId + " session=" + sessionId;
    }
}
