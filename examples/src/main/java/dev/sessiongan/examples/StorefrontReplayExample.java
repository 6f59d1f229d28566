package dev.sessiongan.examples;

import com.sun.net.httpserver.HttpServer;
import dev.sessiongan.UserSimulator;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.replay.ReplayOptions;
import dev.sessiongan.replay.ReplayReport;
import dev.sessiongan.replay.RequestTemplate;
import dev.sessiongan.replay.StorefrontReplay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The README's load-test recipe, HTTP side: 20 seeded virtual users replayed against a storefront, a
 * thousand times faster than they shopped. Without an argument a stand-in storefront (the JDK's HTTP server,
 * answering 200 to everything) runs in this process; give a base URL to replay against yours. The CLI does
 * the same with {@code ./sessiongan replay --base-url URL --users 20 --seed 7 --time-scale 0.001}.
 */
public final class StorefrontReplayExample {

    private StorefrontReplayExample() {
    }

    /** Replays the users against {@code args[0]}, or a stand-in storefront, and prints the report. */
    public static void main(String[] args) throws IOException {
        HttpServer standIn = args.length > 0 ? null : HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        if (standIn != null) {
            standIn.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            standIn.start();
        }
        try {
            URI storefront = URI.create(args.length > 0 ? args[0]
                    : "http://127.0.0.1:" + standIn.getAddress().getPort());
            ReplayOptions options = ReplayOptions.to(storefront).withTimeScale(0.001).withConcurrency(10)
                    .withRequest(RequestTemplate.parse("purchase=POST /checkout?item={item}"));
            ReplayReport report = StorefrontReplay.run(
                    UserSimulator.defaultModel().users(GenerationRequest.of(20, 7)), options);
            report.lines().forEach(System.out::println);
        } finally {
            if (standIn != null) {
                standIn.stop(0);
            }
        }
    }
}
