package dev.sessiongan.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.UserSimulator;
import dev.sessiongan.data.EventType;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorefrontReplayTest {

    private static final List<VirtualUser> USERS =
            UserSimulator.defaultModel().users(GenerationRequest.of(40, 11)).toList();

    private HttpServer server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    /** Each user's requests with the cookie they carried, in the order the user sent them. */
    private final Map<String, List<String>> cookiesByUser = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String user = exchange.getRequestHeaders().getFirst(StorefrontReplay.USER_HEADER);
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
        assertThat(planned).allMatch(r -> r.contains(" /shop/"));
        long orders = planned.stream().filter(r -> r.startsWith("POST /shop/orders/")).count();
        assertThat(orders).isPositive(); // the embedded model's users buy
        assertThat(report.users()).isEqualTo(USERS.size());
        assertThat(report.requests()).isEqualTo(planned.size());
        assertThat(report.statuses()).isEqualTo(orders == planned.size() ? Map.of(503, orders)
                : Map.of(200, planned.size() - orders, 503, orders));
        assertThat(report.serverErrors()).isEqualTo(orders);
        assertThat(report.errors()).isEmpty();
        assertThat(report.stoppedEarly()).isFalse();
        assertThat(report.latencyP50Ms()).isPositive().isLessThanOrEqualTo(report.latencyMaxMs());
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
            String expected = event.type() == EventType.VIEW
                    ? "https://shop.example/api/p/" + event.itemId() + "?c=" + event.category().orElse("") + "&s="
                            + first.sessionId() + "&n=" + i
                    : RequestTemplate.defaults().get(event.type()).pathFor(event, first, i);
            assertThat(plan.get(i).uri().toString()).endsWith(expected.replace("https://shop.example/api", ""));
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

        assertThat(report.stoppedEarly()).isTrue();
        assertThat(report.errors()).containsOnlyKeys("connection refused");
        assertThat(report.requests()).isEqualTo(5);
        assertThat(report.responses()).isZero();
        assertThat(report.users()).isLessThan(USERS.size());
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
                "view=GET /p/a b", "view: 'GET /p/a b' is not METHOD PATH");
        templates.forEach((spec, message) -> assertThatThrownBy(() -> RequestTemplate.parse(spec))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(message));
        ReplayOptions options = ReplayOptions.to(base());
        assertThatThrownBy(() -> ReplayOptions.to(URI.create("ftp://host"))).hasMessageContaining("must be http://");
        assertThatThrownBy(() -> ReplayOptions.to(URI.create("http://host/?a=1"))).hasMessageContaining("no query");
        assertThatThrownBy(() -> options.withConcurrency(0)).hasMessage("concurrency must be in [1, 1024], got 0");
        assertThatThrownBy(() -> options.withTimeScale(Double.NaN)).hasMessage("time scale must be in [0, 1000], got NaN");
        assertThatThrownBy(() -> options.withTimeout(Duration.ZERO)).hasMessageStartingWith("timeout must be over 0");
        assertThatThrownBy(() -> options.withHeader("Host", "x")).hasMessage("header 'Host' cannot be set (the HTTP"
                + " client sets it)");
        assertThatThrownBy(() -> options.withHeader("X-A", "a\nb")).hasMessageContaining("control character");
        assertThat(options.withHeader("Authorization", "Bearer t").headers()).containsEntry("Authorization", "Bearer t");
        assertThat(String.join(",", options.requests().values().stream().map(Object::toString)
                .collect(Collectors.toList()))).contains("view=GET /product/{item}");
    }
}
