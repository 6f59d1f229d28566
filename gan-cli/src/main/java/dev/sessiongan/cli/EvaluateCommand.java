package dev.sessiongan.cli;

import dev.sessiongan.baseline.MarkovGenerator;
import dev.sessiongan.baseline.MarkovTrainer;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.ClassifierTwoSampleTest;
import dev.sessiongan.diagnostics.Evaluation;
import dev.sessiongan.diagnostics.EvaluationReport;
import dev.sessiongan.diagnostics.Fidelity;
import dev.sessiongan.format.ClickstreamFormat;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import dev.sessiongan.model.GanGenerator;
import dev.sessiongan.model.TrainingHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sessiongan evaluate}: how well synthetic sessions pass for unseen real ones, whether they repeat
 * themselves or copy training users, beside the Markov baseline and real-vs-real; prints the tables and
 * writes {@code report.json} with {@code --out}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model (or a synthetic events CSV) against held-out real users: classifier"
                + " two-sample test (on all features, and on behaviour and catalog features apart), fidelity, mode"
                + " collapse, privacy and train-on-synthetic/test-on-real, beside the Markov baseline and"
                + " real-vs-real when --train is given.")
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

    @Option(names = "--baseline", description = "Evaluate the Markov baseline fitted on --train (its report beside"
            + " real-vs-real), instead of a model.")
    boolean baseline;

    @Option(names = "--holdout", required = true, paramLabel = "FILE", description = "Real users not trained on.")
    Path holdout;

    @Option(names = "--train", paramLabel = "FILE",
            description = "The training data: adds privacy figures, the Markov baseline fitted on it and real-vs-real.")
    Path train;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write report.json and a self-contained report.html (charts) into this directory.")
    Path out;

    @Option(names = "--users", defaultValue = "5000", paramLabel = "N", description = "Users to generate (default 5000).")
    long users;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed for generation and the tests.")
    long seed;

    @Option(names = "--repeats", defaultValue = "1", paramLabel = "R",
            description = "Average the classifier AUC and the fidelity distances over R generated samples (seeds"
                    + " SEED..SEED+R-1) and report the AUC's spread; the other figures come from the first (default 1).")
    int repeats;

    @Option(names = "--new-items",
            description = "Generate the model's users with items new to the catalog once a category's real long tail"
                    + " is dealt out (as 'generate --new-items'); the baseline's users never have them.")
    boolean newItems;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (synthetic != null) {
            rejectWithSynthetic();
        }
        // the two-sample test's folds need that many sessions a sample, and a user has one or more
        UserCounts.require(users, ClassifierTwoSampleTest.FOLDS, UserCounts.MOST_HELD);
        if (repeats < 1 || repeats > 50) {
            throw new UsageException("--repeats must be in [1, 50], got " + repeats);
        }
        if (newItems && (baseline || synthetic != null)) {
            throw new UsageException("--new-items is how a model generates its users; it goes with a model, not"
                    + " with --baseline or --synthetic");
        }
        if (baseline && (train == null || synthetic != null || modelFile != null)) {
            throw new UsageException("--baseline needs --train and excludes --model-file and --synthetic");
        }
        ReportFolder.check(out, "--out");
        if (out != null) {
            Map<String, Path> inputFiles = input.inputFiles("--holdout", holdout);
            inputFiles.put("--train", train);
            inputFiles.put("--synthetic", synthetic);
            inputFiles.put("--model-file", modelFile);
            for (String file : new String[] {ReportFolder.JSON, ReportFolder.HTML}) {
                OutputChecks.refuseInputs("--out " + out + ":", out.resolve(file), inputFiles);
            }
        }
        ClickstreamFormat format = input.resolve();
        ReadOptions options = input.readOptions();
        PrintWriter err = spec.commandLine().getErr();
        ModelFile.Loaded loaded = baseline || synthetic != null ? null
                : modelFile == null ? EmbeddedModels.defaultModel() : ModelFile.load(modelFile);
        if (loaded != null) {
            input.warnIfTrainedOnOther(loaded.manifest(), "holdout", err);
        }
        // every file's size is checked before the generating, which takes minutes
        List<UserSession> real = SampleSizes.sessions(input.read(format, holdout, options, err).dataset().sessions(),
                holdout, "held-out", train != null);
        SessionDataset training = train == null ? null : input.read(format, train, options, err).dataset();
        // the synthetic file is events-csv whatever --format says, read with the same options and report
        List<UserSession> syntheticSessions = synthetic == null ? null : SampleSizes.sessions(
                input.read(ClickstreamFormats.eventsCsv(), synthetic, options, err).dataset().sessions(),
                synthetic, "synthetic", train != null);
        MarkovGenerator markov = null;
        List<UserSession> markovSample = null;
        if (training != null) {
            SampleSizes.sessions(training.sessions(), train, "training", true);
            markov = MarkovTrainer.fit(training);
            markovSample = SampleSizes.generated(sessions(markov, seed, false), users, "the Markov baseline's", true);
        }
        List<UserSession> candidate;
        String name;
        SessionGenerator generator = null;
        TrainingHistory history = null;
        if (baseline) {
            candidate = null;
            name = "markov baseline";
        } else if (synthetic != null) {
            candidate = syntheticSessions;
            name = synthetic.getFileName().toString();
        } else {
            generator = loaded.generator();
            candidate = SampleSizes.generated(sessions(generator, seed, newItems), users, "the model's", train != null);
            name = modelFile == null ? "embedded model" : modelFile.getFileName().toString();
            if (generator instanceof GanGenerator gan) {
                history = gan.history();
            }
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("candidate", name);
        inputs.put("model_file", modelFile == null ? null : modelFile.toString());
        inputs.put("holdout", holdout.toString());
        inputs.put("train", train == null ? null : train.toString());
        inputs.put("format", input.format);
        inputs.put("users", synthetic == null ? users : null);
        inputs.put("seed", seed);
        inputs.put("repeats", repeats);
        inputs.put("new_items", newItems);
        List<Evaluation> columns = new ArrayList<>();
        if (!baseline) {
            Evaluation model = Evaluation.of(name, candidate, real, training == null ? null : training.sessions(), seed);
            SessionGenerator drawn = generator;
            columns.add(drawn == null ? model : repeated(model, r -> sessions(drawn, seed + r, newItems), real));
        }
        if (training != null) {
            MarkovGenerator fitted = markov;
            Evaluation first = Evaluation.of("markov baseline", markovSample, real, training.sessions(), seed);
            columns.add(repeated(first, r -> sessions(fitted, seed + r, false), real));
            // real vs real: as many training sessions as the candidates have (divergences shrink with sample
            // size, and Taobao's holdout outnumbers 5,000 users' sessions), other users each draw
            int size = (candidate != null ? candidate : markovSample).size();
            columns.add(repeated(Evaluation.of("real vs real", realSample(training, size, seed), real, null, seed),
                    r -> realSample(training, size, seed + r), real));
        }
        EvaluationReport report = EvaluationReport.of(inputs, columns, history);
        PrintWriter printer = spec.commandLine().getOut();
        new ReportTables(printer).print(report, holdout.getFileName().toString());
        if (out != null) {
            ReportFolder.write(out, report::writeJson, o -> HtmlReport.write(report, o));
            printer.println("wrote " + out.resolve(ReportFolder.JSON) + " and " + out.resolve(ReportFolder.HTML));
        }
        printer.flush();
        return 0;
    }

    /** Options that size or pick the generated sample mean nothing for a file evaluated as it is. */
    private void rejectWithSynthetic() {
        List<String> unused = new ArrayList<>();
        if (modelFile != null) {
            unused.add("--model-file");
        }
        if (train == null) {
            // with --train they still size the baseline's samples and draws
            for (String option : new String[] {"--users", "--repeats"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    unused.add(option);
                }
            }
        }
        if (!unused.isEmpty()) {
            throw new UsageException(String.join(", ", unused) + ": not used with --synthetic (it evaluates the file"
                    + " as it is" + (unused.size() > 1 || modelFile == null ? "; --users and --repeats size the"
                    + " baseline's samples, with --train" : "") + ")");
        }
    }

    /**
     * Training users drawn with {@code drawSeed} until their sessions reach {@code sessions} (all of them when
     * there are no more): whole users, so that sessions per user stay the data's.
     */
    static List<UserSession> realSample(SessionDataset training, int sessions, long drawSeed) {
        if (training.sessions().size() <= sessions) {
            return training.sessions();
        }
        List<UserHistory> users = new ArrayList<>(training.users());
        SplittableRandom random = new SplittableRandom(drawSeed);
        List<UserSession> sample = new ArrayList<>();
        for (int i = 0; i < users.size() && sample.size() < sessions; i++) {
            Collections.swap(users, i, i + random.nextInt(users.size() - i));
            sample.addAll(users.get(i).sessions());
        }
        return sample;
    }

    private List<UserSession> sessions(SessionGenerator generator, long drawSeed, boolean withNewItems) {
        return generator.users(GenerationRequest.of(users, drawSeed).withNewItems(withNewItems))
                .flatMap(u -> u.sessions().stream()).toList();
    }

    /**
     * The evaluation with its AUC and fidelity averaged over {@code repeats} draws; draw {@code r} (from 1;
     * draw 0 is {@code first}) compares {@code drawOf.apply(r)} with a classifier seeded {@code seed + r} and
     * with the rank shape's equal-size cuts seeded from {@code r} ({@link Fidelity#of}).
     */
    private Evaluation repeated(Evaluation first, IntFunction<List<UserSession>> drawOf,
            List<UserSession> real) {
        List<ClassifierTwoSampleTest.Result> draws = new ArrayList<>(first.classifierDraws());
        List<Fidelity> fidelities = new ArrayList<>(List.of(first.fidelity()));
        for (int r = 1; r < repeats; r++) {
            List<UserSession> sample = drawOf.apply(r);
            draws.add(new ClassifierTwoSampleTest().runByGroup(sample, real, seed + r));
            fidelities.add(Fidelity.of(sample, real, r));
        }
        return first.withDraws(draws, fidelities);
    }
}
