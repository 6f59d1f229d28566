package dev.sessiongan.cli;

import dev.sessiongan.format.TimeFormat;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.UserCondition;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sessiongan generate}: virtual users from a model file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates virtual users from a trained model. The same model, seed and options give"
                + " byte-identical output.")
final class GenerateCommand implements Callable<Integer> {

    /** Leaves room for the generated timeline after the start. */
    private static final Instant LATEST_START = Instant.parse("9000-01-01T00:00:00Z");

    @Spec
    CommandSpec spec;

    @ParentCommand
    SessionGanCommand parent;

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
    Map<String, String> conditions = new LinkedHashMap<>();

    @Option(names = "--new-items",
            description = "Let long-tail draws be items new to the catalog (ids new-SEED-PASS-POOL-N) once a category's"
                    + " real long tail has been dealt out, as real shoppers keep reaching items nobody had; such ids"
                    + " join to no real catalog (GAN models that deal their tail by pass).")
    boolean newItems;

    @Mixin
    OutputOptions output;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar with rate and ETA on a terminal, a plain line every 10 s otherwise), bar, lines"
                    + " or none; on standard error.")
    String progress;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        UserCounts.require(users, UserCounts.MOST_STREAMED);
        output.validate();
        GenerationProgress.Mode progressMode = progressMode();
        GenerationRequest request = GenerationRequest.of(users, seed);
        if (start != null) {
            Instant origin;
            try {
                origin = Instant.parse(start);
            } catch (DateTimeParseException e) {
                throw new UsageException("--start: cannot parse '" + start
                        + "' as an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            }
            if (origin.isBefore(TimeFormat.EARLIEST) || origin.isAfter(LATEST_START)) {
                throw new UsageException("--start must be between 1900-01-01 and 9000-01-01, got " + start);
            }
            request = request.withStart(origin);
        }
        request = request.withCondition(condition()).withNewItems(newItems);
        ModelFile.Loaded model = modelFile == null ? EmbeddedModels.defaultModel() : ModelFile.load(modelFile);
        if (modelFile == null) {
            spec.commandLine().getErr().printf("using the embedded default model (%s, trained on %s)%n",
                    model.manifest().kind(), model.manifest().dataset() == null ? "?" : model.manifest().dataset().file());
        }
        SessionGenerator generator = model.generator();
        long written = output.writeAll(generator.users(request).iterator(), parent.stdout(),
                GenerationProgress.start(progressMode, users, System.console() != null, spec.commandLine().getErr()));
        if (!output.toStdout()) {
            spec.commandLine().getOut().printf("wrote %,d users to %s%n", written, output.out);
        }
        return 0;
    }

    private GenerationProgress.Mode progressMode() {
        try {
            return GenerationProgress.Mode.valueOf(progress.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--progress must be auto, bar, lines or none, got '" + progress + "'");
        }
    }

    private UserCondition condition() {
        UserCondition c = buyersOnly ? UserCondition.buyers() : UserCondition.NONE;
        Integer min = null;
        Integer max = null;
        for (Map.Entry<String, String> e : conditions.entrySet()) {
            String value = e.getValue().trim();
            switch (e.getKey().trim()) {
                case "buyer" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new UsageException("--condition buyer must be true or false, got '" + value + "'");
                    }
                    c = c.withBuyer(Boolean.parseBoolean(value));
                }
                case "preferred-category" -> c = c.withPreferredCategory(value);
                case "min-session-length" -> min = lengthOf(e.getKey(), value);
                case "max-session-length" -> max = lengthOf(e.getKey(), value);
                default -> throw new UsageException("--condition: unknown key '" + e.getKey()
                        + "'; use buyer, preferred-category, min-session-length or max-session-length");
            }
        }
        if (buyersOnly && Boolean.FALSE.equals(c.buyer())) {
            throw new UsageException("--buyers-only contradicts --condition buyer=false");
        }
        return new UserCondition(c.buyer(), c.preferredCategory(), min, max);
    }

    private static int lengthOf(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--condition " + key + " must be a whole number, got '" + value + "'");
        }
    }
}
