package dev.sessiongan.cli;

import dev.sessiongan.baseline.MarkovGenerator;
import dev.sessiongan.baseline.MarkovTrainer;
import dev.sessiongan.data.DatasetSummary;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.format.ReadResult;
import dev.sessiongan.io.ModelFile;
import dev.sessiongan.io.ModelManifest;
import dev.sessiongan.model.GanGenerator;
import dev.sessiongan.model.GanOptions;
import dev.sessiongan.model.Checkpoints;
import dev.sessiongan.model.GanTrainer;
import dev.sessiongan.model.TrainingHistory;
import dev.sessiongan.model.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code sessiongan train}: fits a model to a clickstream and saves it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a generator on a clickstream and saves it as one model file.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOptions input;

    @Option(names = "--model", defaultValue = "markov", paramLabel = "KIND",
            description = "Model kind: markov (the baseline; default) or gan.")
    String model;

    @Mixin
    GanTrainingOptions gan;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "gan: save a checkpoint to FILE (replaced atomically) every --checkpoint-every epochs.")
    Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "1",
            description = "gan: epochs between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "gan: continue the run saved in CHECKPOINT, on the same --data and read options, exactly"
                    + " where it stopped (its options are taken from the checkpoint).")
    Path resume;

    @Option(names = "--guide", paramLabel = "MODEL",
            description = "gan: train only the critic that generation uses (--guidance-passes, default "
                    + DEFAULT_GUIDANCE_PASSES + ") for the GAN model MODEL, trained on the same --data and read"
                    + " options, and write the model with it to --out.")
    Path guide;

    /** The critic's passes when {@code --guide} is given without {@code --guidance-passes}. */
    static final int DEFAULT_GUIDANCE_PASSES = 8;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The training clickstream.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "The model file to write.")
    Path out;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    /** The GAN-only options on the command line, in the order given. */
    private List<String> ganOptionsGiven() {
        Set<String> ganOnly = new HashSet<>(List.of("--checkpoint", "--checkpoint-every", "--resume"));
        spec.mixins().get("gan").options().forEach(o -> ganOnly.add(o.longestName()));
        return spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName)
                .filter(ganOnly::contains).distinct().toList();
    }

    @Override
    public Integer call() throws IOException {
        boolean isGan = GanGenerator.KIND.equals(model);
        if (!isGan && !MarkovGenerator.KIND.equals(model)) {
            throw new UsageException("--model: unknown model kind '" + model + "'; available: markov, gan");
        }
        boolean everyGiven = spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every");
        if (!isGan && (gan.any() || checkpoint != null || everyGiven || resume != null)) {
            throw new UsageException(String.join(", ", ganOptionsGiven()) + ": GAN options only apply to --model gan");
        }
        if (guide != null && (!isGan || resume != null || checkpoint != null || gan.anyButGuidance())) {
            throw new UsageException("--guide trains only a critic for the given model: use it with --model gan, and"
                    + " without --resume, --checkpoint or GAN options other than --guidance-passes");
        }
        if (guide != null && gan.guidancePasses != null && gan.guidancePasses == 0) {
            throw new UsageException("--guidance-passes: --guide trains a critic, so it needs at least 1 pass, got 0");
        }
        if (resume != null && gan.any()) {
            throw new UsageException("--resume takes the run's options from the checkpoint; drop the GAN options");
        }
        if (everyGiven && checkpoint == null) {
            throw new UsageException("--checkpoint-every: give --checkpoint FILE too (where to save them)");
        }
        if (checkpointEvery < 1) {
            throw new UsageException("--checkpoint-every: must be at least 1 epoch, got " + checkpointEvery);
        }
        if (out.toString().equals("-")) {
            throw new UsageException("--out -: a model is a zip file and cannot go to standard output; give a path");
        }
        if (checkpoint != null && checkpoint.toString().equals("-")) {
            throw new UsageException("--checkpoint -: a checkpoint is a zip file and cannot go to standard output;"
                    + " give a path");
        }
        Map<String, Path> inputs = input.inputFiles("--data", data);
        // the checkpoint resumed from may be saved over as the run goes on: it is read whole before the first save
        OutputChecks.refuseInputs("--checkpoint", checkpoint, inputs);
        inputs.put("--resume", resume);
        inputs.put("--guide", guide);
        OutputChecks.refuseInputs("--out", out, inputs);
        OutputChecks.refuseSameFile("--checkpoint", checkpoint, "--out", out);
        TrainingCheckpoint resumed = resume == null ? null : TrainingCheckpoint.load(resume);
        ModelFile.Loaded guided = guide == null ? null : ModelFile.load(guide);
        if (guided != null && !(guided.generator() instanceof GanGenerator)) {
            throw new UsageException("--guide: " + guide + " is a " + guided.manifest().kind()
                    + " model; a critic guides GAN models only");
        }
        GanOptions options = !isGan ? null : resumed != null ? resumed.options() : gan.toOptions();
        Checkpoints checkpoints = checkpoint == null ? null : new Checkpoints(checkpoint, checkpointEvery);
        if (checkpoint != null) {
            OutputChecks.requireWritableFile(checkpoint, "--checkpoint");
        }
        OutputChecks.requireWritableFile(out, "--out");
        if (guided != null && Files.isRegularFile(data)) { // before reading: a wrong file fails at once
            requireSameData(guided.manifest(), data.getFileName().toString(),
                    ModelManifest.DatasetProvenance.sha256(data));
        }
        ReadOptions readOptions = input.readOptions();
        ReadResult result = input.read(input.resolve(), data, readOptions, spec.commandLine().getErr());
        DatasetSummary summary = result.dataset().summary();
        ModelManifest.DatasetProvenance provenance = ModelManifest.DatasetProvenance.of(data, input.format,
                result.dataset());
        Map<String, String> config = new TreeMap<>();
        config.put("sessionGap", readOptions.sessionGap().toString());
        if (isGan) {
            config.put("options", options.toString());
            TrainingProgress progress = new TrainingProgress(spec.commandLine().getErr(), options.mleEpochs(),
                    options.adversarialEpochs(), resumed != null ? resumed.history().epochs() : List.of());
            GanGenerator generator;
            if (guided != null) {
                generator = GanTrainer.guide(result.dataset(), (GanGenerator) guided.generator(),
                        options.guidancePasses() > 0 ? options.guidancePasses() : DEFAULT_GUIDANCE_PASSES, progress);
                options = generator.options();
                config.put("options", options.toString());
            } else {
                generator = resumed != null ? GanTrainer.resume(result.dataset(), resumed, progress, checkpoints)
                        : GanTrainer.train(result.dataset(), options, progress, checkpoints);
            }
            ModelFile.save(out, generator, ModelManifest.now(GanGenerator.KIND, options.seed(), provenance, config));
            if (guided == null) { // a critic trained afterwards leaves the training's own story as it was
                generator.history().earlyStops(options)
                        .ifPresent(stops -> spec.commandLine().getErr().println("early stopping: " + stops));
                TrainingHistory.Selection rematch = generator.history().selection();
                if (rematch != null) {
                    spec.commandLine().getErr().println("rematch on fresh validation draws: "
                            + rematch.describe(generator.history()));
                }
                spec.commandLine().getErr().printf("kept epoch %d; equilibrium: %s%n",
                        generator.history().keptEpoch(),
                        dev.sessiongan.diagnostics.Equilibrium.judge(generator.history()));
            }
        } else {
            MarkovGenerator generator = MarkovTrainer.fit(result.dataset());
            ModelFile.save(out, generator, ModelManifest.now(MarkovGenerator.KIND, 0, provenance, config));
        }
        spec.commandLine().getOut().printf("trained %s on %,d events (%,d sessions, %,d users); wrote %s%n",
                guide != null ? "a critic for the gan" : model, summary.events(), summary.sessions(), summary.users(),
                out);
        return 0;
    }

    /** Refuses to guide a model with data other than the file it was trained on. */
    private void requireSameData(ModelManifest manifest, String file, String sha256) {
        ModelManifest.DatasetProvenance trained = manifest.dataset();
        if (trained == null || !trained.sha256().equals(sha256)) {
            throw new UsageException("--guide: " + guide + " was trained on " + (trained == null ? "unrecorded data"
                    : trained.file() + " (SHA-256 " + trained.sha256() + ")") + ", not on " + file
                    + " (SHA-256 " + sha256 + "); give the file it was trained on");
        }
    }
}
