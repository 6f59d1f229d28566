package dev.sessiongan.diagnostics;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-made sessions for known-answer tests. */
final class TestSessions {

    static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private TestSessions() {
    }

    /** A session of views of items {@code prefix0 .. prefix(n-1)}, ten seconds apart. */
    static UserSession views(String id, int n, String prefix) {
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new ClickEvent(T.plusSeconds(10L * i), EventType.VIEW, prefix + i, "c"));
        }
        return new UserSession(id, "u" + id, events);
    }

    /** A session of views of the given items in order. */
    static UserSession viewsOf(String id, String user, String... items) {
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            events.add(new ClickEvent(T.plusSeconds(10L * i), EventType.VIEW, items[i], "c"));
        }
        return new UserSession(id, user, events);
    }
}
