package dev.sessiongan.generate;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A generator that can be saved in a model file (see {@code dev.sessiongan.io.ModelFile}). Not an extension
 * point: model files hold the library's Markov and GAN generators, and saving another kind is refused.
 */
public interface PersistentGenerator extends SessionGenerator {

    /** Name of the model file entry that {@link #writeModel} fills. */
    default String modelEntryName() {
        return "model.json";
    }

    /** Writes the model's parameters; the stream stays open. */
    void writeModel(OutputStream out) throws IOException;
}
