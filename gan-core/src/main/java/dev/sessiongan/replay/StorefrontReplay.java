package dev.sessiongan.replay;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays virtual users against a storefront over HTTP/1.1. Each user's events become requests
 * ({@link #plan}), sent in order after the pauses the user took (scaled by the time scale), with the user's
 * own cookies kept between its requests and headers {@code X-SessionGAN-User} and {@code X-SessionGAN-Session}
 * naming the user and session in the storefront's logs. {@code concurrency} users are replayed at once; a
 * user's sessions follow each other without the days between them. Redirects are not followed: a 3xx is
 * counted as what the storefront answered.
 * <pre>{@code
 * ReplayReport report = StorefrontReplay.run(UserSimulator.defaultModel().users(GenerationRequest.of(100, 7)),
 *         ReplayOptions.to(URI.create("http://localhost:8080")).withTimeScale(0.1));
 * }</pre>
 * One instance runs one replay; {@link #stop()} (from another thread, a shutdown hook say) ends it early
 * with the report so far.
 */
public final class StorefrontReplay {

    private static final Logger LOG = LoggerFactory.getLogger(StorefrontReplay.class);
    /** Names the virtual user on every request (URL-encoded), so the storefront's logs join to the users. */
    public static final String USER_HEADER = "X-SessionGAN-User";
    /** Names the session on every request (URL-encoded). */
    public static final String SESSION_HEADER = "X-SessionGAN-Session";

    private final ReplayOptions options;
    private final Recorder recorder;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Set by the worker that found no user left. */
    private volatile boolean exhausted;

    /** A replay with {@code options}, not yet started. */
    public StorefrontReplay(ReplayOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.recorder = new Recorder(options.maxErrors());
    }

    /** Replays {@code users} with {@code options}; see {@link #replay}. */
    public static ReplayReport run(Stream<VirtualUser> users, ReplayOptions options) {
        return new StorefrontReplay(options).replay(users);
    }

    /**
     * The requests {@code user} sends, in order: one per event whose type is not skipped, each with the time
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
     * Replays {@code users} and reports what the storefront answered. Returns when every user is replayed,
     * once {@link ReplayOptions#maxErrors()} requests got no response, or after {@link #stop()} (or an interrupt
     * of the calling thread); the workers have ended by then, a request in flight waited for up to the timeout.
     *
     * @throws IllegalStateException if this replay was run before
     * @throws RuntimeException      what drawing a user threw (an {@link dev.sessiongan.InvalidInputException}
     *                               for a condition the model cannot meet, say), once the other workers ended
     */
    public ReplayReport replay(Stream<VirtualUser> users) {
        if (!recorder.start()) {
            throw new IllegalStateException("a StorefrontReplay runs once; make another for another replay");
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
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
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < options.concurrency(); w++) {
            workers.add(pool.submit(() -> work(client, source)));
        }
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                // workers end on their own: after the last user, or promptly once stopped (a request in flight
                // is waited for, up to the timeout)
                if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                stop();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        boolean unfinished = recorder.abandonedUser() || recorder.stopped() && !exhausted;
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        return recorder.report(Duration.ofNanos(System.nanoTime() - start), unfinished);
    }

    /** Ends the replay early: no request is sent after this, and pauses are cut short. */
    public void stop() {
        recorder.stop(false);
    }

    /** One worker: users from {@code source} until there are none, or the replay stops. */
    private void work(HttpClient client, Iterator<VirtualUser> source) {
        try {
            while (true) {
                VirtualUser user;
                synchronized (source) {
                    // checked again under the lock: a worker that waited here while another drew a user must not
                    // draw one more after a stop
                    if (recorder.stopped()) {
                        return;
                    }
                    if (!source.hasNext()) {
                        exhausted = true;
                        return;
                    }
                    user = source.next();
                }
                if (send(client, user)) {
                    recorder.userDone();
                } else {
                    recorder.abandon();
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            // the first failure is rethrown by replay(); the others stop as if asked
            failure.compareAndSet(null, e);
            recorder.stop(false);
        }
    }

    /** Sends one user's requests; whether all were sent (not stopped on the way). */
    private boolean send(HttpClient client, VirtualUser user) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        for (ReplayRequest request : plan(user, options)) {
            long pauseNanos = (long) (request.pause().toNanos() * options.timeScale());
            if (recorder.stopped() || pauseNanos > 0 && recorder.stopsWithin(pauseNanos)) {
                return false;
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(options.timeout())
                    .method(request.method(), HttpRequest.BodyPublishers.noBody());
            options.headers().forEach(builder::header);
            builder.header(USER_HEADER, URLEncoder.encode(request.userId(), StandardCharsets.UTF_8))
                    .header(SESSION_HEADER, URLEncoder.encode(request.sessionId(), StandardCharsets.UTF_8));
            try {
                cookies.get(request.uri(), Map.of())
                        .forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
                long sent = System.nanoTime();
                HttpResponse<Void> response = client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
                recorder.response(response.statusCode(), (System.nanoTime() - sent) / 1_000);
                cookies.put(request.uri(), response.headers().map());
            } catch (IllegalArgumentException e) {
                // a header value the HTTP client refuses (a cookie the storefront set, say): this request's fault
                recorder.error("request not sent: " + e.getMessage());
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
        /** Opened when the replay stops, waking the pauses. */
        private final CountDownLatch stopped = new CountDownLatch(1);
        private boolean started;
        private long users;
        private long errorCount;
        private boolean byErrors;
        private boolean abandoned;

        Recorder(long maxErrors) {
            this.maxErrors = maxErrors;
        }

        synchronized boolean start() {
            boolean first = !started;
            started = true;
            return first;
        }

        synchronized void response(int status, long micros) {
            statuses.merge(status, 1L, Long::sum);
            latencies.record(micros);
        }

        synchronized void error(String cause) {
            errors.merge(cause.length() > 200 ? cause.substring(0, 200) + "…" : cause, 1L, Long::sum);
            if (++errorCount >= maxErrors && stopped.getCount() > 0) {
                LOG.info("stopping the replay: {} requests got no response", errorCount);
                stop(true);
            }
        }

        synchronized void userDone() {
            users++;
        }

        /** A worker stopped with a user not fully sent. */
        synchronized void abandon() {
            abandoned = true;
        }

        synchronized boolean abandonedUser() {
            return abandoned;
        }

        synchronized void stop(boolean atMaxErrors) {
            if (stopped.getCount() > 0) {
                byErrors = atMaxErrors;
                stopped.countDown();
            }
        }

        boolean stopped() {
            return stopped.getCount() == 0;
        }

        /** Waits {@code nanos}, or less if the replay stops meanwhile; whether it stopped. */
        boolean stopsWithin(long nanos) {
            try {
                return stopped.await(nanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }

        synchronized ReplayReport report(Duration wall, boolean unfinished) {
            ReplayReport.Outcome outcome = !unfinished ? ReplayReport.Outcome.COMPLETE
                    : byErrors ? ReplayReport.Outcome.STOPPED_AT_MAX_ERRORS : ReplayReport.Outcome.STOPPED;
            return new ReplayReport(users, latencies.count() + errorCount, new TreeMap<>(statuses),
                    new TreeMap<>(errors), micros(latencies.quantileMicros(0.5)),
                    micros(latencies.quantileMicros(0.9)), micros(latencies.quantileMicros(0.99)),
                    micros(latencies.maxMicros()), wall, outcome);
        }

        private static Duration micros(long micros) {
            return Duration.ofNanos(micros * 1_000);
        }
    }
}
