package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.Version;
import dev.sessiongan.internal.NamedOutputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code sessiongan} command: a thin front over the library. */
@Command(name = "sessiongan",
        mixinStandardHelpOptions = true,
        versionProvider = SessionGanCommand.VersionProvider.class,
        description = "Learns shopper behaviour from e-commerce clickstreams and generates realistic virtual users.",
        subcommands = {InspectCommand.class, ConvertCommand.class, TrainCommand.class, GenerateCommand.class,
                EvaluateCommand.class, DiagnoseCommand.class, ReplayCommand.class, ModelsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failure (one-line error on stderr), 2 usage error."})
public final class SessionGanCommand {

    private static final Pattern NOT_A_TYPE = Pattern.compile(
            "Invalid value for (?:option|positional parameter) '?(.+?)'?: '(.*)' is not an? (\\w+)");

    private final OutputStream stdout;

    private SessionGanCommand(OutputStream stdout) {
        this.stdout = stdout;
    }

    /** Runs the CLI and exits with its exit code. */
    public static void main(String[] args) {
        // Not System.out: a PrintStream swallows write errors, so "generate --out - | head" would never stop.
        OutputStream stdout = new BufferedOutputStream(
                new NamedOutputStream(new FileOutputStream(FileDescriptor.out), "standard output"), 1 << 16);
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
        cli.setParameterExceptionHandler(SessionGanCommand::usageError);
        withVersion(cli);
        return cli;
    }

    /** Every command answers {@code --version} (picocli gives a subcommand none of its own). */
    private static void withVersion(CommandLine cli) {
        cli.getCommandSpec().versionProvider(new VersionProvider());
        cli.getSubcommands().values().forEach(SessionGanCommand::withVersion);
    }

    /**
     * picocli's parse errors as one line and a pointer to the help, rather than the whole usage (up to 133
     * lines) after a message that names Java types.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + inOurWords(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("see '" + cli.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** picocli's "not a long" and "not an int" as a user says them. */
    private static String inOurWords(String message) {
        Matcher m = NOT_A_TYPE.matcher(message);
        if (m.matches()) {
            String type = m.group(3);
            boolean whole = type.equals("long") || type.equals("int");
            // digits alone that picocli refused: too many of them
            String range = !m.group(2).matches("-?\\d+") ? "" : type.equals("long")
                    ? " within ±9,223,372,036,854,775,807" : type.equals("int") ? " within ±2,147,483,647" : "";
            String kind = whole ? "a whole number" + range
                    : type.equals("double") || type.equals("float") ? "a number" : "a " + type;
            return m.group(1) + ": '" + m.group(2) + "' is not " + kind;
        }
        return message;
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
        if (cause instanceof InvalidInputException) {
            err.println("error: " + cause.getMessage());
        } else if (cause instanceof IOException io) {
            err.println("error: " + describe(io));
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

    /**
     * An I/O error's message; the JDK's file errors often carry only the file ({@code /proc/rep}), their kind being
     * in the class name ({@code AccessDeniedException}).
     */
    static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() == null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + kind(e);
        }
        return e.getMessage();
    }

    /** What went wrong with a file, without the file's name: {@code access denied}, {@code not a folder}. */
    static String kind(IOException e) {
        if (!(e instanceof FileSystemException f)) {
            return e.getMessage();
        }
        if (f.getReason() != null) {
            return f.getReason();
        }
        return e instanceof AccessDeniedException ? "access denied"
                : e instanceof NoSuchFileException ? "no such file or folder"
                : e instanceof NotDirectoryException ? "not a folder"
                : e instanceof FileAlreadyExistsException ? "it already exists"
                : e instanceof DirectoryNotEmptyException ? "the folder is not empty"
                : "the file system refused (" + e.getClass().getSimpleName() + ")";
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
