package dev.sessiongan.io;

import dev.sessiongan.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The output formats for users, by command-line name. */
public enum OutputFormat {
    /** The canonical events CSV ({@link EventsCsvWriter}). */
    EVENTS_CSV("events-csv"),
    /** Profiles as JSON Lines ({@link ProfilesJsonlWriter}). */
    JSONL("jsonl"),
    /** One JSON array of users, for Gatling and k6 ({@link UsersJsonWriter}). */
    JSON("json"),
    /** One row per session with steps and think times, for JMeter, Gatling, Locust ({@link JourneysCsvWriter}). */
    JOURNEYS_CSV("journeys-csv"),
    /** GRU4Rec's {@code SessionId ItemId Time} TSV ({@link Gru4recTsvWriter}). */
    GRU4REC_TSV("gru4rec-tsv"),
    /** A folder of one CSV per user, for JMeter per-thread files ({@link PerUserCsvWriter}). */
    PER_USER_CSV("per-user-csv"),
    /** {@code user,item,rating,timestamp} with numeric ids and an id map, for recommender libraries ({@link InteractionsCsvWriter}). */
    INTERACTIONS_CSV("interactions-csv");

    private final String cliName;

    OutputFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    /** Finds a format by its command-line name. */
    public static OutputFormat named(String name) {
        for (OutputFormat f : values()) {
            if (f.cliName.equals(name)) {
                return f;
            }
        }
        throw new InvalidInputException("unknown output format '" + name + "'; use one of "
                + Arrays.stream(values()).map(OutputFormat::cliName).collect(Collectors.joining(", ")));
    }

    /** Opens an atomic writer to a file. */
    public UserWriter create(Path file) throws IOException {
        return switch (this) {
            case EVENTS_CSV -> EventsCsvWriter.create(file);
            case JSONL -> ProfilesJsonlWriter.create(file);
            case JSON -> UsersJsonWriter.create(file);
            case JOURNEYS_CSV -> JourneysCsvWriter.create(file);
            case GRU4REC_TSV -> Gru4recTsvWriter.create(file);
            case PER_USER_CSV -> PerUserCsvWriter.create(file);
            case INTERACTIONS_CSV -> InteractionsCsvWriter.create(file);
        };
    }

    /** Whether the format writes more than one file, so it cannot go to a stream such as stdout. */
    public boolean needsPath() {
        return this == PER_USER_CSV || this == INTERACTIONS_CSV;
    }

    /** The other files written beside {@code file}: interactions-csv's id map; none for the other formats. */
    public List<Path> sideFiles(Path file) {
        return this == INTERACTIONS_CSV ? List.of(InteractionsCsvWriter.idMapFile(file)) : List.of();
    }

    /**
     * Opens a writer to a stream that stays open.
     *
     * @throws InvalidInputException if the format writes several files ({@link #needsPath()})
     */
    public UserWriter to(OutputStream out) throws IOException {
        return switch (this) {
            case EVENTS_CSV -> EventsCsvWriter.to(out);
            case JSONL -> ProfilesJsonlWriter.to(out);
            case JSON -> UsersJsonWriter.to(out);
            case JOURNEYS_CSV -> JourneysCsvWriter.to(out);
            case GRU4REC_TSV -> Gru4recTsvWriter.to(out);
            case PER_USER_CSV -> throw new InvalidInputException(
                    "per-user-csv writes a folder of files, not one stream; give a folder path to write it to");
            case INTERACTIONS_CSV -> throw new InvalidInputException(
                    "interactions-csv writes the log and its id map, two files, not one stream; give a file path");
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
