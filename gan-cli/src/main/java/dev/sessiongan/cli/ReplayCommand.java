package dev.sessiongan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.AtomicFile;
import dev.sessiongan.replay.ReplayOptions;
import dev.sessiongan.replay.ReplayReport;
import dev.sessiongan.replay.RequestTemplate;
import dev.sessiongan.replay.StorefrontReplay;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sessiongan replay}: virtual users sent to a storefront over HTTP. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays virtual users against a storefront over HTTP: each event a request, sent after the"
                + " pause the user took, with the user's own cookies. Prints the responses by status, the requests"
                + " that got none, and the latencies.")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    SessionGanCommand parent;

    @Mixin
    UserSelection selection;

    @Option(names = "--base-url", required = true, paramLabel = "URL",
            description = "The storefront, e.g. http://localhost:8080 (a path prefix such as /shop is kept).")
    String baseUrl;

    @Option(names = "--request", paramLabel = "TYPE=METHOD PATH",
            description = "The request of an event type, e.g. 'view=GET /product/{item}' or 'search=skip'; placeholders"
                    + " {item}, {category}, {price}, {user}, {session}, {step}; repeatable. Default: view=GET"
                    + " /product/{item}, add_to_cart=POST /cart/items/{item}, remove_from_cart=DELETE"
                    + " /cart/items/{item}, wishlist=POST /wishlist/items/{item}, purchase=POST /orders/{item},"
                    + " search=GET /search?category={category}.")
    List<String> requests = new ArrayList<>();

    @Option(names = "--header", paramLabel = "NAME:VALUE", description = "A header on every request; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Users replayed at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--time-scale", paramLabel = "X", defaultValue = "1",
            description = "How the users' pauses pass: 1 as taken (default), 0.1 ten times faster, 0 none.")
    double timeScale;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long a request may take before it counts as unanswered, e.g. 10s, 2m or PT0.5S"
                    + " (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "100",
            description = "Stop after N requests got no response (default ${DEFAULT-VALUE}); exit code 1 when that"
                    + " left users unsent.")
    long maxErrors;

    @Option(names = "--dry-run", description = "Print the requests, one a line, and send nothing.")
    boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path report;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        UserCounts.require(selection.users, UserCounts.MOST_STREAMED);
        ReplayOptions options = options();
        if (report != null) {
            if (dryRun) {
                throw new UsageException("--report: a dry run sends nothing, so it has no report; drop one of them");
            }
            if (report.toString().equals("-")) {
                throw new UsageException("--report -: give a file; the summary goes to standard output");
            }
            OutputChecks.refuseInputs("--report", report, Collections.singletonMap("--model-file",
                    selection.modelFile));
            OutputChecks.requireWritableFile(report, "--report");
        }
        GenerationRequest request = selection.request();
        PrintWriter out = spec.commandLine().getOut();
        try (Stream<VirtualUser> users = selection.model(spec.commandLine().getErr()).generator().users(request)) {
            if (dryRun) {
                // not picocli's writer: it goes through System.out, which hides a reader gone (| head)
                PrintWriter lines = new PrintWriter(new OutputStreamWriter(parent.stdout(), StandardCharsets.UTF_8));
                for (Iterator<VirtualUser> it = users.iterator(); it.hasNext() && !lines.checkError(); ) {
                    // checkError flushes, and says the reader has gone, so that no more users are drawn
                    StorefrontReplay.plan(it.next(), options).forEach(lines::println);
                }
                lines.flush();
                return 0;
            }
            StorefrontReplay replay = new StorefrontReplay(options);
            CountDownLatch reported = new CountDownLatch(1);
            // Ctrl-C or a CI's SIGTERM: stop sending, and let the report so far be printed and written
            Thread onExit = new Thread(() -> {
                replay.stop();
                try {
                    // a request in flight is waited for up to --timeout; the rest is writing the report
                    reported.await(options.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sessiongan-replay-stop");
            Runtime.getRuntime().addShutdownHook(onExit);
            ReplayReport result;
            try {
                result = replay.replay(users);
                result.lines().forEach(out::println);
                out.flush();
                if (report != null) {
                    writeJson(result, options, request);
                    out.println("wrote " + report);
                    out.flush();
                }
            } finally {
                reported.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onExit);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook is running, and ends now
                }
            }
            if (result.outcome() == ReplayReport.Outcome.STOPPED_AT_MAX_ERRORS) {
                throw new InvalidInputException(baseUrl + ": " + result.unanswered() + " requests got no response ("
                        + result.unansweredByCause() + "); is the storefront up? --max-errors and --timeout set how"
                        + " much to bear");
            }
        }
        return 0;
    }

    private ReplayOptions options() {
        URI base;
        try {
            base = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw new UsageException("--base-url: '" + baseUrl + "' is not a URL: " + e.getReason());
        }
        ReplayOptions options = checked("--base-url", () -> ReplayOptions.to(base));
        for (String given : requests) {
            options = with(options, "--request", o -> o.withRequest(RequestTemplate.parse(given)));
        }
        Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--header: '" + header + "' is not NAME:VALUE");
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (named.put(name, value) != null) {
                throw new UsageException("--header: " + name + " given twice");
            }
            options = with(options, "--header", o -> o.withHeader(name, value));
        }
        options = with(options, "--concurrency", o -> o.withConcurrency(concurrency));
        options = with(options, "--time-scale", o -> o.withTimeScale(timeScale));
        Duration perRequest = FormatOptions.Durations.parse(timeout, "--timeout");
        options = with(options, "--timeout", o -> o.withTimeout(perRequest));
        return with(options, "--max-errors", o -> o.withMaxErrors(maxErrors));
    }

    /** {@code options} changed by an option, the library's check said as the option's usage error. */
    private static ReplayOptions with(ReplayOptions options, String option, UnaryOperator<ReplayOptions> change) {
        return checked(option, () -> change.apply(options));
    }

    private static ReplayOptions checked(String option, Supplier<ReplayOptions> make) {
        try {
            return make.get();
        } catch (InvalidInputException e) {
            throw new UsageException(option + ": " + e.reason());
        }
    }

    private void writeJson(ReplayReport result, ReplayOptions options, GenerationRequest request) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("base_url", options.baseUrl().toString());
        json.put("model_file", selection.modelFile == null ? null : selection.modelFile.toString());
        json.put("seed", request.seed());
        json.put("users_requested", request.users());
        json.put("concurrency", options.concurrency());
        json.put("time_scale", options.timeScale());
        json.put("users", result.users());
        json.put("requests", result.requests());
        json.put("responses", result.responses());
        json.put("statuses", result.statuses());
        json.put("no_response", result.errors());
        Map<String, Object> latency = new LinkedHashMap<>();
        boolean answered = result.responses() > 0;
        latency.put("p50", answered ? result.latencyP50().toNanos() / 1e6 : null);
        latency.put("p90", answered ? result.latencyP90().toNanos() / 1e6 : null);
        latency.put("p99", answered ? result.latencyP99().toNanos() / 1e6 : null);
        latency.put("max", answered ? result.latencyMax().toNanos() / 1e6 : null);
        json.put("latency_ms", latency);
        json.put("wall_seconds", result.wall().toMillis() / 1e3);
        json.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        try (AtomicFile file = AtomicFile.create(report)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.stream(), json);
            file.commit();
        }
    }
}
