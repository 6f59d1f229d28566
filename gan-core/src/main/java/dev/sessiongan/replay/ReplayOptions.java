package dev.sessiongan.replay;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.EventType;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How users are replayed: where to, which request each event type sends, how many users at once, how fast
 * their pauses pass, and when to give up. Start from {@link #to(URI)}; every {@code with…} returns a new
 * instance.
 *
 * @param baseUrl     the storefront, {@code http} or {@code https}, without query or fragment; paths go after it
 * @param requests    the request of each event type; a type not in the map keeps its
 *                    {@linkplain RequestTemplate#defaults() default}
 * @param headers     extra headers on every request
 * @param concurrency users replayed at once, each on its own worker
 * @param timeScale   how a pause passes: 1 = as the user took it, 0.1 = ten times faster, 0 = no pauses
 * @param timeout     how long one request may take before it counts as a transport error
 * @param maxErrors   transport errors (no response) after which the replay stops
 */
public record ReplayOptions(URI baseUrl, Map<EventType, RequestTemplate> requests, Map<String, String> headers,
        int concurrency, double timeScale, Duration timeout, long maxErrors) {

    /** Headers the HTTP client or the replay sets itself. */
    private static final List<String> RESTRICTED = List.of("connection", "content-length", "expect", "host", "upgrade",
            "cookie", StorefrontReplay.USER_HEADER.toLowerCase(Locale.ROOT),
            StorefrontReplay.SESSION_HEADER.toLowerCase(Locale.ROOT));
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public ReplayOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new InvalidInputException("base URL '" + baseUrl + "' must be http:// or https:// with a host");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new InvalidInputException("base URL '" + baseUrl + "' must have no query or fragment; put them in"
                    + " the request paths");
        }
        Map<EventType, RequestTemplate> all = new EnumMap<>(RequestTemplate.defaults());
        all.putAll(Objects.requireNonNull(requests, "requests"));
        all.forEach((type, template) -> {
            if (template.type() != type) {
                throw new IllegalArgumentException(type + " maps to a template of " + template.type());
            }
        });
        requests = Collections.unmodifiableMap(all);
        Map<String, String> checked = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) -> {
            if (!TOKEN.matcher(name).matches() || RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("header '" + name + "' cannot be set"
                        + (TOKEN.matcher(name).matches() ? " (the replay sets it)" : " (not a header name)"));
            }
            // HTTP/1.1 carries header values as bytes; anything but printable ASCII arrives mangled or not at all
            if (value.chars().anyMatch(c -> (c < ' ' || c > '~') && c != '\t')) {
                throw new InvalidInputException("header '" + name + "': its value must be printable ASCII");
            }
            if (checked.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
                throw new InvalidInputException("header '" + name + "' given twice (names ignore case)");
            }
            checked.put(name, value);
        });
        headers = Collections.unmodifiableMap(checked);
        if (concurrency < 1 || concurrency > 1_024) {
            throw new InvalidInputException("concurrency must be in [1, 1024], got " + concurrency);
        }
        if (!(timeScale >= 0 && timeScale <= 1_000)) {
            throw new InvalidInputException("time scale must be in [0, 1000], got " + timeScale);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidInputException("timeout must be over 0 and at most 10 minutes, got " + timeout);
        }
        if (maxErrors < 1) {
            throw new InvalidInputException("max errors must be at least 1, got " + maxErrors);
        }
    }

    /** Defaults for {@code baseUrl}: {@link RequestTemplate#defaults()}, 8 users at once, real-time pauses,
     * a 10 s timeout, stop after 100 transport errors. */
    public static ReplayOptions to(URI baseUrl) {
        return new ReplayOptions(baseUrl, Map.of(), Map.of(), 8, 1.0, Duration.ofSeconds(10), 100);
    }

    /** With {@code template} for its event type. */
    public ReplayOptions withRequest(RequestTemplate template) {
        Map<EventType, RequestTemplate> changed = new EnumMap<>(requests);
        changed.put(template.type(), template);
        return new ReplayOptions(baseUrl, changed, headers, concurrency, timeScale, timeout, maxErrors);
    }

    /** With a header on every request (one of that name given before is replaced). */
    public ReplayOptions withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.keySet().removeIf(n -> n.equalsIgnoreCase(name));
        changed.put(name, value);
        return new ReplayOptions(baseUrl, requests, changed, concurrency, timeScale, timeout, maxErrors);
    }

    /** With {@code users} replayed at once. */
    public ReplayOptions withConcurrency(int users) {
        return new ReplayOptions(baseUrl, requests, headers, users, timeScale, timeout, maxErrors);
    }

    /** With pauses scaled by {@code scale} (0 = none). */
    public ReplayOptions withTimeScale(double scale) {
        return new ReplayOptions(baseUrl, requests, headers, concurrency, scale, timeout, maxErrors);
    }

    /** With a per-request timeout. */
    public ReplayOptions withTimeout(Duration perRequest) {
        return new ReplayOptions(baseUrl, requests, headers, concurrency, timeScale, perRequest, maxErrors);
    }

    /** Stopping after {@code errors} transport errors. */
    public ReplayOptions withMaxErrors(long errors) {
        return new ReplayOptions(baseUrl, requests, headers, concurrency, timeScale, timeout, errors);
    }
}
