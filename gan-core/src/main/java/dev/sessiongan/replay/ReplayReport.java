package dev.sessiongan.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a replay did: the users and requests sent, the responses by status code, the requests that got no
 * response by cause, the latencies of the responses, and how it ended.
 *
 * @param users      users replayed (all of their requests sent)
 * @param requests   requests sent
 * @param statuses   responses by HTTP status code
 * @param errors     requests with no response, by cause (e.g. {@code connection refused}, {@code timeout})
 * @param latencyP50 median latency of the responses ({@link Duration#ZERO} with no response)
 * @param latencyP90 90th percentile
 * @param latencyP99 99th percentile
 * @param latencyMax the slowest response
 * @param wall       the replay's wall time
 * @param outcome    whether every user was replayed, or why not
 */
public record ReplayReport(long users, long requests, SortedMap<Integer, Long> statuses,
        SortedMap<String, Long> errors, Duration latencyP50, Duration latencyP90, Duration latencyP99,
        Duration latencyMax, Duration wall, Outcome outcome) {

    /** How a replay ended. */
    public enum Outcome {
        /** Every user was replayed. */
        COMPLETE,
        /** Stopped once {@link ReplayOptions#maxErrors()} requests got no response, users left. */
        STOPPED_AT_MAX_ERRORS,
        /** Stopped from outside ({@link StorefrontReplay#stop()}), users left. */
        STOPPED
    }

    public ReplayReport {
        statuses = Collections.unmodifiableSortedMap(new TreeMap<>(statuses));
        errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Requests that got a response, whatever its status. */
    public long responses() {
        return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests that got no response. */
    public long unanswered() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The requests that got no response, by cause, e.g. {@code connection refused: 3, timeout: 1}. */
    public String unansweredByCause() {
        List<String> causes = new ArrayList<>();
        errors.forEach((cause, count) -> causes.add(String.format(Locale.ROOT, "%s: %,d", cause, count)));
        return String.join(", ", causes);
    }

    /** Responses with a status of 500 or more. */
    public long serverErrors() {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue()).sum();
    }

    /** The report as lines for a terminal. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        double seconds = Math.max(1e-9, wall.toNanos() / 1e9);
        String ending = switch (outcome) {
            case COMPLETE -> "";
            case STOPPED_AT_MAX_ERRORS -> ", stopped: " + unanswered() + " requests got no response";
            case STOPPED -> ", stopped before the end";
        };
        lines.add(String.format(Locale.ROOT, "replayed %,d users, %,d requests in %.1f s (%,.1f requests/s)%s",
                users, requests, seconds, requests / seconds, ending));
        List<String> codes = new ArrayList<>();
        statuses.forEach((code, count) -> codes.add(String.format(Locale.ROOT, "%d: %,d", code, count)));
        lines.add("responses  " + (codes.isEmpty() ? "none" : String.join(", ", codes)));
        if (!errors.isEmpty()) {
            lines.add("no response  " + unansweredByCause());
        }
        lines.add(responses() == 0 ? "latency ms  none (no responses)" : String.format(Locale.ROOT,
                "latency ms  p50 %.1f, p90 %.1f, p99 %.1f, max %.1f", millis(latencyP50), millis(latencyP90),
                millis(latencyP99), millis(latencyMax)));
        return lines;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
