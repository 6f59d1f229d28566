package dev.sessiongan.io;

import dev.sessiongan.Version;
import dev.sessiongan.data.DatasetSummary;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.diagnostics.ReferenceProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Provenance saved with every model: what it is, what built it, on what data.
 *
 * @param formatVersion  version of the model file layout
 * @param kind           the generator kind, e.g. {@code markov}
 * @param library        SessionGAN version that trained it
 * @param dl4j           Deeplearning4j version of that build
 * @param java           Java runtime version
 * @param os             operating system and architecture
 * @param trainedAt      when training finished
 * @param seed           the training seed (0 for deterministic fits)
 * @param dataset        training data: file name, format, SHA-256, and counts
 * @param config         training options, as text
 */
public record ModelManifest(
        int formatVersion,
        String kind,
        String library,
        String dl4j,
        String java,
        String os,
        Instant trainedAt,
        long seed,
        DatasetProvenance dataset,
        Map<String, String> config) {

    /** The model file layout this library writes and reads. */
    public static final int CURRENT_FORMAT = 1;

    public ModelManifest {
        Objects.requireNonNull(kind, "kind");
        config = config == null ? Map.of() : new TreeMap<>(config);
    }

    /** A manifest for a model trained now, on this machine. */
    public static ModelManifest now(String kind, long seed, DatasetProvenance dataset, Map<String, String> config) {
        return new ModelManifest(CURRENT_FORMAT, kind, Version.library(), Version.dl4j(),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Instant.now(), seed, dataset, config);
    }

    /**
     * Where the training data came from.
     *
     * @param file     the data file name
     * @param format   the reader format
     * @param sha256   SHA-256 of the file's bytes, hex
     * @param events   events read
     * @param sessions sessions built
     * @param users    distinct users
     * @param reference a summary of the sessions for mode-collapse checks without the data, or {@code null}
     *                  (models written before it existed)
     */
    public record DatasetProvenance(String file, String format, String sha256, long events, long sessions, long users,
            ReferenceProfile reference) {

        /**
         * The provenance of a dataset read from {@code file}: its name, the file's SHA-256, the dataset's counts
         * and, from four sessions up, its reference profile.
         *
         * @param format the reader format's name, e.g. {@code rees46}
         * @throws IOException if the file cannot be read
         */
        public static DatasetProvenance of(Path file, String format, SessionDataset dataset) throws IOException {
            DatasetSummary summary = dataset.summary();
            return new DatasetProvenance(file.getFileName().toString(), format, sha256(file), summary.events(),
                    summary.sessions(), summary.users(),
                    summary.sessions() >= 4 ? ReferenceProfile.of(dataset.sessions(), 1) : null);
        }

        /**
         * The SHA-256 of a file's bytes, hex, as {@link #of} records it.
         *
         * @throws IOException if the file cannot be read
         */
        public static String sha256(Path file) throws IOException {
            try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                    MessageDigest.getInstance("SHA-256"))) {
                in.transferTo(OutputStream.nullOutputStream());
                return HexFormat.of().formatHex(in.getMessageDigest().digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java runtime has no SHA-256", e);
            }
        }
    }
}
