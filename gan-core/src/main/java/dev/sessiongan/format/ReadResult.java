package dev.sessiongan.format;

import dev.sessiongan.data.SessionDataset;
import java.util.Objects;

/**
 * A dataset read from a source, with the report of how it was read.
 *
 * @param dataset                the sessions
 * @param report                 rows read, skipped and noted
 * @param eventsWithoutSessionId events that had no source session id, so were split into sessions by
 *                               {@link ReadOptions#sessionGap()} (0: the gap was not used)
 */
public record ReadResult(SessionDataset dataset, ReadReport report, long eventsWithoutSessionId) {

    public ReadResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(report, "report");
        if (eventsWithoutSessionId < 0) {
            throw new IllegalArgumentException("eventsWithoutSessionId must not be negative");
        }
    }
}
