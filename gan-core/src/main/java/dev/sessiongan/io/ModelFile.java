package dev.sessiongan.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.baseline.MarkovGenerator;
import dev.sessiongan.generate.PersistentGenerator;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.internal.JsonParts;
import dev.sessiongan.internal.ZipMarkers;
import dev.sessiongan.model.GanGenerator;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One file per trained model: a zip holding {@code manifest.json} (a {@link ModelManifest}) and the
 * generator's parameters ({@code model.json} for a Markov model, {@code model.zip} for a GAN). Written
 * atomically; reading checks the layout version and the kind, and reports a corrupt, truncated or foreign
 * file in one clear sentence.
 */
public final class ModelFile {

    static final String MANIFEST = ZipMarkers.MODEL_MANIFEST;
    static final String MODEL = "model.json";
    static final String GAN_MODEL = "model.zip";

    /** Larger files are refused before reading: no model is this big, and a wrong file could exhaust memory. */
    static final long MAX_BYTES = 1L << 30;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /**
     * A model read from a file.
     *
     * @param manifest  its provenance
     * @param generator the generator, ready to use
     */
    public record Loaded(ModelManifest manifest, SessionGenerator generator) {
    }

    /**
     * Saves a model; the file appears only once complete.
     *
     * @throws IllegalArgumentException if the generator is of a kind {@link #load} cannot read (only the
     *                                  library's Markov and GAN generators are), or the manifest's kind is not
     *                                  the generator's
     */
    public static void save(Path file, PersistentGenerator generator, ModelManifest manifest) throws IOException {
        Objects.requireNonNull(generator, "generator");
        if (entryName(generator.kind()) == null) {
            // a file that load() would refuse is not written at all
            throw new IllegalArgumentException("cannot save a model of kind '" + generator.kind() + "': model files"
                    + " hold " + MarkovGenerator.KIND + " and " + GanGenerator.KIND + " models");
        }
        if (!generator.kind().equals(manifest.kind())) {
            throw new IllegalArgumentException("manifest kind " + manifest.kind() + " != generator kind " + generator.kind());
        }
        try (AtomicFile out = AtomicFile.create(file); ZipOutputStream zip = new ZipOutputStream(out.stream())) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writeValueAsBytes(manifest));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(generator.modelEntryName()));
            generator.writeModel(new NonClosingOutputStream(zip));
            zip.closeEntry();
            zip.finish();
            out.commit();
        }
    }

    /**
     * Loads a model.
     *
     * @throws InvalidInputException if the file is missing, not a SessionGAN model, of an unsupported
     *                               layout version or kind, truncated or corrupt
     */
    public static Loaded load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(name, 0, null, "is a folder, not a model file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(name, 0, null, "not a SessionGAN model file (" + Files.size(file)
                        + " bytes; models are far smaller)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, "model file not found", e);
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read model file: " + e.getMessage(), e);
        }
        return load(bytes, name);
    }

    /** Loads a model from bytes (e.g. a classpath resource); {@code name} is used in messages. */
    public static Loaded load(byte[] bytes, String name) {
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
            throw new InvalidInputException(name, 0, null, "not a SessionGAN model file (expected a zip archive"
                    + " with manifest.json and the model's parameters; train one with 'sessiongan train')");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                byte[] content = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES) + 1);
                if (content.length > MAX_BYTES) {
                    throw new InvalidInputException(name, 0, null, "corrupt model file: entry " + entry.getName()
                            + " is larger than " + MAX_BYTES + " bytes");
                }
                entries.put(entry.getName(), content);
            }
        } catch (ZipException | EOFException | IllegalArgumentException e) {
            throw new InvalidInputException(name, "corrupt or truncated model file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read model file: " + e.getMessage(), e);
        }
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) {
            if (entries.containsKey(ZipMarkers.CHECKPOINT_MARK)) {
                throw new InvalidInputException(name, 0, null, "a training checkpoint, not a model file: continue the"
                        + " run with train --model gan --format F --data FILE --resume " + name + " --out MODEL");
            }
            throw new InvalidInputException(name, 0, null, "corrupt, truncated or foreign model file: missing " + MANIFEST);
        }
        ModelManifest manifest;
        try {
            manifest = JsonParts.read(JSON, manifestBytes, ModelManifest.class, MANIFEST);
        } catch (IOException e) {
            throw new InvalidInputException(name, "corrupt model manifest: " + e.getMessage(), e);
        }
        if (manifest.formatVersion() != ModelManifest.CURRENT_FORMAT) {
            throw new InvalidInputException(name, 0, null, "model file layout version " + manifest.formatVersion()
                    + " is not supported by SessionGAN " + dev.sessiongan.Version.library() + " (reads version "
                    + ModelManifest.CURRENT_FORMAT + "); retrain the model or use the SessionGAN version that wrote it ("
                    + manifest.library() + ")");
        }
        String entry = entryName(manifest.kind());
        if (entry == null) {
            throw new InvalidInputException(name, 0, null, "unknown model kind '" + manifest.kind()
                    + "'; this SessionGAN reads: " + MarkovGenerator.KIND + ", " + GanGenerator.KIND);
        }
        byte[] modelBytes = entries.get(entry);
        if (modelBytes == null) {
            throw new InvalidInputException(name, 0, null, "corrupt, truncated or foreign model file: missing " + entry);
        }
        try (InputStream in = new ByteArrayInputStream(modelBytes)) {
            SessionGenerator generator = entry.equals(MODEL) ? MarkovGenerator.readModel(in, name)
                    : GanGenerator.readModel(in, name);
            return new Loaded(manifest, generator);
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read model: " + e.getMessage(), e);
        }
    }

    /** The entry that holds a model of {@code kind}'s parameters, or null for a kind no model file holds. */
    private static String entryName(String kind) {
        return MarkovGenerator.KIND.equals(kind) ? MODEL : GanGenerator.KIND.equals(kind) ? GAN_MODEL : null;
    }
}
