package dev.sessiongan.cli;

import dev.sessiongan.data.DatasetSummary;
import dev.sessiongan.data.Distribution;
import dev.sessiongan.data.EventType;
import dev.sessiongan.format.ReadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sessiongan inspect}: what is in a clickstream file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Summarises a clickstream: events, users, sessions, items, categories, event types,"
                + " session-length quantiles and date range.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FormatOptions input;

    @Parameters(index = "0", paramLabel = "FILE", description = "The clickstream file.")
    Path file;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        ReadResult result = input.read(file, spec.commandLine().getErr());
        print(result.dataset().summary(), spec.commandLine().getOut());
        return 0;
    }

    static void print(DatasetSummary s, PrintWriter out) {
        out.printf("events      %,d%n", s.events());
        out.printf("users       %,d%n", s.users());
        out.printf("sessions    %,d%n", s.sessions());
        out.printf("items       %,d%n", s.items());
        out.printf("categories  %,d%n", s.categories());
        out.println("event types");
        for (EventType type : EventType.values()) {
            long n = s.count(type);
            if (n > 0) {
                out.printf("  %-17s %,d (%.2f %%)%n", type.canonicalName(), n, 100.0 * n / s.events());
            }
        }
        out.println("session length  " + quantiles(s.sessionLength()));
        out.println("sessions/user   " + quantiles(s.sessionsPerUser()));
        out.println("date range  " + s.firstEvent() + " .. " + s.lastEvent());
        out.flush();
    }

    private static String quantiles(Distribution d) {
        return String.format(Locale.ROOT, "min %s / median %s / p90 %s / p99 %s / max %s (mean %.2f)",
                num(d.min()), num(d.median()), num(d.p90()), num(d.p99()), num(d.max()), d.mean());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
