package dev.sessiongan.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups source events into sessions. An event with a source session id joins that user's session; events
 * without one are split per user wherever the user is inactive for longer than the gap. Within a
 * session events are ordered by time, ties kept in source order.
 */
public final class Sessionizer {

    /** The conventional inactivity gap that ends a session. */
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);

    private final Duration gap;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private long ordinal;
    private long withoutSessionId;

    /** A sessionizer that splits at {@link #DEFAULT_GAP}. */
    public Sessionizer() {
        this(DEFAULT_GAP);
    }

    /** A sessionizer that splits at the given inactivity gap. */
    public Sessionizer(Duration gap) {
        Objects.requireNonNull(gap, "gap");
        if (gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("session gap must be positive, got " + gap);
        }
        this.gap = gap;
    }

    /** Adds the next event in source order. */
    public void add(SourceEvent event) {
        if (event.sessionId() == null) {
            withoutSessionId++;
        }
        String key = event.sessionId() != null ? "s\u0000" + event.sessionId() : "u\u0000" + event.userId();
        groups.computeIfAbsent(key, k -> new Group(event.userId(), event.sessionId()))
                .add(event.userId(), event.event(), ordinal++);
    }

    /** How many events added so far had no source session id, so were split into sessions by the gap. */
    public long eventsWithoutSessionId() {
        return withoutSessionId;
    }

    /** The sessions of every event added so far, ordered by start time, ties in order of first event. */
    public SessionDataset build() {
        List<Piece> pieces = new ArrayList<>();
        for (Group group : groups.values()) {
            group.events.sort(Comparator.comparing((Ordered o) -> o.event.timestamp()).thenComparingLong(o -> o.ordinal));
            if (group.sessionId != null) {
                addSourceSessions(group, pieces);
            } else {
                int index = 0;
                int from = 0;
                List<Ordered> events = group.events;
                for (int i = 1; i <= events.size(); i++) {
                    boolean split = i == events.size()
                            || Duration.between(events.get(i - 1).event.timestamp(), events.get(i).event.timestamp())
                                    .compareTo(gap) > 0;
                    if (split) {
                        pieces.add(new Piece(group.userId + "#" + (++index), group.userId, events.subList(from, i)));
                        from = i;
                    }
                }
            }
        }
        pieces.sort(Comparator.comparing((Piece p) -> p.events.get(0).event.timestamp())
                .thenComparingLong(p -> firstOrdinal(p.events)));
        List<UserSession> sessions = new ArrayList<>(pieces.size());
        for (Piece piece : pieces) {
            sessions.add(new UserSession(piece.sessionId, piece.userId, fillCategories(piece.events)));
        }
        return SessionDataset.of(sessions);
    }

    /**
     * A source session belongs to one user. Rows without a user join the session's (first) user; if two
     * users share one session id (it happens in real exports, and in sources whose ids restart per user),
     * each user gets their own session.
     */
    private static void addSourceSessions(Group group, List<Piece> pieces) {
        Map<String, List<Ordered>> byUser = new LinkedHashMap<>();
        for (Ordered o : group.events) {
            if (o.userId != null) {
                byUser.computeIfAbsent(o.userId, k -> new ArrayList<>());
            }
        }
        String firstUser = byUser.isEmpty() ? group.sessionId : byUser.keySet().iterator().next();
        for (Ordered o : group.events) {
            byUser.computeIfAbsent(o.userId == null ? firstUser : o.userId, k -> new ArrayList<>()).add(o);
        }
        byUser.forEach((user, events) -> pieces.add(new Piece(group.sessionId, user, events)));
    }

    private static long firstOrdinal(List<Ordered> events) {
        long min = Long.MAX_VALUE;
        for (Ordered o : events) {
            min = Math.min(min, o.ordinal);
        }
        return min;
    }

    /** Events without a category take the category of the same item elsewhere in the session (e.g. buys). */
    private static List<ClickEvent> fillCategories(List<Ordered> ordered) {
        Map<String, String> known = new HashMap<>();
        for (Ordered o : ordered) {
            if (o.event.categoryId() != null) {
                known.putIfAbsent(o.event.itemId(), o.event.categoryId());
            }
        }
        List<ClickEvent> events = new ArrayList<>(ordered.size());
        for (Ordered o : ordered) {
            ClickEvent e = o.event;
            String fill = e.categoryId() == null ? known.get(e.itemId()) : null;
            events.add(fill == null ? e : e.withCategoryId(fill));
        }
        return events;
    }

    private record Ordered(String userId, ClickEvent event, long ordinal) {
    }

    private record Piece(String sessionId, String userId, List<Ordered> events) {
    }

    private static final class Group {
        final String userId;
        final String sessionId;
        final List<Ordered> events = new ArrayList<>();

        Group(String userId, String sessionId) {
            this.userId = userId;
            this.sessionId = sessionId;
        }

        void add(String user, ClickEvent event, long ordinal) {
            events.add(new Ordered(user, event, ordinal));
        }
    }
}
