package dev.sessiongan.diagnostics;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distributions a report plots for one candidate beside the holdout: session lengths (share of
 * sessions with 1 .. {@value #MAX_LENGTH}+ events), the holdout's top categories (share of events),
 * type-to-type transition matrices (row-normalised, START and END included) and item coverage of the
 * holdout's top-N items.
 *
 * @param lengthShare           candidate share per length 1 .. MAX_LENGTH (the last bucket is "or more")
 * @param holdoutLengthShare    the same for the holdout
 * @param categories            the holdout's most frequent categories
 * @param categoryShare         candidate share of events per category in {@code categories}
 * @param holdoutCategoryShare  the same for the holdout
 * @param states                transition matrix row and column labels
 * @param transitions           candidate P(next | previous), rows and columns in {@code states} order
 * @param holdoutTransitions    the same for the holdout
 * @param coverageAt            N values of the coverage curve
 * @param coverage              share of the holdout's top-N items found in the candidate, per N
 */
public record Charts(
        List<Double> lengthShare,
        List<Double> holdoutLengthShare,
        List<String> categories,
        List<Double> categoryShare,
        List<Double> holdoutCategoryShare,
        List<String> states,
        List<List<Double>> transitions,
        List<List<Double>> holdoutTransitions,
        List<Integer> coverageAt,
        List<Double> coverage) {

    static final int MAX_LENGTH = 20;
    static final int TOP_CATEGORIES = 15;
    private static final List<Integer> COVERAGE_AT = List.of(10, 20, 50, 100, 200, 500, 1000);

    /** Computes the chart series of {@code candidate} against {@code holdout}. */
    public static Charts of(List<UserSession> candidate, List<UserSession> holdout) {
        List<String> topCategories = Samples.ranked(Samples.counts(holdout, Charts::category), TOP_CATEGORIES);
        List<String> states = new ArrayList<>();
        states.add("START");
        for (EventType t : EventType.values()) {
            states.add(t.canonicalName());
        }
        states.add("END");
        Map<String, Long> holdoutItems = Samples.counts(holdout, ClickEvent::itemId);
        Set<String> candidateItems = Samples.counts(candidate, ClickEvent::itemId).keySet();
        List<String> rankedItems = Samples.ranked(holdoutItems, Integer.MAX_VALUE);
        List<Double> coverage = new ArrayList<>();
        for (int n : COVERAGE_AT) {
            List<String> top = rankedItems.subList(0, Math.min(n, rankedItems.size()));
            coverage.add(Samples.share(top, candidateItems));
        }
        return new Charts(lengths(candidate), lengths(holdout), topCategories,
                shares(candidate, topCategories), shares(holdout, topCategories), states,
                transitions(candidate, states), transitions(holdout, states), COVERAGE_AT, coverage);
    }

    private static List<Double> lengths(List<UserSession> sessions) {
        double[] share = new double[MAX_LENGTH];
        for (UserSession s : sessions) {
            share[Math.min(MAX_LENGTH, s.length()) - 1] += 1.0 / sessions.size();
        }
        return Arrays.stream(share).boxed().toList();
    }

    private static List<Double> shares(List<UserSession> sessions, List<String> categories) {
        Map<String, Long> counts = Samples.counts(sessions, Charts::category);
        double total = counts.values().stream().mapToLong(Long::longValue).sum();
        return categories.stream().map(c -> counts.getOrDefault(c, 0L) / Math.max(1, total)).toList();
    }

    private static List<List<Double>> transitions(List<UserSession> sessions, List<String> states) {
        int n = states.size();
        double[][] m = new double[n][n];
        for (UserSession s : sessions) {
            int previous = 0;
            for (ClickEvent e : s.events()) {
                int next = e.type().ordinal() + 1;
                m[previous][next]++;
                previous = next;
            }
            m[previous][n - 1]++;
        }
        List<List<Double>> rows = new ArrayList<>();
        for (double[] row : m) {
            double total = Arrays.stream(row).sum();
            rows.add(Arrays.stream(row).map(v -> total == 0 ? 0 : v / total).boxed().toList());
        }
        return rows;
    }

    private static String category(ClickEvent e) {
        return e.categoryId() == null ? "(none)" : e.categoryId();
    }
}
