package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.Equilibrium;
import dev.sessiongan.diagnostics.ModeCollapse;
import dev.sessiongan.diagnostics.ReferenceProfile;
import dev.sessiongan.diagnostics.Verdict;
import dev.sessiongan.format.ClickstreamFormat;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import dev.sessiongan.io.ModelManifest;
import dev.sessiongan.model.GanGenerator;
import dev.sessiongan.model.TrainingHistory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code sessiongan diagnose}: the verdicts a person checks first. The equilibrium verdict comes from the
 * training history inside the model; the mode-collapse verdict compares a generated sample with real
 * sessions, so it needs {@code --format} and {@code --holdout}.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Print a model's training history, its equilibrium verdict and its mode-collapse verdict"
                + " (against the training-data profile in the model file, or all rules with --format and --holdout).")
final class DiagnoseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin(name = "input")
    FormatOptions input;

    @Option(names = "--model-file", paramLabel = "MODEL", description = "The model (default: the embedded model).")
    Path modelFile;

    @Option(names = "--holdout", paramLabel = "FILE",
            description = "Real sessions to judge mode collapse against (with --format).")
    Path holdout;

    @Option(names = "--users", defaultValue = "2000", paramLabel = "N",
            description = "Users to generate for the mode-collapse check (default ${DEFAULT-VALUE}).")
    long users;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed for generation and the tests.")
    long seed;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        UserCounts.require(users, UserCounts.MOST_HELD);
        if (holdout == null) {
            rejectReadingOptions();
        }
        // the format and reading options checked before the model is loaded, so their usage errors come first
        ClickstreamFormat format = holdout == null ? null : input.resolve();
        ReadOptions options = holdout == null ? null : input.readOptions();
        ModelFile.Loaded loaded = modelFile == null ? EmbeddedModels.defaultModel() : ModelFile.load(modelFile);
        if (holdout != null) {
            input.warnIfTrainedOnOther(loaded.manifest(), "holdout", spec.commandLine().getErr());
        }
        // the holdout read before anything is printed, and the output held to the end: a failure prints nothing
        List<UserSession> real = holdout == null ? null : holdoutSessions(format, options);
        SessionGenerator generator = loaded.generator();
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        String name = modelFile == null ? "embedded model" : modelFile.getFileName().toString();
        out.println(name + " (" + generator.kind() + ")");
        if (generator instanceof GanGenerator gan) {
            history(out, gan.history());
            gan.history().earlyStops(gan.options()).ifPresent(stops -> out.println("early stopping: " + stops));
            gan.calibrationReport().ifPresent(r -> out.printf(Locale.ROOT, "calibration: %d rounds of %,d users;"
                    + " token distance %.4f -> %.4f; validation AUC %.3f -> %.3f, score %.3f -> %.3f; %s%n",
                    r.rounds(), r.usersPerRound(), r.tokenDistanceBefore(), r.tokenDistanceAfter(),
                    r.validationAucBefore(), r.validationAucAfter(), r.validationScoreBefore(),
                    r.validationScoreAfter(), r.decision()));
            gan.guidanceReport().ifPresent(r -> out.println(r.describe()));
            print(out, "equilibrium", Equilibrium.judge(gan.history()));
        } else {
            print(out, "equilibrium", new Verdict("no adversarial phase", true,
                    List.of("a " + generator.kind() + " model is fitted, not trained against a discriminator")));
        }
        if (real == null) {
            ModelManifest manifest = loaded.manifest();
            ReferenceProfile reference = manifest.dataset() == null ? null : manifest.dataset().reference();
            if (reference == null) {
                out.println("mode collapse: not judged; this model file carries no profile of its training data"
                        + " (trained by an older version): give --format and --holdout");
            } else {
                print(out, "mode collapse", reference.judge(generated(generator, reference.sampleSessions()), seed));
            }
        } else {
            ModeCollapse collapse = ModeCollapse.measure(generated(generator, ModeCollapse.FEWEST_SESSIONS), real, seed);
            print(out, "mode collapse", collapse.verdict());
            collapse.asMap().forEach((k, v) -> out.printf(Locale.ROOT, "    %-28s %.3f%n", k, v));
        }
        out.flush();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(text);
        stdout.flush();
        return 0;
    }

    /** Without --holdout nothing is read, so reading options would be silently ignored. */
    private void rejectReadingOptions() {
        List<String> given = spec.mixins().get("input").options().stream()
                .map(OptionSpec::longestName)
                .filter(option -> spec.commandLine().getParseResult().hasMatchedOption(option))
                .toList();
        if (!given.isEmpty()) {
            throw new UsageException(String.join(", ", given) + ": only used with --holdout FILE");
        }
    }

    private List<UserSession> holdoutSessions(ClickstreamFormat format, ReadOptions options) {
        List<UserSession> real = input.read(format, holdout, options, spec.commandLine().getErr()).dataset()
                .sessions();
        if (real.size() < ModeCollapse.FEWEST_SESSIONS) {
            throw new InvalidInputException(holdout.toString(), 0, null, real.size() + (real.size() == 1 ? " session"
                    : " sessions") + "; the mode-collapse check needs at least " + ModeCollapse.FEWEST_SESSIONS);
        }
        return real;
    }

    /** At least --users users, and more until there are {@code sessions} sessions (the profile's sample size). */
    private List<UserSession> generated(SessionGenerator generator, int sessions) {
        List<UserSession> out = new ArrayList<>();
        Iterator<dev.sessiongan.generate.VirtualUser> it = generator
                .users(GenerationRequest.of(Long.MAX_VALUE, seed)).iterator();
        for (long u = 0; u < users || out.size() < sessions; u++) {
            out.addAll(it.next().sessions());
        }
        return out;
    }

    private static void history(PrintWriter out, TrainingHistory history) {
        TrainingHistory.Selection rematch = history.selection();
        out.printf(Locale.ROOT, "untrained validation AUC %.3f; best %.3f; kept epoch %d (%s)%n",
                history.initialValidationAuc(), history.bestValidationAuc(), history.keptEpoch(), rematch == null
                        ? "lowest selection score" : "rematch on fresh draws: " + rematch.describe(history));
        out.printf(Locale.ROOT, "  %5s %-11s %8s %8s %7s %8s %7s %10s %7s %6s %7s %8s %7s %7s %9s %7s %7s %6s %7s%n",
                "epoch", "phase", "G loss", "|grad G|", "D(x)", "D(G(z))", "D loss", "-ln D(G)", "|grad D|", "gap",
                "A(x)", "A(G(z))", "C AUC", "reward", "val. AUC", "behav.", "catalog", "score", "secs");
        for (TrainingHistory.Epoch e : history.epochs()) {
            out.printf(Locale.ROOT,
                    "  %5d %-11s %8.3f %8.3f %7s %8s %7s %10s %7s %6s %7s %8s %7s %7s %9.3f %7s %7s %6.3f %7.0f%n",
                    e.epoch(), e.phase(), e.generatorLoss(), e.generatorGradientNorm(), f(e.meanDReal()),
                    f(e.meanDFake()), f(e.discriminatorLoss()), f(e.nonSaturatingLoss()),
                    f(e.discriminatorGradientNorm()), f(e.dualityGap()), f(e.attributeDReal()), f(e.attributeDFake()),
                    f(e.criticAuc()), f(e.rewardWeight()), e.validationAuc(), f(e.validationAucBehaviour()),
                    f(e.validationAucCatalog()), e.validationScore(), e.wallSeconds());
        }
        out.println("  G loss: the warm start's negative log-likelihood per sequence; in the adversarial phase the"
                + " policy-gradient and likelihood terms' loss; |grad|: mean L2 norm of a network's gradient");
        out.println("  A(x), A(G(z)): the attribute critic's mean output on real and generated profiles");
        out.println("  C AUC: the session critic's AUC on held-out users against fresh generated sessions, before it"
                + " trained on them");
        out.println("  reward: the weight the critic's policy gradient got from that (0 = within chance, 1 = full)");
        out.println("  behav., catalog: the validation AUC on the behaviour features alone (what the network's tokens"
                + " decide) and on the catalog features alone (which items and categories: decoding)");
        out.printf(Locale.ROOT, "  at the equilibrium: D(x) = D(G(z)) = 0.5, D loss = -ln D(G) = ln 2 = %.3f, duality gap = 0%n",
                Equilibrium.LN2);
    }

    private static String f(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static void print(PrintWriter out, String what, Verdict verdict) {
        out.println(what + ": " + verdict.label());
        verdict.findings().forEach(f -> out.println("    " + f));
    }
}
