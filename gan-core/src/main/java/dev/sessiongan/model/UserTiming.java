package dev.sessiongan.model;

import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.internal.EmpiricalDistribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When users arrive and come back: the offset of a user's first session from the start of the data, and
 * the gap between a user's sessions, as empirical distributions.
 *
 * @param dataStartMillis          the earliest training event
 * @param startOffsetQuantiles     quantiles of first-session offsets, ms
 * @param interSessionGapQuantiles quantiles of gaps between sessions, ms, or {@code null} if no user had two
 */
record UserTiming(long dataStartMillis, double[] startOffsetQuantiles, double[] interSessionGapQuantiles) {

    private static final double FALLBACK_GAP_MILLIS = 3_600_000;

    static UserTiming fit(SessionDataset dataset) {
        long start = dataset.summary().firstEvent().toEpochMilli();
        List<Double> offsets = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        for (UserHistory user : dataset.users()) {
            offsets.add((double) (user.sessions().get(0).start().toEpochMilli() - start));
            for (int i = 1; i < user.sessions().size(); i++) {
                gaps.add((double) Math.max(0, Duration.between(user.sessions().get(i - 1).end(),
                        user.sessions().get(i).start()).toMillis()));
            }
        }
        return new UserTiming(start, EmpiricalDistribution.quantilesOf(toArray(offsets)),
                EmpiricalDistribution.quantilesOf(toArray(gaps)));
    }

    long firstSessionOffset(SplittableRandom random, long resolution) {
        return round(new EmpiricalDistribution(startOffsetQuantiles).sample(random), resolution);
    }

    long gapBetweenSessions(SplittableRandom random, long resolution) {
        double gap = interSessionGapQuantiles == null ? FALLBACK_GAP_MILLIS
                : new EmpiricalDistribution(interSessionGapQuantiles).sample(random);
        return Math.max(resolution, round(gap, resolution));
    }

    private static long round(double millis, long resolution) {
        return Math.max(0, Math.round(millis / resolution) * resolution);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
