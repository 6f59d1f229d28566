package dev.sessiongan.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Models shipped inside the library jar, so generation works offline with no training and no files.
 * Each comes with the evaluation report ({@code evaluate --out}, report.json) it was judged by; see
 * docs/default-model.md for how the default was made and the data's attribution.
 */
public final class EmbeddedModels {

    /** Classpath location of the default model. */
    public static final String DEFAULT_RESOURCE = "/dev/sessiongan/models/default.model";

    /**
     * One embedded model.
     *
     * @param name        its short name
     * @param resource    classpath location of the model file
     * @param description one line on what it is
     */
    public record Entry(String name, String resource, String description) {

        /** Loads the model from the jar. */
        public ModelFile.Loaded load() {
            return ModelFile.load(bytes(resource).orElseThrow(() -> new IllegalStateException("the embedded model "
                    + resource + " is missing from the classpath; the gan-core jar is incomplete")),
                    "embedded:" + resource);
        }

        /** Size of the model file in bytes. */
        public long size() {
            return bytes(resource).map(b -> (long) b.length).orElse(0L);
        }

        /**
         * The evaluation report of the model against held-out real users (the report.json of
         * {@code sessiongan evaluate --out}), if one ships with it.
         */
        public Optional<String> evaluationReport() {
            String report = resource.replaceFirst("\\.model$", ".report.json");
            return bytes(report).map(b -> new String(b, StandardCharsets.UTF_8));
        }
    }

    private static final Entry DEFAULT = new Entry("default", DEFAULT_RESOURCE,
            "trained on the REES46 multi-category store sample (train split)");

    private EmbeddedModels() {
    }

    /** Every embedded model, the default first. */
    public static List<Entry> list() {
        return List.of(DEFAULT);
    }

    /** The default model, loaded from the jar. */
    public static ModelFile.Loaded defaultModel() {
        return DEFAULT.load();
    }

    private static Optional<byte[]> bytes(String resource) {
        try (InputStream in = EmbeddedModels.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
