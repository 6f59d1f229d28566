package dev.sessiongan.model;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fits a {@link Calibration} of a trained generator's draws to the training data's token frequencies. */
final class Calibrator {

    private static final Logger LOG = LoggerFactory.getLogger(Calibrator.class);

    /**
     * The fitted corrections and how far generated token shares were from the target's without and with
     * them (each measured on its own sample).
     */
    record Fit(Calibration calibration, double distanceBefore, double distanceAfter) {
    }

    private Calibrator() {
    }

    /**
     * Runs {@code rounds} rounds of {@code users} generated users each (a new sample per round, drawn from
     * {@code seed}), then measures the result on one more sample.
     */
    static Fit fit(GanGenerator generator, Calibration.Counts target, int rounds, int users, long seed) {
        Calibration calibration = Calibration.none(generator.layout());
        double before = Double.NaN;
        for (int round = 0; round < rounds; round++) {
            Calibration.Counts sample = sample(generator, calibration, users, GanTrainer.mix(seed, round));
            double distance = sample.distance(target);
            if (round == 0) {
                before = distance;
            }
            LOG.debug("calibration round {}: token distance {}", round + 1, distance);
            calibration = calibration.refit(target, sample);
        }
        double after = sample(generator, calibration, users, GanTrainer.mix(seed, rounds)).distance(target);
        return new Fit(calibration, before, after);
    }

    private static Calibration.Counts sample(GanGenerator generator, Calibration calibration, int users, long seed) {
        GanGenerator calibrated = generator.withCalibration(calibration, null);
        List<int[]> first = new ArrayList<>();
        List<int[]> later = new ArrayList<>();
        long shards = Math.max(1, (users + GanGenerator.SHARD - 1) / GanGenerator.SHARD);
        for (long shard = 0; shard < shards; shard++) {
            for (List<int[]> sessions : calibrated.sampleShard(shard, seed).sessions()) {
                first.add(sessions.get(0));
                later.addAll(sessions.subList(1, sessions.size()));
            }
        }
        return Calibration.Counts.of(generator.layout(), first, later);
    }
}
