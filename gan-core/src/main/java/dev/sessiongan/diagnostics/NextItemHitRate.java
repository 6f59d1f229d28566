package dev.sessiongan.diagnostics;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Train on synthetic, test on real: a simple next-item recommender (which item follows which, backed by
 * popularity) is fitted on one set of sessions and asked, at every step of real holdout sessions where
 * the shopper moves to another item, for its top {@value #K}. Fitted on synthetic sessions, its hit
 * rate says how much of the real item-to-item structure the synthetic data carries; fitted on the real
 * training sessions, it gives the ceiling.
 *
 * @param hitRate share of holdout steps whose next item is in the top {@value #K}
 * @param cases   holdout steps evaluated
 */
public record NextItemHitRate(double hitRate, long cases) {

    static final int K = 20;

    /** Fits the recommender on {@code fitOn} and scores it on {@code holdout}. */
    public static NextItemHitRate of(List<UserSession> fitOn, List<UserSession> holdout) {
        Map<String, Map<String, Long>> next = new HashMap<>();
        Map<String, Long> popularity = new HashMap<>();
        for (UserSession s : fitOn) {
            List<ClickEvent> events = s.events();
            for (int i = 0; i < events.size(); i++) {
                popularity.merge(events.get(i).itemId(), 1L, Long::sum);
                if (i > 0 && !events.get(i).itemId().equals(events.get(i - 1).itemId())) {
                    next.computeIfAbsent(events.get(i - 1).itemId(), k -> new HashMap<>())
                            .merge(events.get(i).itemId(), 1L, Long::sum);
                }
            }
        }
        List<String> popular = Samples.ranked(popularity, K + 1);
        Map<String, Set<String>> cache = new HashMap<>();
        long cases = 0;
        long hits = 0;
        for (UserSession s : holdout) {
            List<ClickEvent> events = s.events();
            for (int i = 1; i < events.size(); i++) {
                String current = events.get(i - 1).itemId();
                String target = events.get(i).itemId();
                if (target.equals(current)) {
                    continue;
                }
                Set<String> top = cache.computeIfAbsent(current, c -> recommend(c, next, popular));
                hits += top.contains(target) ? 1 : 0;
                cases++;
            }
        }
        return new NextItemHitRate(cases == 0 ? 0 : hits / (double) cases, cases);
    }

    private static Set<String> recommend(String current, Map<String, Map<String, Long>> next, List<String> popular) {
        Set<String> top = new LinkedHashSet<>(Samples.ranked(next.getOrDefault(current, Map.of()), K));
        for (String item : popular) {
            if (top.size() >= K) {
                break;
            }
            if (!item.equals(current)) {
                top.add(item);
            }
        }
        return top;
    }
}
