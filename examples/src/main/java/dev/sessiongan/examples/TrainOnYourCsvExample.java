package dev.sessiongan.examples;

import dev.sessiongan.baseline.MarkovGenerator;
import dev.sessiongan.baseline.MarkovTrainer;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.GenericFormatSpec;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.io.EventsCsvWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fits the baseline to your own log through a generic column mapping, then writes synthetic users.
 * Usage: {@code TrainOnYourCsvExample [log.csv] [out.csv]}; by default the Taobao train split.
 */
public final class TrainOnYourCsvExample {

    private TrainOnYourCsvExample() {
    }

    /** Reads, fits, generates. */
    public static void main(String[] args) throws IOException {
        Path log = Path.of(args.length > 0 ? args[0] : "../shared/data/taobao_userbehavior/train.csv");
        Path out = Path.of(args.length > 1 ? args[1] : "synthetic-taobao.csv");

        GenericFormatSpec spec = GenericFormatSpec.builder("1", "4") // item, time by 0-based column
                .header(false).userColumn("0").categoryColumn("2").eventTypeColumn("3")
                .timeFormat("epoch-seconds")
                .eventType("pv", EventType.VIEW).eventType("cart", EventType.ADD_TO_CART)
                .eventType("fav", EventType.WISHLIST).eventType("buy", EventType.PURCHASE)
                .build();
        SessionDataset data = ClickstreamFormats.generic(spec).read(log, ReadOptions.DEFAULT).dataset();
        System.out.println("read " + data.summary().events() + " events in " + data.summary().sessions() + " sessions");

        MarkovGenerator model = MarkovTrainer.fit(data);
        try (EventsCsvWriter writer = EventsCsvWriter.create(out)) {
            model.users(GenerationRequest.of(1_000, 7)).forEach(user -> {
                try {
                    writer.write(user);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.commit();
        }
        System.out.println("wrote 1000 synthetic users to " + out);
    }
}
