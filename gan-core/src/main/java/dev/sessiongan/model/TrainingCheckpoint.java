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

    private static final String NETWORK = "network.zip";
    private static final String DISCRIMINATOR = "discriminator.zip";
    private static final String ATTRIBUTE_DISCRIMINATOR = "attribute-discriminator.zip";
    private static final String BEST = "best.bin";
    private static final String BEST_ADVERSARIAL = "best-adversarial.bin";
    private static final String LAST_WARM_START = "last-warm-start.bin";
    private static final String AVERAGE = "average.bin";
    private static final String AVERAGE_UPDATES = "average-updates.txt";

    /** The file it was read from, or "checkpoint" for one made in memory: what its messages name. */
    private final String source;
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
        this.source = "checkpoint";
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

    private TrainingCheckpoint(String source, GanOptions options, String dataFingerprint, TrainingHistory history,
            byte[] network, byte[] discriminator, byte[] attributeDiscriminator, byte[] best, byte[] bestAdversarial,
            byte[] lastWarmStart, byte[] average, long averageUpdates) {
        this.source = source;
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

    /** The file it was read from, or "checkpoint" for one made in memory. */
    String source() {
        return source;
    }

    TokenNetwork network(int vocabulary, int noise) {
        try {
            return TokenNetwork.read(new ByteArrayInputStream(network), vocabulary, noise);
        } catch (IOException | RuntimeException e) {
            throw unreadableNetwork(NETWORK, e);
        }
    }

    Discriminator discriminator(int vocabulary, int packing) {
        if (discriminator == null) {
            return null;
        }
        try {
            return Discriminator.read(new ByteArrayInputStream(discriminator), vocabulary, packing);
        } catch (IOException | RuntimeException e) {
            throw unreadableNetwork(DISCRIMINATOR, e);
        }
    }

    AttributeDiscriminator attributeDiscriminator(TokenLayout layout) {
        if (attributeDiscriminator == null) {
            return null;
        }
        try {
            return AttributeDiscriminator.read(new ByteArrayInputStream(attributeDiscriminator), layout);
        } catch (IOException | RuntimeException e) {
            throw unreadableNetwork(ATTRIBUTE_DISCRIMINATOR, e);
        }
    }

    private InvalidInputException unreadableNetwork(String part, Exception cause) {
        return new InvalidInputException(source, "corrupt checkpoint: " + part + ": not a readable network (its"
                + " configuration or weights are missing or damaged)", cause);
    }

    /** The best warm-start epoch's weights so far, as many as {@code parameters}. */
    INDArray bestParameters(long parameters) {
        return best == null ? null : array(best, BEST, parameters);
    }

    /** The best adversarial epoch's weights so far, as many as {@code parameters}. */
    INDArray bestAdversarialParameters(long parameters) {
        return bestAdversarial == null ? null : array(bestAdversarial, BEST_ADVERSARIAL, parameters);
    }

    /**
     * The warm start's last epoch's weights, once a run with an adversarial phase has passed it; {@code null}
     * before, without an adversarial phase, or in checkpoints written before 2026-11-28.
     */
    INDArray lastWarmStartParameters(long parameters) {
        return lastWarmStart == null ? null : array(lastWarmStart, LAST_WARM_START, parameters);
    }

    /** The generator's weight average, or {@code null} if the run did not average. */
    WeightAverage average(double decay, long parameters) {
        return average == null ? null : new WeightAverage(decay, array(average, AVERAGE, parameters), averageUpdates);
    }

    /** The weight average's optimiser steps so far (0 without averaging). */
    long averageUpdates() {
        return averageUpdates;
    }

    /** The weights in {@code part}, which must be the generator's {@code parameters}. */
    private INDArray array(byte[] content, String part, long parameters) {
        INDArray weights;
        try {
            weights = Nd4j.read(new DataInputStream(new ByteArrayInputStream(content)));
        } catch (RuntimeException e) {
            throw new InvalidInputException(source, "corrupt checkpoint: " + part + ": not readable weights (truncated"
                    + " or damaged)", e);
        }
        if (weights.length() != parameters) {
            throw new InvalidInputException(source, 0, null, "corrupt checkpoint: " + part + ": " + weights.length()
                    + " weights, where the generator has " + parameters);
        }
        return weights;
    }

    /** Writes the checkpoint atomically. */
    public void save(Path file) throws IOException {
        try (AtomicFile out = AtomicFile.create(file); ZipOutputStream zip = new ZipOutputStream(out.stream())) {
            put(zip, ZipMarkers.CHECKPOINT_MARK, MAGIC.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            put(zip, "options.json", GanModelIo.JSON.writeValueAsBytes(options));
            put(zip, "data.txt", dataFingerprint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            put(zip, "history.json", GanModelIo.JSON.writeValueAsBytes(history));
            put(zip, NETWORK, network);
            if (discriminator != null) {
                put(zip, DISCRIMINATOR, discriminator);
            }
            if (attributeDiscriminator != null) {
                put(zip, ATTRIBUTE_DISCRIMINATOR, attributeDiscriminator);
            }
            if (best != null) {
                put(zip, BEST, best);
            }
            if (bestAdversarial != null) {
                put(zip, BEST_ADVERSARIAL, bestAdversarial);
            }
            if (lastWarmStart != null) {
                put(zip, LAST_WARM_START, lastWarmStart);
            }
            if (average != null) {
                put(zip, AVERAGE, average);
                put(zip, AVERAGE_UPDATES, Long.toString(averageUpdates).getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
        for (String required : new String[] {"options.json", "data.txt", "history.json", NETWORK}) {
            if (!entries.containsKey(required)) {
                throw new InvalidInputException(name, 0, null, "corrupt or truncated checkpoint: missing " + required);
            }
        }
        GanOptions options;
        TrainingHistory history;
        try {
            options = GanModelIo.readOptions(entries.get("options.json"));
            history = GanModelIo.readHistory(entries.get("history.json"));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(name, "corrupt checkpoint: " + e.getMessage(), e);
        }
        requireParts(name, entries, options, history);
        return new TrainingCheckpoint(name, options, new String(entries.get("data.txt"),
                java.nio.charset.StandardCharsets.UTF_8), history, entries.get(NETWORK), entries.get(DISCRIMINATOR),
                entries.get(ATTRIBUTE_DISCRIMINATOR), entries.get(BEST), entries.get(BEST_ADVERSARIAL),
                entries.get(LAST_WARM_START), entries.get(AVERAGE), averageUpdates(name, entries.get(AVERAGE_UPDATES)));
    }

    /**
     * Refuses a checkpoint without a part its history and options say the run had: resumed without it, the run
     * would go on from other weights and end elsewhere without a word.
     */
    private static void requireParts(String name, Map<String, byte[]> entries, GanOptions options,
            TrainingHistory history) {
        boolean adversarial = history.epochsIn(TrainingPhase.ADVERSARIAL) > 0;
        Map<String, Boolean> needed = new java.util.LinkedHashMap<>();
        needed.put(BEST, selected(history, TrainingPhase.WARM_START));
        needed.put(BEST_ADVERSARIAL, selected(history, TrainingPhase.ADVERSARIAL));
        needed.put(DISCRIMINATOR, adversarial);
        needed.put(ATTRIBUTE_DISCRIMINATOR, adversarial && options.attributeWeight() > 0);
        needed.put(AVERAGE, options.weightAveraging() > 0 || entries.containsKey(AVERAGE_UPDATES));
        needed.put(AVERAGE_UPDATES, entries.containsKey(AVERAGE));
        needed.forEach((part, isNeeded) -> {
            if (isNeeded && !entries.containsKey(part)) {
                throw new InvalidInputException(name, 0, null, "corrupt or truncated checkpoint: missing " + part
                        + ", which its history and options say the run had");
            }
        });
    }

    /** Whether the phase has an epoch that the run kept as its best so far (one with a finite score). */
    private static boolean selected(TrainingHistory history, TrainingPhase phase) {
        return history.bestEpoch(phase).filter(e -> e.validationScore() < Double.MAX_VALUE).isPresent();
    }

    private static long averageUpdates(String name, byte[] content) {
        if (content == null) {
            return 0;
        }
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8).trim();
        try {
            long updates = Long.parseLong(text);
            if (updates >= 0) {
                return updates;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(name, 0, null, "corrupt checkpoint: " + AVERAGE_UPDATES + ": expected a"
                + " whole number >= 0, got \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"");
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
