package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.baseline.MarkovTrainer;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.ClassifierTwoSampleTest;
import dev.sessiongan.diagnostics.Fidelity;
import dev.sessiongan.format.ClickstreamFormat;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sessiongan evaluate}: how well synthetic sessions pass for unseen real ones. For now the
 * classifier two-sample test, beside the Markov baseline and real-vs-real; the full report is issue #4.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Classifier two-sample test of synthetic sessions against held-out real ones (AUC 0.5 ="
                + " indistinguishable), beside the Markov baseline and real-vs-real when --train is given.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOptions input;

    @Option(names = "--model-file", paramLabel = "MODEL",
            description = "The model to evaluate (default: the embedded model), unless --synthetic is given.")
    Path modelFile;

    @Option(names = "--synthetic", paramLabel = "FILE", description = "Evaluate this canonical events CSV instead.")
    Path synthetic;

    @Option(names = "--holdout", required = true, paramLabel = "FILE", description = "Real users not trained on.")
    Path holdout;

    @Option(names = "--train", paramLabel = "FILE",
            description = "The training data: adds the Markov baseline fitted on it and real-vs-real columns.")
    Path train;

    @Option(names = "--users", defaultValue = "5000", paramLabel = "N", description = "Users to generate (default 5000).")
    long users;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed for generation and the test.")
    long seed;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if (users < 1) {
            throw new InvalidInputException("--users must be >= 1, got " + users);
        }
        ClickstreamFormat format = input.resolve();
        ReadOptions options = input.readOptions();
        List<UserSession> real = format.read(holdout, options).dataset().sessions();
        List<UserSession> candidate;
        String name;
        if (synthetic != null) {
            candidate = ClickstreamFormats.eventsCsv().read(synthetic, ReadOptions.DEFAULT).dataset().sessions();
            name = synthetic.getFileName().toString();
        } else {
            SessionGenerator generator = (modelFile == null ? EmbeddedModels.defaultModel() : ModelFile.load(modelFile))
                    .generator();
            candidate = sessions(generator);
            name = modelFile == null ? "embedded model" : modelFile.getFileName().toString();
        }
        ClassifierTwoSampleTest test = new ClassifierTwoSampleTest();
        PrintWriter out = spec.commandLine().getOut();
        out.println("classifier two-sample AUC against " + holdout.getFileName() + " (0.5 = indistinguishable)");
        print(out, name, test.run(candidate, real, seed));
        List<String> columns = new java.util.ArrayList<>(List.of(name));
        List<Fidelity> fidelity = new java.util.ArrayList<>(List.of(Fidelity.compare(candidate, real)));
        if (train != null) {
            SessionDataset training = format.read(train, options).dataset();
            List<UserSession> markov = sessions(MarkovTrainer.fit(training));
            print(out, "markov baseline", test.run(markov, real, seed));
            print(out, "real vs real", test.run(training.sessions(), real, seed));
            columns.add("markov baseline");
            fidelity.add(Fidelity.compare(markov, real));
            columns.add("real vs real");
            fidelity.add(Fidelity.compare(training.sessions(), real));
        }
        out.println("distance to " + holdout.getFileName() + " (0 = identical)");
        out.printf(Locale.ROOT, "  %-22s", "metric");
        columns.forEach(c -> out.printf(Locale.ROOT, " %16s", c.length() > 16 ? c.substring(0, 16) : c));
        out.println();
        for (String metric : fidelity.get(0).asMap().keySet()) {
            out.printf(Locale.ROOT, "  %-22s", metric);
            fidelity.forEach(f -> out.printf(Locale.ROOT, " %16.3f", f.asMap().get(metric)));
            out.println();
        }
        out.flush();
        return 0;
    }

    private List<UserSession> sessions(SessionGenerator generator) {
        return generator.users(GenerationRequest.of(users, seed)).flatMap(u -> u.sessions().stream()).toList();
    }

    private static void print(PrintWriter out, String name, ClassifierTwoSampleTest.Result result) {
        out.printf(Locale.ROOT, "  %-24s %.3f  (%,d sessions each, %d folds)%n", name, result.auc(), result.sizeEach(),
                result.folds());
    }
}
