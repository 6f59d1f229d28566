package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.Version;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code sessiongan} command: a thin front over the library. */
@Command(name = "sessiongan",
        mixinStandardHelpOptions = true,
        versionProvider = SessionGanCommand.VersionProvider.class,
        description = "Learns shopper behaviour from e-commerce clickstreams and generates realistic virtual users.",
        subcommands = {InspectCommand.class, ConvertCommand.class, TrainCommand.class, GenerateCommand.class,
                EvaluateCommand.class, DiagnoseCommand.class, ModelsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure (one-line error on stderr), 2 usage error."})
public final class SessionGanCommand {

    private final OutputStream stdout;

    private SessionGanCommand(OutputStream stdout) {
        this.stdout = stdout;
    }

    /** Runs the CLI and exits with its exit code. */
    public static void main(String[] args) {
        // Not System.out: a PrintStream swallows write errors, so "generate --out - | head" would never stop.
        OutputStream stdout = new BufferedOutputStream(
                new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.exit(commandLine(stdout).execute(args));
    }

    /**
     * A configured command line, for tests and for {@link #main}.
     *
     * @param stdout where data written to {@code --out -} goes
     */
    public static CommandLine commandLine(OutputStream stdout) {
        CommandLine cli = new CommandLine(new SessionGanCommand(stdout));
        cli.setExecutionExceptionHandler(SessionGanCommand::handle);
        return cli;
    }

    /** The byte stream behind {@code --out -}. */
    OutputStream stdout() {
        return stdout;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        boolean verbose = parseResult.subcommand() != null
                && parseResult.subcommand().hasMatchedOption("--verbose");
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof InvalidInputException || cause instanceof IOException) {
            err.println("error: " + cause.getMessage());
        } else {
            err.println("error: unexpected " + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + (verbose ? "" : " (run with --verbose for details)"));
        }
        if (verbose) {
            cause.printStackTrace(err);
        }
        err.flush();
        return cause instanceof UsageException ? CommandLine.ExitCode.USAGE : 1;
    }

    /** Reports the library and Deeplearning4j versions. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"sessiongan " + Version.library() + " (Deeplearning4j " + Version.dl4j()
                    + ", Java " + System.getProperty("java.version") + ")"};
        }
    }
}
