package dev.sessiongan.model;

import dev.sessiongan.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Where and how often a training run saves a {@link TrainingCheckpoint}: one file, replaced atomically. */
public final class Checkpoints {

    private final Path file;
    private final int every;

    /**
     * @param file  the checkpoint file (overwritten each time, atomically)
     * @param every save after every {@code every}-th epoch, and after the last
     */
    public Checkpoints(Path file, int every) {
        if (every < 1) {
            throw new InvalidInputException("checkpoint interval must be >= 1 epoch, got " + every);
        }
        this.file = file;
        this.every = every;
    }

    /** The checkpoint file. */
    public Path file() {
        return file;
    }

    boolean due(int epoch, int total) {
        return epoch % every == 0 || epoch == total;
    }

    void save(TrainingCheckpoint checkpoint) {
        try {
            checkpoint.save(file);
        } catch (IOException e) {
            // the message names the file already (AtomicFile's "cannot write FILE: ...")
            throw new UncheckedIOException("checkpoint: " + e.getMessage(), e);
        }
    }
}
