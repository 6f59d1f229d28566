package dev.sessiongan.cli;

import dev.sessiongan.format.ReadResult;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sessiongan convert}: real data to the canonical events CSV or any other output format. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Converts a real clickstream to SessionGAN's canonical events CSV, or to any --output-format.")
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    SessionGanCommand parent;

    @Mixin
    FormatOptions input;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "FILE", description = "The clickstream file.")
    Path file;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        output.validate(input.inputFiles("the input", file));
        ReadResult result = input.read(file, spec.commandLine().getErr());
        long users = output.writeAll(result.dataset().users().stream().map(VirtualUser::of).iterator(), parent.stdout(),
                GenerationProgress.start(GenerationProgress.Mode.NONE, 0, false, null));
        if (!output.toStdout()) {
            spec.commandLine().getOut().printf("wrote %,d users, %,d sessions, %,d events to %s%n", users,
                    result.dataset().summary().sessions(), result.dataset().summary().events(), output.written());
        }
        return 0;
    }
}
