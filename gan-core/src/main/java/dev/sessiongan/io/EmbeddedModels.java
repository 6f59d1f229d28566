package dev.sessiongan.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Models shipped inside the library jar, so generation works offline with no training and no files.
 * The default is the Markov baseline fitted on the REES46 train split (see docs/default-model.md for how
 * it was made and the data's attribution); the GAN replaces it once trained.
 */
public final class EmbeddedModels {

    /** Classpath location of the default model. */
    public static final String DEFAULT_RESOURCE = "/dev/sessiongan/models/default.model";

    private EmbeddedModels() {
    }

    /** The default model, loaded from the jar. */
    public static ModelFile.Loaded defaultModel() {
        try (InputStream in = EmbeddedModels.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the embedded default model " + DEFAULT_RESOURCE
                        + " is missing from the classpath; the gan-core jar is incomplete");
            }
            return ModelFile.load(in.readAllBytes(), "embedded:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
