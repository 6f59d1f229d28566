package dev.sessiongan.format;

import dev.sessiongan.data.SessionDataset;
import java.util.Objects;

/**
 * A dataset read from a source, with the report of how it was read.
 *
 * @param dataset the sessions
 * @param report  rows read, skipped and noted
 */
public record ReadResult(SessionDataset dataset, ReadReport report) {

    public ReadResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(report, "report");
    }
}
