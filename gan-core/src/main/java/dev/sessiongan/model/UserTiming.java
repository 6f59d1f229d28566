package dev.sessiongan.model;

import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.format.TimeFormat;
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

    /** Checked here, so that a damaged model file fails as it loads, not with timestamps in year −285 million. */
    UserTiming {
        if (!TimeFormat.isSupported(dataStartMillis)) {
            throw new IllegalArgumentException("data start " + dataStartMillis + " ms is outside the years 1900-9999");
        }
        requireQuantiles(startOffsetQuantiles, "startOffsetQuantiles");
        if (interSessionGapQuantiles != null) {
            requireQuantiles(interSessionGapQuantiles, "interSessionGapQuantiles");
        }
    }

    private static void requireQuantiles(double[] q, String name) {
        if (q == null || q.length != EmpiricalDistribution.POINTS) {
            throw new IllegalArgumentException(name + " needs " + EmpiricalDistribution.POINTS + " quantiles");
        }
        for (int i = 0; i < q.length; i++) {
            if (!Double.isFinite(q[i]) || q[i] < 0 || (i > 0 && q[i] < q[i - 1])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + q[i] + ": the quantiles must be finite,"
                        + " non-negative and ascending");
            }
        }
    }

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
