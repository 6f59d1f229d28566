package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.UserCondition;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which virtual users: the model, how many, the seed, their timeline's start and conditions. Shared by generate
 * and replay.
 */
final class UserSelection {

    @Option(names = "--model-file", paramLabel = "MODEL",
            description = "A model from 'sessiongan train'; default: the embedded model (the session GAN trained on"
                    + " the REES46 sample; see 'sessiongan models').")
    Path modelFile;

    @Option(names = "--users", defaultValue = "1000", paramLabel = "N", description = "Number of users (default ${DEFAULT-VALUE}).")
    long users;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "TIME",
            description = "Origin of the generated timeline, ISO-8601 (e.g. 2026-01-01T00:00:00Z);"
                    + " default: the start of the training data.")
    String start;

    @Option(names = "--buyers-only", description = "Only users with a purchase (same as --condition buyer=true).")
    boolean buyersOnly;

    @Option(names = "--condition", paramLabel = "KEY=VALUE", split = ",",
            description = "Only users that satisfy it: buyer=true|false, preferred-category=ID, min-session-length=N,"
                    + " max-session-length=N (every session); repeatable. Met by rejection sampling.")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--new-items",
            description = "Let long-tail draws be items new to the catalog (ids new-SEED-PASS-POOL-N) once a category's"
                    + " real long tail has been dealt out, as real shoppers keep reaching items nobody had; such ids"
                    + " join to no real catalog (GAN models that deal their tail by pass).")
    boolean newItems;

    /** The request these options describe, checked before any work. */
    GenerationRequest request() {
        GenerationRequest request = GenerationRequest.of(users, seed);
        if (start != null) {
            Instant origin;
            try {
                origin = Instant.parse(start);
            } catch (DateTimeParseException e) {
                throw new UsageException("--start: cannot parse '" + start
                        + "' as an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            }
            try {
                request = request.withStart(origin);
            } catch (InvalidInputException e) {
                // the request's own range check, said as the option's
                throw new UsageException("--" + e.reason());
            }
        }
        return request.withCondition(condition()).withNewItems(newItems);
    }

    /** The model file, or the embedded default (said on {@code err}). */
    ModelFile.Loaded model(PrintWriter err) {
        ModelFile.Loaded model = modelFile == null ? EmbeddedModels.defaultModel() : ModelFile.load(modelFile);
        if (modelFile == null) {
            err.printf("using the embedded default model (%s, trained on %s)%n", model.manifest().kind(),
                    model.manifest().dataset() == null ? "?" : model.manifest().dataset().file());
        }
        return model;
    }

    private UserCondition condition() {
        Map<String, String> given = new LinkedHashMap<>();
        for (String condition : conditions) {
            int eq = condition.indexOf('=');
            if (eq < 0) {
                throw new UsageException("--condition: '" + condition + "' is not KEY=VALUE");
            }
            String key = condition.substring(0, eq).trim();
            String value = condition.substring(eq + 1).trim();
            String before = given.putIfAbsent(key, value);
            if (before != null) {
                // picocli's map would keep the last silently; two values for one key is a mistake either way
                throw new UsageException("--condition: " + key + " given twice (" + before + ", " + value + ")");
            }
        }
        Boolean buyer = buyersOnly ? Boolean.TRUE : null;
        String category = null;
        Integer min = null;
        Integer max = null;
        for (Map.Entry<String, String> e : given.entrySet()) {
            String value = e.getValue();
            switch (e.getKey()) {
                case "buyer" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new UsageException("--condition buyer must be true or false, got '" + value + "'");
                    }
                    if (buyersOnly && value.equals("false")) {
                        throw new UsageException("--buyers-only contradicts --condition buyer=false");
                    }
                    buyer = Boolean.parseBoolean(value);
                }
                case "preferred-category" -> {
                    if (value.isEmpty()) {
                        throw new UsageException("--condition preferred-category needs a category id");
                    }
                    category = value;
                }
                case "min-session-length" -> min = lengthOf(e.getKey(), value);
                case "max-session-length" -> max = lengthOf(e.getKey(), value);
                default -> throw new UsageException("--condition: unknown key '" + e.getKey()
                        + "'; use buyer, preferred-category, min-session-length or max-session-length");
            }
        }
        if (min != null && max != null && min > max) {
            throw new UsageException("--condition min-session-length=" + min + " is above max-session-length=" + max);
        }
        return new UserCondition(buyer, category, min, max);
    }

    private static int lengthOf(String key, String value) {
        int length;
        try {
            length = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--condition " + key + " must be a whole number, got '" + value + "'");
        }
        if (length < 1) {
            throw new UsageException("--condition " + key + " must be at least 1, got " + length);
        }
        return length;
    }
}
