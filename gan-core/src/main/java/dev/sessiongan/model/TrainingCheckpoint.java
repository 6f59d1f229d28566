package dev.sessiongan.model;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.internal.ZipMarkers;
import dev.sessiongan.io.AtomicFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything needed to continue a training run exactly where it stopped: the options, the history so
 * far, the networks with their optimiser state, each phase's best weights so far and the warm start's last.
 * The data is not stored; a resumed run reads the same file again, which its fingerprint (in the history's
 * options and counts) must match.
 */
public final class TrainingCheckpoint {

    private static final String MAGIC = "sessiongan-checkpoint-1";

    private final GanOptions options;
    private final String dataFingerprint;
    private final TrainingHistory history;
    private final byte[] network;
    private final byte[] discriminator;
    private final byte[] attributeDiscriminator;
    private final byte[] best;
    private final byte[] bestAdversarial;
    private final byte[] lastWarmStart;
    private final byte[] average;
    private final long averageUpdates;

    TrainingCheckpoint(GanOptions options, String dataFingerprint, TrainingHistory history, TokenNetwork network,
            Discriminator discriminator, AttributeDiscriminator attributeDiscriminator, INDArray bestParameters,
            INDArray bestAdversarialParameters, INDArray lastWarmStartParameters, WeightAverage average) {
        this.options = options;
        this.dataFingerprint = dataFingerprint;
        this.history = history;
        try {
            this.network = bytes(network::write);
            this.discriminator = discriminator == null ? null : bytes(discriminator::write);
            this.attributeDiscriminator = attributeDiscriminator == null ? null : bytes(attributeDiscriminator::write);
            this.best = bestParameters == null ? null : bytes(bestParameters);
            this.bestAdversarial = bestAdversarialParameters == null ? null : bytes(bestAdversarialParameters);
            this.lastWarmStart = lastWarmStartParameters == null ? null : bytes(lastWarmStartParameters);
            this.average = average == null ? null : bytes(average.weights());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the networks", e);
        }
        this.averageUpdates = average == null ? 0 : average.updates();
    }

    private TrainingCheckpoint(GanOptions options, String dataFingerprint, TrainingHistory history, byte[] network,
            byte[] discriminator, byte[] attributeDiscriminator, byte[] best, byte[] bestAdversarial,
            byte[] lastWarmStart, byte[] average, long averageUpdates) {
        this.options = options;
        this.dataFingerprint = dataFingerprint;
        this.history = history;
        this.network = network;
        this.discriminator = discriminator;
        this.attributeDiscriminator = attributeDiscriminator;
        this.best = best;
        this.bestAdversarial = bestAdversarial;
        this.lastWarmStart = lastWarmStart;
        this.average = average;
        this.averageUpdates = averageUpdates;
    }

    /** The options of the run. */
    public GanOptions options() {
        return options;
    }

    /** A digest of the training data, which a resumed run must match. */
    String dataFingerprint() {
        return dataFingerprint;
    }

    /** The epochs done so far. */
    public TrainingHistory history() {
        return history;
    }

    TokenNetwork network(int vocabulary, int noise) {
        try {
            return TokenNetwork.read(new ByteArrayInputStream(network), vocabulary, noise);
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint", "corrupt generator network: " + e.getMessage(), e);
        }
    }

    Discriminator discriminator(int vocabulary, int packing) {
        if (discriminator == null) {
            return null;
        }
        try {
            return Discriminator.read(new ByteArrayInputStream(discriminator), vocabulary, packing);
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint", "corrupt discriminator network: " + e.getMessage(), e);
        }
    }

    AttributeDiscriminator attributeDiscriminator(TokenLayout layout) {
        if (attributeDiscriminator == null) {
            return null;
        }
        try {
            return AttributeDiscriminator.read(new ByteArrayInputStream(attributeDiscriminator), layout);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("checkpoint", "corrupt attribute discriminator: " + e.getMessage(), e);
        }
    }

    /** The best warm-start epoch's weights so far. */
    INDArray bestParameters() {
        return best == null ? null : array(best, "best weights");
    }

    /** The best adversarial epoch's weights so far. */
    INDArray bestAdversarialParameters() {
        return bestAdversarial == null ? null : array(bestAdversarial, "best adversarial weights");
    }

