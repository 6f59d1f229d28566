package dev.sessiongan.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a replay did: the users and requests sent, the responses by status code, the requests that got no
 * response by cause, the latencies of the responses, and whether it stopped early.
 *
 * @param users        users replayed (all of their requests sent)
 * @param requests     requests sent
 * @param statuses     responses by HTTP status code
 * @param errors       requests with no response, by cause (e.g. {@code connection refused}, {@code timeout})
 * @param latencyP50Ms median latency of the responses, ms
 * @param latencyP90Ms 90th percentile, ms
 * @param latencyP99Ms 99th percentile, ms
 * @param latencyMaxMs the slowest response, ms
 * @param wall         the replay's wall time
 * @param stoppedEarly whether it stopped at the maximum of transport errors before every user was replayed
 */
public record ReplayReport(long users, long requests, SortedMap<Integer, Long> statuses,
        SortedMap<String, Long> errors, double latencyP50Ms, double latencyP90Ms, double latencyP99Ms,
        double latencyMaxMs, Duration wall, boolean stoppedEarly) {

    public ReplayReport {
        statuses = Collections.unmodifiableSortedMap(new TreeMap<>(statuses));
        errors = Collections.unmodifiableSortedMap(new TreeMap<>(errors));
    }

    /** Requests that got a response, whatever its status. */
    public long responses() {
        return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Responses with a status of 500 or more. */
    public long serverErrors() {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(e -> e.getValue()).sum();
    }

    /** The report as lines for a terminal. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        double seconds = Math.max(1e-9, wall.toNanos() / 1e9);
        lines.add(String.format(Locale.ROOT, "replayed %,d users, %,d requests in %.1f s (%,.1f requests/s)%s",
                users, requests, seconds, requests / seconds, stoppedEarly ? ", stopped early" : ""));
        List<String> codes = new ArrayList<>();
        statuses.forEach((code, count) -> codes.add(String.format(Locale.ROOT, "%d: %,d", code, count)));
        lines.add("responses  " + (codes.isEmpty() ? "none" : String.join(", ", codes)));
        if (!errors.isEmpty()) {
            List<String> causes = new ArrayList<>();
            errors.forEach((cause, count) -> causes.add(String.format(Locale.ROOT, "%s: %,d", cause, count)));
            lines.add("no response  " + String.join(", ", causes));
        }
        lines.add(responses() == 0 ? "latency ms  none (no responses)" : String.format(Locale.ROOT,
                "latency ms  p50 %.1f, p90 %.1f, p99 %.1f, max %.1f", latencyP50Ms, latencyP90Ms, latencyP99Ms,
                latencyMaxMs));
        return lines;
    }
}
