package dev.sessiongan.io;

import dev.sessiongan.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The output formats for users, by command-line name. */
public enum OutputFormat {
    /** The canonical events CSV ({@link EventsCsvWriter}). */
    EVENTS_CSV("events-csv"),
    /** Profiles as JSON Lines ({@link ProfilesJsonlWriter}). */
    JSONL("jsonl");

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
        return this == EVENTS_CSV ? EventsCsvWriter.create(file) : ProfilesJsonlWriter.create(file);
    }

    /** Opens a writer to a stream that stays open. */
    public UserWriter to(OutputStream out) throws IOException {
        return this == EVENTS_CSV ? EventsCsvWriter.to(out) : ProfilesJsonlWriter.to(out);
    }

    @Override
    public String toString() {
        return cliName;
    }
}
