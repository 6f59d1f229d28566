package dev.sessiongan.replay;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserSession;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How events of one type become HTTP requests: a method and a path under the storefront's base URL, whose
 * placeholders take the event's values, URL-encoded: {@code {item}}, {@code {category}} (empty when
 * unknown), {@code {price}} (empty when unknown), {@code {user}}, {@code {session}} and {@code {step}}
 * (the event's 0-based position in its session). Written as {@code TYPE=METHOD PATH}, e.g.
 * {@code view=GET /product/{item}}, or {@code TYPE=skip} for events that send nothing.
 *
 * @param type   the event type
 * @param method the HTTP method, or {@code null} to skip such events
 * @param path   the path template, starting with {@code /} (may hold a query), or {@code null} with no method
 */
public record RequestTemplate(EventType type, String method, String path) {

    /** The methods a template may use. */
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    /** The placeholders a path may hold. */
    public static final List<String> PLACEHOLDERS = List.of("item", "category", "price", "user", "session", "step");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final String SKIP = "skip";

    public RequestTemplate {
        Objects.requireNonNull(type, "type");
        if ((method == null) != (path == null)) {
            throw new InvalidInputException(type.canonicalName() + ": give a method and a path, or neither to skip");
        }
        if (method != null) {
            method = method.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new InvalidInputException(type.canonicalName() + ": unknown HTTP method '" + method
                        + "'; use one of " + String.join(", ", METHODS));
            }
            checkPath(type, path);
        }
    }

    /**
     * Reads {@code TYPE=METHOD PATH} or {@code TYPE=skip}.
     *
     * @throws InvalidInputException naming what is wrong: an unknown type or method, a path that does not start
     *                               with {@code /}, an unknown placeholder
     */
    public static RequestTemplate parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new InvalidInputException("'" + spec + "' is not TYPE=METHOD PATH (e.g. view=GET /product/{item})"
                    + " or TYPE=skip");
        }
        String typeName = spec.substring(0, eq).trim();
        EventType type = EventType.fromCanonicalName(typeName).orElseThrow(() -> new InvalidInputException(
                "'" + typeName + "' is not an event type; use one of " + EventType.canonicalNames()));
        String request = spec.substring(eq + 1).trim();
        if (request.equalsIgnoreCase(SKIP)) {
            return new RequestTemplate(type, null, null);
        }
        String[] parts = request.split("\\s+");
        if (parts.length != 2) {
            throw new InvalidInputException(typeName + ": '" + request + "' is not METHOD PATH (e.g. GET"
                    + " /product/{item}) or skip");
        }
        return new RequestTemplate(type, parts[0], parts[1]);
    }

    /** What each event type sends unless told otherwise: a product page, cart and wishlist calls, an order. */
    public static Map<EventType, RequestTemplate> defaults() {
        Map<EventType, RequestTemplate> defaults = new EnumMap<>(EventType.class);
        for (String spec : new String[] {"view=GET /product/{item}", "add_to_cart=POST /cart/items/{item}",
            "remove_from_cart=DELETE /cart/items/{item}", "wishlist=POST /wishlist/items/{item}",
            "purchase=POST /orders/{item}", "search=GET /search?category={category}"}) {
            RequestTemplate template = parse(spec);
            defaults.put(template.type(), template);
        }
        return defaults;
    }

    /** Whether events of this type send nothing. */
    public boolean skips() {
        return method == null;
    }

    /** The path (and query) for {@code event}, step {@code step} of {@code session}. */
    public String pathFor(ClickEvent event, UserSession session, int step) {
        if (skips()) {
            throw new IllegalStateException(type.canonicalName() + " events are skipped");
        }
        Matcher m = PLACEHOLDER.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "item" -> event.itemId();
                case "category" -> event.category().orElse("");
                case "price" -> event.priceIfKnown().map(p -> p.toPlainString()).orElse("");
                case "user" -> session.userId();
                case "session" -> session.sessionId();
                case "step" -> Integer.toString(step);
                default -> throw new IllegalStateException("checked when made: " + m.group(1));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)
                    .replace("+", "%20")));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return type.canonicalName() + "=" + (skips() ? SKIP : method + " " + path);
    }

    private static void checkPath(EventType type, String path) {
        String name = type.canonicalName();
        if (!path.startsWith("/")) {
            throw new InvalidInputException(name + ": the path '" + path + "' must start with '/' (it goes after the"
                    + " base URL)");
        }
        Matcher m = PLACEHOLDER.matcher(path);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new InvalidInputException(name + ": unknown placeholder {" + m.group(1) + "} in '" + path
                        + "'; use " + String.join(", ", PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList()));
            }
        }
        String bare = PLACEHOLDER.matcher(path).replaceAll("x");
        if (bare.indexOf('{') >= 0 || bare.indexOf('}') >= 0) {
            throw new InvalidInputException(name + ": unbalanced brace in '" + path + "'");
        }
        // the placeholders' values are encoded; what is around them must already be a valid path and query
        String url = "http://host" + bare;
        try {
            if (new URI(url).getRawFragment() != null) {
                throw new InvalidInputException(name + ": the path '" + path + "' holds a fragment ('#'), which is"
                        + " never sent to a server");
            }
        } catch (URISyntaxException e) {
            String at = e.getIndex() >= 0 && e.getIndex() < url.length() ? " ('" + url.charAt(e.getIndex()) + "')" : "";
            throw new InvalidInputException(name + ": the path '" + path + "' is not a valid URL path: "
                    + e.getReason().toLowerCase(java.util.Locale.ROOT) + at + "; percent-encode it, or use a placeholder");
        }
    }
}
