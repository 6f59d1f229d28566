package dev.sessiongan.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.internal.JsonParts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** The GAN's part of a model file: a nested zip of encoding, timing, options, history and network. */
final class GanModelIo {

    static final String ENTRY = "model.zip";
    static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    private static final String ENCODING = "encoding.json";
    private static final String TIMING = "timing.json";
    private static final String OPTIONS = "options.json";
    private static final String HISTORY = "history.json";
    private static final String NETWORK = "network.zip";
    private static final String CALIBRATION = "calibration.json";
    /** What training a critic for generation did, and when it is used, how ({@link Guidance}). */
    private static final String GUIDANCE = "guidance.json";
    /** The critic generation uses, when it is used. */
    private static final String CRITIC = "critic.zip";
    /** How the model is sampled ({@link SamplingRules}); absent in models written before it existed. */
    private static final String SAMPLER = "sampler.json";
    /** The sampler entry's {@code dealing} for pass dealing; absent in models that deal the tail by turns. */
    private static final String PASS_DEALING = "pass";

    /** The sampler entry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record SamplerEntry(Boolean strict, String dealing, Boolean slotItems) {
    }

    /**
     * The calibration entry: its report, and the corrections when they were kept; stay corrections only when
     * there are any, so a model written before them is saved again as it was.
     */
    private record CalibrationEntry(CalibrationReport report, double[][] offsets, double[][] endOffsets,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            double[] stayOffsets) {
    }

    /**
     * The guidance entry: its report, and when the critic is used, the top of its odds ({@code log r_top}) and
     * the most draws of a first session.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record GuidanceEntry(GuidanceReport report, Double topLogit, Integer rounds) {
    }

    private GanModelIo() {
    }

    static void write(GanGenerator generator, UserTiming timing, OutputStream out) throws IOException {
        if (!finite(generator.network().graph())) {
            // saved, it would only be refused as damaged when loaded
            throw new InvalidInputException("the trained network's weights hold NaN or infinite values: training"
                    + " diverged (a lower --learning-rate or --adversarial-learning-rate may help); nothing was saved");
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        put(zip, ENCODING, o -> generator.encoding().writeJson(o));
        put(zip, TIMING, o -> JSON.writeValue(o, timing));
        put(zip, OPTIONS, o -> JSON.writeValue(o, generator.options()));
        put(zip, HISTORY, o -> JSON.writeValue(o, generator.history()));
        put(zip, NETWORK, o -> generator.network().write(o));
        if (generator.calibrationReport().isPresent()) {
            Calibration c = generator.calibration();
            put(zip, CALIBRATION, o -> JSON.writeValue(o, new CalibrationEntry(generator.calibrationReport().get(),
                    c == null ? null : c.offsets(), c == null ? null : c.endOffsets(),
                    c == null || Arrays.stream(c.stayOffsets()).allMatch(v -> v == 0) ? null
                            : c.stayOffsets())));
        }
        if (generator.guidanceReport().isPresent()) {
            Guidance g = generator.guidance();
            put(zip, GUIDANCE, o -> JSON.writeValue(o, new GuidanceEntry(generator.guidanceReport().get(),
                    g == null ? null : g.topLogit(), g == null ? null : g.rounds())));
            if (g != null) {
                put(zip, CRITIC, o -> g.network().writeWeights(o));
            }
        }
        SamplingRules rules = generator.rules();
        if (!rules.equals(SamplingRules.LEGACY)) {
            put(zip, SAMPLER, o -> JSON.writeValue(o,
                    new SamplerEntry(rules.strict(), rules.passDealing() ? PASS_DEALING : null,
                            rules.slotItems() ? Boolean.TRUE : null)));
        }
        zip.finish();
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void put(ZipOutputStream zip, String name, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.write(bytes);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes.toByteArray());
        zip.closeEntry();
    }

    static GanGenerator read(InputStream in, String source) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        ZipInputStream zip = new ZipInputStream(in);
        try {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (ZipException | EOFException e) {
            throw new InvalidInputException(source, "corrupt or truncated GAN model: " + e.getMessage(), e);
        }
        for (String name : new String[] {ENCODING, TIMING, OPTIONS, HISTORY, NETWORK}) {
            if (!entries.containsKey(name)) {
                throw new InvalidInputException(source, 0, null, "corrupt or truncated GAN model: missing " + name);
            }
        }
        try {
            SessionEncoding encoding = SessionEncoding.readJson(new ByteArrayInputStream(entries.get(ENCODING)), source);
            UserTiming timing = JsonParts.read(JSON, entries.get(TIMING), UserTiming.class, TIMING);
            GanOptions options = readOptions(entries.get(OPTIONS));
            TrainingHistory history = readHistory(entries.get(HISTORY));
            int vocabulary = new TokenLayout(encoding).vocabulary();
            TokenNetwork network = readNetwork(entries.get(NETWORK), vocabulary, options.noise());
            if (network.graph().getConfiguration().getNetworkInputs().size() != 1
                    || network.inputWidth() != inputWidth(network)) {
                throw new InvalidInputException(source, 0, null, "GAN network does not match its encoding");
            }
            SamplingRules rules = entries.containsKey(SAMPLER) ? rules(entries.get(SAMPLER), source)
                    : SamplingRules.LEGACY;
            GanGenerator generator = new GanGenerator(encoding, network, timing, options, history).withRules(rules);
            if (entries.containsKey(CALIBRATION)) {
                generator = calibrated(generator, entries.get(CALIBRATION));
            }
            if (!entries.containsKey(GUIDANCE)) {
                if (entries.containsKey(CRITIC) || options.guidancePasses() > 0) {
                    throw new InvalidInputException(source, 0, null, "corrupt GAN model: " + GUIDANCE + " is missing,"
                            + " but " + (entries.containsKey(CRITIC) ? "the model holds " + CRITIC
                            : OPTIONS + " says a critic was trained for generation"));
                }
                return generator;
            }
            return guided(generator, entries.get(GUIDANCE), entries.get(CRITIC));
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(source, "corrupt GAN model: " + e.getMessage(), e);
        }
    }

    /**
     * The generator with the calibration part's corrections; the part must agree with its report, so a damaged
     * one is refused instead of loading a model that draws uncorrected while it says it is calibrated.
     */
    private static GanGenerator calibrated(GanGenerator generator, byte[] json) throws IOException {
        CalibrationEntry entry = JsonParts.read(JSON, json, CalibrationEntry.class, CALIBRATION);
        if (entry.report() == null) {
            throw new IOException(CALIBRATION + ": field 'report' is missing or null");
        }
        boolean kept = entry.report().kept();
        if (kept && (entry.offsets() == null || entry.endOffsets() == null)) {
            throw new IOException(CALIBRATION + ": the report says the corrections were kept, but field '"
                    + (entry.offsets() == null ? "offsets" : "endOffsets") + "' is missing or null");
        }
        if (!kept && entry.offsets() != null) {
            throw new IOException(CALIBRATION + ": holds corrections, but the report says they were not kept");
        }
        Calibration calibration;
        try {
            calibration = kept ? Calibration.read(generator.layout(), entry.offsets(), entry.endOffsets(),
                    entry.stayOffsets()) : null;
        } catch (IllegalArgumentException e) {
            throw new IOException(CALIBRATION + ": " + e.getMessage(), e);
        }
        return generator.withCalibration(calibration, entry.report());
    }

