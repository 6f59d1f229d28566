package dev.sessiongan.data;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is in a dataset: counts, the event-type mix, session lengths and the time range.
 *
 * @param events          number of events
 * @param users           number of distinct users
 * @param sessions        number of sessions
 * @param items           number of distinct items
 * @param categories      number of distinct categories (events without one are not counted)
 * @param eventTypeCounts events per type, in {@link EventType} order, zero counts included
 * @param sessionLength   events per session
 * @param sessionsPerUser sessions per user
 * @param firstEvent      time of the earliest event, or {@code null} for an empty dataset
 * @param lastEvent       time of the latest event, or {@code null} for an empty dataset
 */
public record DatasetSummary(
        long events,
        long users,
        long sessions,
        long items,
        long categories,
        Map<EventType, Long> eventTypeCounts,
        Distribution sessionLength,
        Distribution sessionsPerUser,
        Instant firstEvent,
        Instant lastEvent) {

    public DatasetSummary {
        eventTypeCounts = Collections.unmodifiableMap(new EnumMap<>(eventTypeCounts));
    }

    /** Computes the summary of the given sessions. */
    public static DatasetSummary of(List<UserSession> sessions) {
        long events = 0;
        Set<String> items = new HashSet<>();
        Set<String> categories = new HashSet<>();
        Map<String, Integer> sessionsByUser = new LinkedHashMap<>();
        EnumMap<EventType, Long> counts = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            counts.put(type, 0L);
        }
        double[] lengths = new double[sessions.size()];
        Instant first = null;
        Instant last = null;
        int i = 0;
        for (UserSession session : sessions) {
            lengths[i++] = session.length();
            sessionsByUser.merge(session.userId(), 1, Integer::sum);
            for (ClickEvent event : session.events()) {
                events++;
                items.add(event.itemId());
                if (event.categoryId() != null) {
                    categories.add(event.categoryId());
                }
                counts.merge(event.type(), 1L, Long::sum);
                if (first == null || event.timestamp().isBefore(first)) {
                    first = event.timestamp();
                }
                if (last == null || event.timestamp().isAfter(last)) {
                    last = event.timestamp();
                }
            }
        }
        double[] perUser = sessionsByUser.values().stream().mapToDouble(Integer::doubleValue).toArray();
        return new DatasetSummary(events, sessionsByUser.size(), sessions.size(), items.size(), categories.size(),
                counts, Distribution.of(lengths), Distribution.of(perUser), first, last);
    }

    /** Number of events of one type. */
    public long count(EventType type) {
        return eventTypeCounts.getOrDefault(type, 0L);
    }
}
