package dev.sessiongan.format;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.Sessionizer;
import java.nio.file.Path;

/**
 * A clickstream file format: knows how to turn one file into a stream of events. Built-in formats are
 * in {@link ClickstreamFormats}; any delimited file can be described with a {@link GenericFormatSpec}.
 */
public interface ClickstreamFormat {

    /** The short name used on the command line, e.g. {@code rees46}. */
    String name();

    /** One line saying what files this format reads. */
    String description();

    /**
     * Opens a streaming reader over the file.
     *
     * @throws InvalidInputException if the file is missing, empty or lacks the expected columns
     */
    EventReader open(Path file, ReadOptions options);

    /**
     * Reads the whole file and groups its events into sessions.
     *
     * @throws InvalidInputException on a bad row (unless skipped), or if the file holds no events
     */
    default ReadResult read(Path file, ReadOptions options) {
        Sessionizer sessionizer = new Sessionizer(options.sessionGap());
        ReadReport report;
        try (EventReader reader = open(file, options)) {
            while (reader.hasNext()) {
                sessionizer.add(reader.next());
            }
            report = reader.report();
        }
        if (report.events() == 0) {
            String why = report.rows() == 0 ? "no data rows" : "no valid events in " + report.rows() + " rows"
                    + (report.skipped() > 0 ? "; skipped: " + report.skippedSummary() : "")
                    + (report.notes().isEmpty() ? "" : "; " + report.notesSummary());
            throw new InvalidInputException(file.toString(), 0, null, why);
        }
        return new ReadResult(sessionizer.build(), report, sessionizer.eventsWithoutSessionId());
    }
}
