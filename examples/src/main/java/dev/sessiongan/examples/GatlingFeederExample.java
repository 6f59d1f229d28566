package dev.sessiongan.examples;

import dev.sessiongan.UserSimulator;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.OutputFormat;
import dev.sessiongan.io.UserWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The README's load-test recipe, file side: 1,000 seeded virtual users as a Gatling {@code csv} feeder
 * (one journey per row) and as a {@code jsonFile} feeder (one user per record). The CLI does the same
 * with {@code ./sessiongan generate --output-format journeys-csv --out journeys.csv}.
 */
public final class GatlingFeederExample {

    private GatlingFeederExample() {
    }

    /** Writes {@code journeys.csv} and {@code users.json} into the folder given (default: gatling-data). */
    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "gatling-data"));
        UserSimulator simulator = UserSimulator.defaultModel();
        GenerationRequest request = GenerationRequest.of(1_000, 7);

        write(simulator, request, OutputFormat.JOURNEYS_CSV, folder.resolve("journeys.csv"));
        write(simulator, request, OutputFormat.JSON, folder.resolve("users.json"));
        System.out.println("wrote " + folder.resolve("journeys.csv") + " and " + folder.resolve("users.json"));
    }

    private static void write(UserSimulator simulator, GenerationRequest request, OutputFormat format, Path file)
            throws IOException {
        // written under a temporary name and moved into place on commit: never a half-written feeder
        try (UserWriter writer = format.create(file)) {
            Iterator<VirtualUser> users = simulator.users(request).iterator();
            while (users.hasNext()) {
                writer.write(users.next());
            }
            writer.commit();
        }
    }
}