    /**
     * The warm start's last epoch's weights, once a run with an adversarial phase has passed it; {@code null}
     * before, without an adversarial phase, or in checkpoints written before 2026-11-28.
     */
    INDArray lastWarmStartParameters() {
        return lastWarmStart == null ? null : array(lastWarmStart, "last warm-start weights");
    }

    /** The generator's weight average, or {@code null} if the run did not average. */
    WeightAverage average(double decay) {
        return average == null ? null : new WeightAverage(decay, array(average, "weight average"), averageUpdates);
    }

    private static INDArray array(byte[] content, String what) {
        try {
            return Nd4j.read(new DataInputStream(new ByteArrayInputStream(content)));
        } catch (RuntimeException e) {
            throw new InvalidInputException("checkpoint", "corrupt " + what + ": " + e.getMessage(), e);
        }
    }

    /** Writes the checkpoint atomically. */
    public void save(Path file) throws IOException {
        try (AtomicFile out = AtomicFile.create(file); ZipOutputStream zip = new ZipOutputStream(out.stream())) {
            put(zip, ZipMarkers.CHECKPOINT_MARK, MAGIC.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            put(zip, "options.json", GanModelIo.JSON.writeValueAsBytes(options));
            put(zip, "data.txt", dataFingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            put(zip, "history.json", GanModelIo.JSON.writeValueAsBytes(history));
            put(zip, "network.zip", network);
            if (discriminator != null) {
                put(zip, "discriminator.zip", discriminator);
            }
            if (attributeDiscriminator != null) {
                put(zip, "attribute-discriminator.zip", attributeDiscriminator);
            }
            if (best != null) {
                put(zip, "best.bin", best);
            }
            if (bestAdversarial != null) {
                put(zip, "best-adversarial.bin", bestAdversarial);
            }
            if (lastWarmStart != null) {
                put(zip, "last-warm-start.bin", lastWarmStart);
            }
            if (average != null) {
                put(zip, "average.bin", average);
                put(zip, "average-updates.txt", Long.toString(averageUpdates).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            zip.finish();
            out.commit();
        }
    }

    /**
     * Reads a checkpoint.
     *
     * @throws InvalidInputException if the file is missing, not a checkpoint, or damaged
     */
    public static TrainingCheckpoint load(Path file) {
        String name = file.toString();
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, "checkpoint not found", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(name, "corrupt or truncated checkpoint: " + e.getMessage(), e);
        }
        byte[] magic = entries.get(ZipMarkers.CHECKPOINT_MARK);
        if (magic == null && entries.containsKey(ZipMarkers.MODEL_MANIFEST)) {
            throw new InvalidInputException(name, 0, null, "a model file, not a training checkpoint: a run can be"
                    + " resumed only from the --checkpoint FILE it wrote");
        }
        if (magic == null || !MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.UTF_8))) {
            throw new InvalidInputException(name, 0, null, "not a SessionGAN training checkpoint (write one with"
                    + " train --checkpoint FILE)");
        }
        for (String required : new String[] {"options.json", "data.txt", "history.json", "network.zip"}) {
            if (!entries.containsKey(required)) {
                throw new InvalidInputException(name, 0, null, "corrupt or truncated checkpoint: missing " + required);
            }
        }
        try {
            GanOptions options = GanModelIo.readOptions(entries.get("options.json"));
            TrainingHistory history = GanModelIo.readHistory(entries.get("history.json"));
            byte[] updates = entries.get("average-updates.txt");
            return new TrainingCheckpoint(options, new String(entries.get("data.txt"), java.nio.charset.StandardCharsets.UTF_8),
                    history, entries.get("network.zip"), entries.get("discriminator.zip"),
                    entries.get("attribute-discriminator.zip"), entries.get("best.bin"),
                    entries.get("best-adversarial.bin"), entries.get("last-warm-start.bin"),
                    entries.get("average.bin"),
                    updates == null ? 0 : Long.parseLong(new String(updates, java.nio.charset.StandardCharsets.UTF_8).trim()));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(name, "corrupt checkpoint: " + e.getMessage(), e);
        }
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static byte[] bytes(INDArray array) throws IOException {
        return bytes(out -> Nd4j.write(array, new DataOutputStream(out)));
    }

    private static byte[] bytes(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.write(out);
        return out.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