    /**
     * The generator with the critic the guidance part says it uses; the part must agree with its report, so a
     * damaged one is refused instead of loading a model that draws unguided while it says it is guided.
     */
    private static GanGenerator guided(GanGenerator generator, byte[] json, byte[] critic) throws IOException {
        GuidanceEntry entry = JsonParts.read(JSON, json, GuidanceEntry.class, GUIDANCE);
        if (entry.report() == null) {
            throw new IOException(GUIDANCE + ": field 'report' is missing or null");
        }
        if (!entry.report().kept()) {
            if (entry.topLogit() != null || critic != null) {
                throw new IOException(GUIDANCE + ": the report says the critic is not used, but the model holds one");
            }
            return generator.withGuidance(null, entry.report());
        }
        if (entry.topLogit() == null || entry.rounds() == null) {
            throw new IOException(GUIDANCE + ": the report says the critic is used, but field '"
                    + (entry.topLogit() == null ? "topLogit" : "rounds") + "' is missing or null");
        }
        if (entry.rounds() < 1 || entry.rounds() > Guidance.MOST_ROUNDS) {
            throw new IOException(GUIDANCE + ": field 'rounds' must be in [1, " + Guidance.MOST_ROUNDS + "], got "
                    + entry.rounds());
        }
        if (!(Math.abs(entry.topLogit()) <= Guidance.MOST_TOP_LOGIT)) { // NaN too
            throw new IOException(GUIDANCE + ": field 'topLogit' must be in [-" + Guidance.MOST_TOP_LOGIT + ", "
                    + Guidance.MOST_TOP_LOGIT + "], got " + entry.topLogit());
        }
        if (critic == null) {
            throw new IOException(GUIDANCE + ": the report says the critic is used, but " + CRITIC + " is missing");
        }
        Discriminator network;
        try {
            network = Discriminator.read(new ByteArrayInputStream(critic), generator.layout().vocabulary(), 1);
        } catch (IOException | RuntimeException e) {
            throw new IOException(CRITIC + ": not a readable network (its configuration or weights are missing or"
                    + " damaged)", e);
        }
        if (!finite(network.graph())) {
            throw new IOException(CRITIC + ": its weights hold NaN or infinite values (a damaged file)");
        }
        try {
            return generator.withGuidance(new Guidance(network, entry.topLogit(), entry.rounds()), entry.report());
        } catch (RuntimeException e) {
            // DL4J's own errors on a network of another shape (a missing layer, a parameter of another rank)
            throw new IOException(CRITIC + ": not the convolutional critic this model needs (" + e.getMessage() + ")",
                    e);
        }
    }

