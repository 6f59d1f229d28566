package dev.sessiongan.replay;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays virtual users against a storefront over HTTP. Each user's events become requests
 * ({@link #plan}), sent in order after the pauses the user took (scaled by the time scale), with the user's
 * own cookies kept between its requests and headers {@code X-SessionGAN-User} and {@code X-SessionGAN-Session}
 * naming the user and session in the storefront's logs. {@code concurrency} users are replayed at once; a
 * user's sessions follow each other without the days between them. Redirects are not followed: a 3xx is
 * counted as what the storefront answered.
 * <pre>{@code
 * ReplayReport report = StorefrontReplay.run(UserSimulator.defaultModel().users(GenerationRequest.of(100, 7)),
 *         ReplayOptions.to(URI.create("http://localhost:8080")).withTimeScale(0.1));
 * }</pre>
 */
public final class StorefrontReplay {

    private static final Logger LOG = LoggerFactory.getLogger(StorefrontReplay.class);
    /** Names the virtual user on every request, so the storefront's logs can be joined to the users. */
    public static final String USER_HEADER = "X-SessionGAN-User";
    /** Names the session on every request. */
    public static final String SESSION_HEADER = "X-SessionGAN-Session";

    private StorefrontReplay() {
    }

    /**
     * The requests {@code user} sends, in order: one per event whose type is not skipped, each with the pause
     * since the previous request of its session (none for a session's first).
     */
    public static List<ReplayRequest> plan(VirtualUser user, ReplayOptions options) {
        String base = options.baseUrl().toString().replaceAll("/+$", "");
        List<ReplayRequest> requests = new ArrayList<>();
        for (UserSession session : user.sessions()) {
            Instant previous = null;
            for (int step = 0; step < session.events().size(); step++) {
                ClickEvent event = session.events().get(step);
                RequestTemplate template = options.requests().get(event.type());
                if (template.skips()) {
                    continue;
                }
                Duration pause = previous == null ? Duration.ZERO : Duration.between(previous, event.timestamp());
                previous = event.timestamp();
                requests.add(new ReplayRequest(user.userId(), session.sessionId(), step, template.method(),
                        URI.create(base + template.pathFor(event, session, step)), pause));
            }
        }
        return requests;
    }

    /**
     * Replays {@code users} and reports what the storefront answered. Returns when every user is replayed, or
     * once {@link ReplayOptions#maxErrors()} requests got no response.
     *
     * @throws RuntimeException what drawing a user threw (an {@link dev.sessiongan.InvalidInputException} for a
     *                          condition the model cannot meet, say), after the other workers are stopped
     */
    public static ReplayReport run(Stream<VirtualUser> users, ReplayOptions options) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Recorder recorder = new Recorder(options.maxErrors());
        Iterator<VirtualUser> source = users.iterator();
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "sessiongan-replay-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LOG.info("replaying to {} with {} users at once, time scale {}", options.baseUrl(), options.concurrency(),
                options.timeScale());
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < options.concurrency(); w++) {
                workers.add(pool.submit(() -> {
                    for (VirtualUser user = next(source); user != null && !recorder.stopped(); user = next(source)) {
                        if (replay(client, user, options, recorder)) {
                            recorder.userDone();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("a replay worker failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.stop();
        } finally {
            pool.shutdownNow();
        }
        return recorder.report(Duration.ofNanos(System.nanoTime() - start));
    }

    private static VirtualUser next(Iterator<VirtualUser> source) {
        synchronized (source) {
            return source.hasNext() ? source.next() : null;
        }
    }

    /** Sends one user's requests; whether all were sent (not stopped or interrupted on the way). */
    private static boolean replay(HttpClient client, VirtualUser user, ReplayOptions options, Recorder recorder) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        for (ReplayRequest request : plan(user, options)) {
            if (recorder.stopped()) {
                return false;
            }
            try {
                long pauseNanos = (long) (request.pause().toNanos() * options.timeScale());
                if (pauseNanos > 0) {
                    Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
                }
                HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(options.timeout())
                        .method(request.method(), HttpRequest.BodyPublishers.noBody());
                options.headers().forEach(builder::header);
                builder.header(USER_HEADER, request.userId()).header(SESSION_HEADER, request.sessionId());
                cookies.get(request.uri(), Map.of()).forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
                long sent = System.nanoTime();
                HttpResponse<Void> response = client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
                recorder.response(response.statusCode(), (System.nanoTime() - sent) / 1_000);
                cookies.put(request.uri(), response.headers().map());
            } catch (HttpTimeoutException e) {
                recorder.error("timeout");
            } catch (ConnectException e) {
                recorder.error("connection refused");
            } catch (IOException e) {
                recorder.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The counts, under one lock: a request's bookkeeping is tiny beside its round trip. */
    private static final class Recorder {
        private final long maxErrors;
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private final Map<String, Long> errors = new TreeMap<>();
        private final LatencyHistogram latencies = new LatencyHistogram();
        private long users;
        private long errorCount;
        private volatile boolean stopped;

        Recorder(long maxErrors) {
            this.maxErrors = maxErrors;
        }

        synchronized void response(int status, long micros) {
            statuses.merge(status, 1L, Long::sum);
            latencies.record(micros);
        }

        synchronized void error(String cause) {
            errors.merge(cause.length() > 200 ? cause.substring(0, 200) + "…" : cause, 1L, Long::sum);
            if (++errorCount >= maxErrors) {
                if (!stopped) {
                    LOG.info("stopping the replay: {} requests got no response", errorCount);
                }
                stopped = true;
            }
        }

        synchronized void userDone() {
            users++;
        }

        boolean stopped() {
            return stopped;
        }

        void stop() {
            stopped = true;
        }

        synchronized ReplayReport report(Duration wall) {
            return new ReplayReport(users, latencies.count() + errorCount, new TreeMap<>(statuses),
                    new TreeMap<>(errors), latencies.quantileMicros(0.5) / 1e3, latencies.quantileMicros(0.9) / 1e3,
                    latencies.quantileMicros(0.99) / 1e3, latencies.maxMicros() / 1e3, wall,
                    errorCount >= maxErrors);
        }
    }
}
