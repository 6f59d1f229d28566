package dev.sessiongan.format;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a reader saw: rows read, events produced, rows skipped by reason and other notes (such as rows
 * whose event type was mapped to {@code ignore}, or items missing from a catalog).
 *
 * @param rows             data rows (or JSON lines) read
 * @param events           events produced
 * @param skippedByReason  bad rows skipped under {@link ErrorPolicy#SKIP}, by reason
 * @param notes            other counts worth telling the user, by description
 */
public record ReadReport(long rows, long events, Map<String, Long> skippedByReason, Map<String, Long> notes) {

    public ReadReport {
        skippedByReason = Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
        notes = Collections.unmodifiableMap(new TreeMap<>(notes));
    }

    /** Total bad rows skipped. */
    public long skipped() {
        return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The skipped rows by reason, for people: {@code unknown event type (1 row), missing item id (3 rows)}. */
    public String skippedSummary() {
        return skippedByReason.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + (e.getValue() == 1 ? " row)" : " rows)"))
                .collect(Collectors.joining(", "));
    }

    /** The notes, for people: {@code 12 rows with event type mapped to ignore, 3 items not in the catalog}. */
    public String notesSummary() {
        return notes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** Combines two reports, e.g. of a data file and its companion file. */
    public ReadReport plus(ReadReport other) {
        TreeMap<String, Long> skipped = new TreeMap<>(skippedByReason);
        other.skippedByReason.forEach((k, v) -> skipped.merge(k, v, Long::sum));
        TreeMap<String, Long> allNotes = new TreeMap<>(notes);
        other.notes.forEach((k, v) -> allNotes.merge(k, v, Long::sum));
        return new ReadReport(rows + other.rows, events + other.events, skipped, allNotes);
    }
}
