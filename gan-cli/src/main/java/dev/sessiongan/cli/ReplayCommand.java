package dev.sessiongan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.AtomicFile;
import dev.sessiongan.replay.ReplayOptions;
import dev.sessiongan.replay.ReplayReport;
import dev.sessiongan.replay.ReplayRequest;
import dev.sessiongan.replay.RequestTemplate;
import dev.sessiongan.replay.StorefrontReplay;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
            description = "How long a request may take before it counts as unanswered (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "100",
            description = "Stop after N requests got no response (default ${DEFAULT-VALUE}); exit code 1 then.")
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
                for (Iterator<VirtualUser> it = users.iterator(); it.hasNext(); ) {
                    for (ReplayRequest planned : StorefrontReplay.plan(it.next(), options)) {
                        out.println(planned);
                    }
                }
                out.flush();
                return 0;
            }
            ReplayReport result = StorefrontReplay.run(users, options);
            result.lines().forEach(out::println);
            out.flush();
            if (report != null) {
                writeJson(result, options, request);
                out.println("wrote " + report);
                out.flush();
            }
            if (result.stoppedEarly()) {
                throw new InvalidInputException(baseUrl + ": " + result.errors().values().stream()
                        .mapToLong(Long::longValue).sum() + " requests got no response (" + result.errors()
                        + "); stopped after --max-errors " + maxErrors);
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
        Map<String, String> named = new LinkedHashMap<>();
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
        latency.put("p50", result.latencyP50Ms());
        latency.put("p90", result.latencyP90Ms());
        latency.put("p99", result.latencyP99Ms());
        latency.put("max", result.latencyMaxMs());
        json.put("latency_ms", latency);
        json.put("wall_seconds", result.wall().toMillis() / 1e3);
        json.put("stopped_early", result.stoppedEarly());
        try (AtomicFile file = AtomicFile.create(report)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.stream(), json);
            file.commit();
        }
    }
}