    private static SamplingRules rules(byte[] json, String source) throws IOException {
        SamplerEntry entry = JsonParts.read(JSON, json, SamplerEntry.class, SAMPLER);
        if (entry.strict() == null) {
            throw new InvalidInputException(source, 0, null, "corrupt GAN model: " + SAMPLER
                    + " must say whether sampling is strict (\"strict\": true or false)");
        }
        if (entry.dealing() != null && !entry.dealing().equals(PASS_DEALING)) {
            throw new InvalidInputException(source, 0, null, "unknown GAN model: " + SAMPLER + " has dealing \""
                    + entry.dealing() + "\"; this library knows \"" + PASS_DEALING + "\" (or none): a corrupt file,"
                    + " or one written by a newer SessionGAN");
        }
        return new SamplingRules(entry.strict(), entry.dealing() != null, Boolean.TRUE.equals(entry.slotItems()));
    }

    /**
     * Reads training options; options written before one existed get its usual value where Jackson's 0 would
     * not be one (a single generator step).
     */
    static GanOptions readOptions(byte[] json) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = JsonParts.tree(JSON, json, OPTIONS);
        if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object && !object.has("generatorSteps")) {
            object.put("generatorSteps", 1);
        }
        return JsonParts.bind(JSON, tree, GanOptions.class, OPTIONS);
    }

    /**
     * Reads a training history; epochs (and a rematch) written before a field existed get NaN for it (not
     * Jackson's 0, which would read as a measured value).
     */
    static TrainingHistory readHistory(byte[] json) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = JsonParts.tree(JSON, json, HISTORY);
        for (com.fasterxml.jackson.databind.JsonNode epoch : tree.path("epochs")) {
            notMeasuredWhereMissing(epoch, "attributeDReal", "attributeDFake", "criticAuc", "rewardWeight",
                    "validationAucBehaviour", "validationAucCatalog");
        }
        notMeasuredWhereMissing(tree.path("selection"), "lastWarmStartScore"); // a rematch of two
        return JsonParts.bind(JSON, tree, TrainingHistory.class, HISTORY);
    }

    /**
     * The network's weights; DL4J's own errors on a damaged part ({@code Model wasnt found within file}) say
     * nothing a user can act on.
     */
    private static TokenNetwork readNetwork(byte[] bytes, int vocabulary, int noise) throws IOException {
        TokenNetwork network;
        try {
            network = TokenNetwork.read(new ByteArrayInputStream(bytes), vocabulary, noise);
        } catch (IOException | RuntimeException e) {
            throw new IOException(NETWORK + ": not a readable network (its configuration or weights are missing or"
                    + " damaged)", e);
        }
        if (!finite(network.graph())) {
            throw new IOException(NETWORK + ": its weights hold NaN or infinite values (a damaged file)");
        }
        return network;
    }

    /** Whether every weight is finite: one NaN would make every draw the same token, or every score the same. */
    private static boolean finite(org.deeplearning4j.nn.graph.ComputationGraph graph) {
        // a sum is finite only when every term is
        return Double.isFinite(graph.params().sumNumber().doubleValue());
    }

    private static void notMeasuredWhereMissing(com.fasterxml.jackson.databind.JsonNode node, String... fields) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            for (String field : fields) {
                if (!object.has(field)) {
                    object.put(field, Double.NaN);
                }
            }
        }
    }

    private static long inputWidth(TokenNetwork network) {
        return network.graph().getLayer("lstm0").getParam("W").size(0);
    }
}
