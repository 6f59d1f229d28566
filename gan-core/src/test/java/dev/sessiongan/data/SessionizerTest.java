package dev.sessiongan.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionizerTest {

    private static final Instant T0 = Instant.parse("2024-01-01T10:00:00Z");

    private static SourceEvent event(String user, String session, int minute, String item) {
        return new SourceEvent(user, session, new ClickEvent(T0.plusSeconds(60L * minute), EventType.VIEW, item, "c1"));
    }

    @Test
    void splitsUserEventsAtGapsLongerThanTheThreshold() {
        Sessionizer sessionizer = new Sessionizer(Duration.ofMinutes(30));
        sessionizer.add(event("u", null, 0, "a"));
        sessionizer.add(event("u", null, 30, "b"));
        sessionizer.add(event("u", null, 61, "c"));

        List<UserSession> sessions = sessionizer.build().sessions();

        assertThat(sessions).extracting(UserSession::length).containsExactly(2, 1);
        assertThat(sessions).extracting(UserSession::sessionId).containsExactly("u#1", "u#2");
    }

    @Test
    void keepsSourceSessionIdsAndOrdersEventsByTimeWithTiesInFileOrder() {
        Sessionizer sessionizer = new Sessionizer();
        sessionizer.add(event("u", "s1", 5, "late"));
        sessionizer.add(event("u", "s1", 1, "tie-first"));
        sessionizer.add(event("u", "s1", 1, "tie-second"));
        sessionizer.add(event("u", "s1", 500, "far-but-same-session"));

        UserSession session = sessionizer.build().sessions().get(0);

        assertThat(session.sessionId()).isEqualTo("s1");
        assertThat(session.events()).extracting(ClickEvent::itemId)
                .containsExactly("tie-first", "tie-second", "late", "far-but-same-session");
    }

    @Test
    void ordersSessionsByStartTime() {
        Sessionizer sessionizer = new Sessionizer();
        sessionizer.add(event("late-user", "s2", 10, "x"));
        sessionizer.add(event("early-user", "s1", 0, "y"));

        assertThat(sessionizer.build().sessions()).extracting(UserSession::sessionId).containsExactly("s1", "s2");
    }

    @Test
    void fillsAMissingCategoryFromTheSameItemInTheSession() {
        Sessionizer sessionizer = new Sessionizer();
        sessionizer.add(new SourceEvent("u", "s", new ClickEvent(T0, EventType.VIEW, "i1", "shoes")));
        sessionizer.add(new SourceEvent("u", "s", new ClickEvent(T0.plusSeconds(5), EventType.PURCHASE, "i1", null)));

        UserSession session = sessionizer.build().sessions().get(0);

        assertThat(session.events()).extracting(ClickEvent::categoryId).containsExactly("shoes", "shoes");
    }

    @Test
    void twoUsersSharingASessionIdStayApart() {
        Sessionizer sessionizer = new Sessionizer();
        sessionizer.add(event("alice", "s1", 0, "a"));
        sessionizer.add(event("bob", "s1", 1, "b"));

        List<UserSession> sessions = sessionizer.build().sessions();

        assertThat(sessions).extracting(UserSession::userId).containsExactly("alice", "bob");
        assertThat(sessions).allMatch(s -> s.length() == 1);
    }

    @Test
    void rejectsANonPositiveGap() {
        assertThatThrownBy(() -> new Sessionizer(Duration.ZERO)).hasMessageContaining("positive");
    }

    @Test
    void summaryCountsWhatItSees() {
        Sessionizer sessionizer = new Sessionizer();
        sessionizer.add(event("u1", "s1", 0, "a"));
        sessionizer.add(event("u1", "s1", 1, "b"));
        sessionizer.add(event("u2", "s2", 2, "a"));

        DatasetSummary summary = sessionizer.build().summary();

        assertThat(summary.events()).isEqualTo(3);
        assertThat(summary.users()).isEqualTo(2);
        assertThat(summary.sessions()).isEqualTo(2);
        assertThat(summary.items()).isEqualTo(2);
        assertThat(summary.count(EventType.VIEW)).isEqualTo(3);
        assertThat(summary.sessionLength().max()).isEqualTo(2);
        assertThat(summary.firstEvent()).isEqualTo(T0);
    }
}
