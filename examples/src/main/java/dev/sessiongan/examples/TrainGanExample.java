package dev.sessiongan.examples;

import dev.sessiongan.UserSimulator;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.ModelFile;
import dev.sessiongan.io.ModelManifest;
import dev.sessiongan.model.GanGenerator;
import dev.sessiongan.model.GanOptions;
import dev.sessiongan.model.GanTrainer;
import dev.sessiongan.model.LoggingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The README's GAN training snippet: trains a session GAN from Java, with early stopping, saves it as a
 * model file (what {@code sessiongan train --model gan} writes) and generates from the file. Usage:
 * {@code TrainGanExample [rees46.csv] [out.model] [rows]}; by default a short run on the first 3,000 rows of
 * the REES46 train split. For a real model read the whole file and keep the default epochs.
 */
public final class TrainGanExample {

    private TrainGanExample() {
    }

    /** Reads, trains, saves, loads, generates. */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/rees46_multicategory/train.csv");
        Path out = Path.of(args.length > 1 ? args[1] : "gan.model");
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;

        SessionDataset dataset = ClickstreamFormats.rees46().read(data, ReadOptions.DEFAULT.withMaxRows(rows))
                .dataset();
        GanOptions options = GanOptions.builder().seed(7).hidden(32).mleEpochs(6).adversarialEpochs(1)
                .patience(2) // a phase ends once its best validation score is two epochs old
                .dualityGapEvery(0).calibrationRounds(2).build(); // short: no duality-gap estimate
        GanGenerator gan = GanTrainer.train(dataset, options, new LoggingListener());
        ModelFile.save(out, gan, ModelManifest.now(GanGenerator.KIND, options.seed(),
                ModelManifest.DatasetProvenance.of(data, "rees46", dataset), Map.of("options", options.toString())));
        System.out.println("trained " + gan.history().epochs().size() + " epochs, kept epoch "
                + gan.history().keptEpoch() + gan.history().earlyStops(options).map(s -> " (" + s + ")").orElse("")
                + "; wrote " + out);

        VirtualUser user = UserSimulator.load(out).users(GenerationRequest.of(1, 42)).findFirst().orElseThrow();
        System.out.println(user.userId() + ": " + user.sessions().size() + " session(s), first of "
                + user.sessions().get(0).length() + " events");
    }
}
