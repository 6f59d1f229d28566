package dev.sessiongan.cli;

import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.ModelFile;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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

    @Spec
    CommandSpec spec;

    @ParentCommand
    SessionGanCommand parent;

    @Mixin
    UserSelection selection;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Generate ahead on N threads, at most one per processor (default ${DEFAULT-VALUE}); the same"
                    + " users, in the same order. Holds N blocks of users in memory (a GAN model's pass: 3,584 users on"
                    + " the embedded model), 131,072 users at most: fewer threads where blocks are larger.")
    int threads;

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
        UserCounts.require(selection.users, UserCounts.MOST_STREAMED);
        if (threads < 1 || threads > SessionGenerator.MOST_THREADS) {
            throw new UsageException("--threads must be between 1 and " + SessionGenerator.MOST_THREADS + ", got "
                    + threads);
        }
        output.validate(Collections.singletonMap("--model-file", selection.modelFile));
        GenerationProgress.Mode progressMode = progressMode();
        GenerationRequest request = selection.request();
        ModelFile.Loaded model = selection.model(spec.commandLine().getErr());
        SessionGenerator generator = model.generator();
        long written;
        try (Stream<VirtualUser> generated = generator.users(request, threads)) {
            written = output.writeAll(generated.iterator(), parent.stdout(), GenerationProgress.start(progressMode,
                    selection.users, System.console() != null, spec.commandLine().getErr()));
        }
        if (!output.toStdout()) {
            spec.commandLine().getOut().printf("wrote %,d users to %s%n", written, output.written());
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
}
