package dev.sessiongan.baseline;

import dev.sessiongan.data.EventType;
import dev.sessiongan.format.TimeFormat;
import dev.sessiongan.internal.EmpiricalDistribution;
import dev.sessiongan.internal.PlainPrice;

/** Checks a Markov model's parameters, so a damaged or hand-edited model fails on load, not mid-generation. */
final class MarkovValidation {

    /** More sessions per user than any shopper has; a user is generated whole in memory, so a bound keeps it there. */
    static final int MOST_SESSIONS_PER_USER = 100_000;
    /** Longer sessions than any clickstream holds; the bound keeps a session's events in memory. */
    static final int LONGEST_SESSION = 1_000_000;
    /** No gap or offset can exceed the span of times the readers take. */
    private static final double LONGEST_SPAN_MILLIS =
            TimeFormat.LATEST.toEpochMilli() - TimeFormat.EARLIEST.toEpochMilli();

    private MarkovValidation() {
    }

    static void check(MarkovParameters p) {
        int types = EventType.values().length;
        require(p.categories() != null && !p.categories().isEmpty(), "no categories");
        int c = p.categories().size();
        int states = types * c;
        require(p.items() != null && p.items().size() == c, "items must have one entry per category");
        for (MarkovParameters.CategoryItems items : p.items()) {
            require(items.ids() != null && items.counts() != null && items.prices() != null
                    && items.ids().size() == items.counts().length && items.prices().size() == items.ids().size(),
                    "item lists of different lengths");
            for (long n : items.counts()) {
                require(n >= 0, "negative item count");
            }
            for (int i = 0; i < items.prices().size(); i++) {
                String price = items.prices().get(i);
                require(price == null || PlainPrice.matches(price),
                        "item " + items.ids().get(i) + ": price \"" + price + "\" is not a plain decimal >= 0");
            }
        }
        require(p.startStates() != null && p.startCounts() != null && p.startStates().length > 0
                && p.startStates().length == p.startCounts().length, "start states and counts must match");
        for (int s : p.startStates()) {
            requireState(s, states, p);
        }
        require(p.transitions() != null, "no transitions");
        for (MarkovParameters.TransitionRow row : p.transitions()) {
            require(row.to() != null && row.counts() != null && row.to().length == row.counts().length
                    && row.to().length > 0, "transition row of state " + row.from() + " is malformed");
            require(row.from() >= 0 && row.from() < states, "transition from unknown state " + row.from());
            for (int to : row.to()) {
                require(to == -1 || (to >= 0 && to < states), "transition to unknown state " + to);
                if (to >= 0) {
                    requireState(to, states, p);
                }
            }
        }
        double[][] repeat = p.repeatProbability();
        require(repeat != null && repeat.length == types, "repeat probabilities must be " + types + "x" + types);
        for (double[] row : repeat) {
            require(row != null && row.length == types, "repeat probabilities must be " + types + "x" + types);
            for (double v : row) {
                require(v >= 0 && v <= 1, "repeat probability outside [0, 1]: " + v);
            }
        }
        require(p.gapQuantilesMillis() != null, "no gap distributions");
        p.gapQuantilesMillis().values().forEach(q -> requireQuantiles(q, "gap"));
        require(p.sessionsPerUserValues() != null && p.sessionsPerUserCounts() != null
                && p.sessionsPerUserValues().length > 0
                && p.sessionsPerUserValues().length == p.sessionsPerUserCounts().length, "sessions per user malformed");
        for (int v : p.sessionsPerUserValues()) {
            require(v >= 1 && v <= MOST_SESSIONS_PER_USER, "sessions per user must be in [1, "
                    + MOST_SESSIONS_PER_USER + "], got " + v);
        }
        if (p.interSessionGapQuantilesMillis() != null) {
            requireQuantiles(p.interSessionGapQuantilesMillis(), "inter-session gap");
        }
        requireQuantiles(p.startOffsetQuantilesMillis(), "start offset");
        require(TimeFormat.isSupported(p.dataStartEpochMillis()),
                "data start " + p.dataStartEpochMillis() + " ms is outside the years 1900-9999");
        require(p.timeResolutionMillis() >= 1, "time resolution must be >= 1 ms");
        require(p.maxSessionLength() >= 1 && p.maxSessionLength() <= LONGEST_SESSION,
                "max session length must be in [1, " + LONGEST_SESSION + "], got " + p.maxSessionLength());
    }

    private static void requireState(int state, int states, MarkovParameters p) {
        require(state >= 0 && state < states, "unknown state " + state);
        int category = state % p.categories().size();
        require(!p.items().get(category).ids().isEmpty(), "state " + state + " has a category without items");
    }

    private static void requireQuantiles(double[] q, String what) {
        require(q != null && q.length == EmpiricalDistribution.POINTS, what + " needs " + EmpiricalDistribution.POINTS
                + " quantiles");
        for (int i = 0; i < q.length; i++) {
            require(Double.isFinite(q[i]) && q[i] >= 0 && q[i] <= LONGEST_SPAN_MILLIS && (i == 0 || q[i] >= q[i - 1]),
                    what + " quantiles must be finite, non-negative, ascending and within the years 1900-9999");
        }
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
