package dev.sessiongan.format;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

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

    /** Combines two reports, e.g. of a data file and its companion file. */
    public ReadReport plus(ReadReport other) {
        TreeMap<String, Long> skipped = new TreeMap<>(skippedByReason);
        other.skippedByReason.forEach((k, v) -> skipped.merge(k, v, Long::sum));
        TreeMap<String, Long> allNotes = new TreeMap<>(notes);
        other.notes.forEach((k, v) -> allNotes.merge(k, v, Long::sum));
        return new ReadReport(rows + other.rows, events + other.events, skipped, allNotes);
    }
}
