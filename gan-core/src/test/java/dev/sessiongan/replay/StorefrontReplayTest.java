package dev.sessiongan.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.UserSimulator;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorefrontReplayTest {

    private static final List<VirtualUser> USERS =
            UserSimulator.defaultModel().users(GenerationRequest.of(40, 11)).toList();

    private HttpServer server;
    private final java.util.concurrent.atomic.AtomicInteger upgrades = new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    /** Each user's requests with the cookie they carried, in the order the user sent them. */
    private final Map<String, List<String>> cookiesByUser = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String user = exchange.getRequestHeaders().getFirst(StorefrontReplay.USER_HEADER);
            if (exchange.getRequestHeaders().containsKey("Upgrade")) {
                upgrades.incrementAndGet(); // HTTP/1.1 only: no h2c upgrade offered
            }
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + user + " "
                    + exchange.getRequestHeaders().getFirst(StorefrontReplay.SESSION_HEADER));
            String cookie = exchange.getRequestHeaders().getFirst("Cookie");
            cookiesByUser.computeIfAbsent(user, u -> Collections.synchronizedList(new ArrayList<>()))
                    .add(cookie == null ? "" : cookie);
            exchange.getResponseHeaders().add("Set-Cookie", "sid=" + user + "; Path=/");
            int status = exchange.getRequestURI().getPath().startsWith("/shop/orders/") ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/shop/");
    }

    @Test
    void everyPlannedRequestReachesTheStorefrontWithTheUsersOwnCookies() {
        ReplayOptions options = ReplayOptions.to(base()).withTimeScale(0).withConcurrency(4)
                .withRequest(RequestTemplate.parse("search=skip"));
        List<String> planned = USERS.stream().flatMap(u -> StorefrontReplay.plan(u, options).stream())
                .map(r -> r.method() + " " + r.uri().getRawPath() + " " + r.userId() + " " + r.sessionId()).toList();

        ReplayReport report = StorefrontReplay.run(USERS.stream(), options);

        assertThat(received).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(upgrades).hasValue(0);
        assertThat(planned).allMatch(r -> r.contains(" /shop/") && !r.contains("/shop//"));
        long orders = planned.stream().filter(r -> r.startsWith("POST /shop/orders/")).count();
        assertThat(orders).isPositive(); // the embedded model's users buy
        assertThat(report.users()).isEqualTo(USERS.size());
        assertThat(report.requests()).isEqualTo(planned.size());
        assertThat(report.statuses()).isEqualTo(orders == planned.size() ? Map.of(503, orders)
                : Map.of(200, planned.size() - orders, 503, orders));
        assertThat(report.serverErrors()).isEqualTo(orders);
        assertThat(report.errors()).isEmpty();
        assertThat(report.outcome()).isEqualTo(ReplayReport.Outcome.COMPLETE);
        assertThat(report.latencyP50()).isPositive().isLessThanOrEqualTo(report.latencyMax());
        // a user's first request carries no cookie, every later one the cookie the storefront gave that user
        cookiesByUser.forEach((user, cookies) -> {
            assertThat(cookies.get(0)).isEmpty();
            assertThat(cookies.subList(1, cookies.size())).allMatch(c -> c.equals("sid=" + user));
        });
    }

    @Test
    void aPlanFollowsTheSessionsEventsWithTheirPausesAndTemplates() {
        VirtualUser user = USERS.stream().filter(u -> u.sessions().get(0).events().size() >= 3).findFirst()
                .orElseThrow();
        ReplayOptions options = ReplayOptions.to(URI.create("https://shop.example/api"))
                .withRequest(RequestTemplate.parse("view=GET /p/{item}?c={category}&s={session}&n={step}"));

        List<ReplayRequest> plan = StorefrontReplay.plan(user, options);

        var first = user.sessions().get(0);
        assertThat(plan).hasSize(user.sessions().stream().mapToInt(s -> s.events().size()).sum());
        assertThat(plan.get(0).pause()).isZero();
        assertThat(plan.get(1).pause()).isEqualTo(Duration.between(first.events().get(0).timestamp(),
                first.events().get(1).timestamp()));
        for (int i = 0; i < 3; i++) {
            var event = first.events().get(i);
            String item = event.itemId();
            String expected = "https://shop.example/api" + switch (event.type()) {
                case VIEW -> "/p/" + item + "?c=" + event.category().orElse("") + "&s=" + first.sessionId() + "&n=" + i;
                case ADD_TO_CART -> "/cart/items/" + item;
                case REMOVE_FROM_CART -> "/cart/items/" + item;
                case WISHLIST -> "/wishlist/items/" + item;
                case PURCHASE -> "/orders/" + item;
                case SEARCH -> "/search?category=" + event.category().orElse("");
            };
            assertThat(plan.get(i).uri().toString()).isEqualTo(expected);
            assertThat(plan.get(i).method()).isEqualTo(event.type() == EventType.VIEW ? "GET"
                    : RequestTemplate.defaults().get(event.type()).method());
        }
    }

    @Test
    void aStorefrontThatDoesNotAnswerStopsTheReplayAtTheMaximumOfErrors() throws IOException {
        URI closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        ReplayReport report = StorefrontReplay.run(USERS.stream(),
                ReplayOptions.to(closed).withTimeScale(0).withConcurrency(1).withMaxErrors(5));

        ReplayReport fourAtOnce = StorefrontReplay.run(USERS.stream(),
                ReplayOptions.to(closed).withTimeScale(0).withConcurrency(4).withMaxErrors(5));

        assertThat(report.outcome()).isEqualTo(ReplayReport.Outcome.STOPPED_AT_MAX_ERRORS);
        assertThat(report.errors()).containsOnlyKeys("connection refused");
        assertThat(report.requests()).isEqualTo(5);
        assertThat(report.responses()).isZero();
        assertThat(report.users()).isLessThan(USERS.size());
        assertThat(report.lines()).contains("latency ms  none (no responses)");
        // requests in flight when the fifth failed still count: at most one a worker more
        assertThat(fourAtOnce.outcome()).isEqualTo(ReplayReport.Outcome.STOPPED_AT_MAX_ERRORS);
        assertThat(fourAtOnce.unanswered()).isBetween(5L, 8L).isEqualTo(fourAtOnce.requests());
    }

    @Test
    void aStopAtTheMaximumOfErrorsCutsTheOtherWorkersPausesShort() throws IOException {
        URI closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        List<ClickEvent> slow = List.of(new ClickEvent(Instant.parse("2026-01-01T00:00:00Z"), EventType.VIEW, "a", "c"),
                new ClickEvent(Instant.parse("2026-01-01T01:00:00Z"), EventType.VIEW, "b", "c"));
        VirtualUser lingering = VirtualUser.of(new UserHistory("l", List.of(new UserSession("l-s1", "l", slow))));

        // the lingering user's second request waits an hour at time scale 1 unless the stop cuts it short
        ReplayReport report = StorefrontReplay.run(Stream.concat(Stream.of(lingering), USERS.stream()),
                ReplayOptions.to(closed).withConcurrency(2).withMaxErrors(3).withTimeout(Duration.ofSeconds(5)));

        assertThat(report.outcome()).isEqualTo(ReplayReport.Outcome.STOPPED_AT_MAX_ERRORS);
        assertThat(report.wall()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void valuesAreEncodedIntoTheirPlaceholders() {
        UserSession session = new UserSession("u 1-s1", "u 1", List.of(
                new ClickEvent(Instant.parse("2026-01-01T00:00:00Z"), EventType.VIEW, "a b/&+é", null)));
        VirtualUser user = VirtualUser.of(new UserHistory("u 1", List.of(session)));
        ReplayOptions options = ReplayOptions.to(URI.create("http://shop"))
                .withRequest(RequestTemplate.parse("view=GET /p/{item}?c={category}&u={user}&n={step}"));

        assertThat(StorefrontReplay.plan(user, options)).singleElement().satisfies(r -> assertThat(r.uri().toString())
                .isEqualTo("http://shop/p/a%20b%2F%26%2B%C3%A9?c=&u=u%201&n=0"));
    }

    @Test
    void pausesPassScaledAndAStoppedReplayEndsAtOnceWithTheReportSoFar() throws InterruptedException {
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(new ClickEvent(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), EventType.VIEW, "i" + i,
                    "c"));
        }
        VirtualUser paced = VirtualUser.of(new UserHistory("p", List.of(new UserSession("p-s1", "p", events))));

        ReplayReport scaled = StorefrontReplay.run(Stream.of(paced), ReplayOptions.to(base()).withTimeScale(0.05));

        // three pauses of a second at a twentieth: at least 150 ms however fast the storefront answers
        assertThat(scaled.wall()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(scaled.requests()).isEqualTo(4);
        received.clear();
        StorefrontReplay slow = new StorefrontReplay(ReplayOptions.to(base()).withConcurrency(2));
        ReplayReport[] stopped = new ReplayReport[1];
        Thread running = new Thread(() -> stopped[0] = slow.replay(USERS.stream()));
        running.start();
        while (received.isEmpty()) {
            Thread.sleep(10);
        }
        slow.stop();
        running.join(30_000);

        assertThat(running.isAlive()).isFalse(); // the users' real pauses (seconds to minutes) were cut short
        assertThat(stopped[0].outcome()).isEqualTo(ReplayReport.Outcome.STOPPED);
        assertThat(stopped[0].requests()).isEqualTo(received.size()).isLessThan(10);
        assertThatThrownBy(() -> slow.replay(USERS.stream())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aUserThatCannotBeDrawnFailsTheReplayOnceTheOtherWorkersEnded() {
        Stream<VirtualUser> failing = Stream.concat(USERS.stream().limit(3),
                Stream.generate(() -> {
                    throw new InvalidInputException("no such user");
                }));

        assertThatThrownBy(() -> StorefrontReplay.run(failing, ReplayOptions.to(base()).withTimeScale(0)
                .withConcurrency(3))).isInstanceOf(InvalidInputException.class).hasMessage("no such user");
    }

    @Test
    void aReportSaysWhatCameBackInLines() {
        ReplayReport report = new ReplayReport(3, 10, new java.util.TreeMap<>(Map.of(200, 8L, 503, 1L)),
                new java.util.TreeMap<>(Map.of("timeout", 1L)), Duration.ofMillis(12), Duration.ofMillis(40),
                Duration.ofMillis(90), Duration.ofMillis(95), Duration.ofSeconds(2), ReplayReport.Outcome.COMPLETE);

        assertThat(report.lines()).containsExactly("replayed 3 users, 10 requests in 2.0 s (5.0 requests/s)",
                "responses  200: 8, 503: 1", "no response  timeout: 1", "latency ms  p50 12.0, p90 40.0, p99 90.0,"
                        + " max 95.0");
        assertThat(report.responses()).isEqualTo(9);
        assertThat(report.serverErrors()).isEqualTo(1);
    }

    @Test
    void latencyQuantilesAreWithinTheirBucketsAndTheMaximumExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 100_000; micros++) {
            histogram.record(micros);
        }

        assertThat(histogram.count()).isEqualTo(100_000);
        assertThat(histogram.quantileMicros(0.5)).isCloseTo(50_000, org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(histogram.quantileMicros(0.99)).isCloseTo(99_000,
                org.assertj.core.data.Percentage.withPercentage(3));
        assertThat(histogram.maxMicros()).isEqualTo(100_000);
        assertThat(new LatencyHistogram().quantileMicros(0.5)).isZero();
    }

    @Test
    void badTemplatesAndOptionsAreNamed() {
        Map<String, String> templates = Map.of(
                "view", "'view' is not TYPE=METHOD PATH (e.g. view=GET /product/{item}) or TYPE=skip",
                "click=GET /x", "'click' is not an event type; use one of ",
                "view=FETCH /x", "view: unknown HTTP method 'FETCH'; use one of GET, POST, PUT, PATCH, DELETE, HEAD",
                "view=GET product", "view: the path 'product' must start with '/'",
                "view=GET /p/{sku}", "view: unknown placeholder {sku} in '/p/{sku}'; use {item}, {category}",
                "view=GET /p/{item", "view: unbalanced brace in '/p/{item'",
                "view=GET /p/a b", "view: 'GET /p/a b' is not METHOD PATH",
                "view=GET /p/50%", "view: the path '/p/50%' is not a valid URL path: malformed escape pair",
                "view=GET /p/[{item}]", "view: the path '/p/[{item}]' is not a valid URL path: illegal character"
                        + " in path ('[')",
                "view=GET /p#top", "view: the path '/p#top' holds a fragment");
        templates.forEach((spec, message) -> assertThatThrownBy(() -> RequestTemplate.parse(spec))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(message));
        ReplayOptions options = ReplayOptions.to(base());
        assertThatThrownBy(() -> ReplayOptions.to(URI.create("ftp://host"))).hasMessageContaining("must be http://");
        assertThatThrownBy(() -> ReplayOptions.to(URI.create("http://host/?a=1"))).hasMessageContaining("no query");
        assertThatThrownBy(() -> options.withConcurrency(0)).hasMessage("concurrency must be in [1, 1024], got 0");
        assertThatThrownBy(() -> options.withTimeScale(Double.NaN)).hasMessage("time scale must be in [0, 1000], got NaN");
        assertThatThrownBy(() -> options.withTimeout(Duration.ZERO)).hasMessageStartingWith("timeout must be over 0");
        assertThatThrownBy(() -> options.withHeader("Host", "x")).hasMessage("header 'Host' cannot be set (the"
                + " replay sets it)");
        assertThatThrownBy(() -> options.withHeader("cookie", "a=b")).hasMessageContaining("cannot be set");
        assertThatThrownBy(() -> options.withHeader("x-sessiongan-user", "u9")).hasMessageContaining("cannot be set");
        assertThatThrownBy(() -> new ReplayOptions(base(), Map.of(), new java.util.LinkedHashMap<>(Map.of("X-A", "1",
                "x-a", "2")), 1, 1, Duration.ofSeconds(1), 1)).hasMessageContaining("given twice (names ignore case)");
        assertThatThrownBy(() -> options.withHeader("X-A", "a\nb")).hasMessageContaining("printable ASCII");
        assertThatThrownBy(() -> options.withHeader("X-A", "price €5")).hasMessageContaining("printable ASCII");
        assertThat(options.withHeader("X-A", "1").withHeader("x-a", "2").headers()).containsExactly(
                Map.entry("x-a", "2"));
        assertThat(options.withHeader("Authorization", "Bearer t").headers()).containsEntry("Authorization", "Bearer t");
        assertThat(String.join(",", options.requests().values().stream().map(Object::toString)
                .collect(Collectors.toList()))).contains("view=GET /product/{item}");
    }
}
