package dev.sessiongan.diagnostics;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describes a session by its behaviour, never by catalog identity: length, event-type mix, repeats,
 * timing, and how popular its items and categories are. Popularity is counted over a reference sample
 * (for a two-sample test: both samples pooled), so a feature never says "this item was in the training
 * data" and real-vs-real comparisons stay near chance.
 */
public final class SessionFeatures {

    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of(
            "log_length", "distinct_item_ratio", "distinct_category_ratio",
            "frac_view", "frac_add_to_cart", "frac_remove_from_cart", "frac_wishlist", "frac_purchase", "frac_search",
            "starts_with_view", "ends_with_purchase",
            "log_duration_s", "mean_log_gap_s", "max_log_gap_s",
            "repeat_item_ratio", "repeat_category_ratio",
            "mean_log_item_popularity", "min_log_item_popularity", "singleton_item_ratio",
            "mean_log_category_popularity", "unknown_category_ratio");

    /**
     * What a feature describes. A generator's tokens decide a session's behaviour; which real items and
     * categories stand behind them is the catalog's (decoding tables, popularity draws), so the two parts
     * of a two-sample test's AUC point at different parts of a model.
     */
    public enum Group {
        /** Length, event-type mix, first and last event, duration and gaps, repeated items and categories. */
        BEHAVIOUR("behaviour", 0, 16),
        /** How popular its items and categories are in the reference sample, items seen once, unknown categories. */
        CATALOG("catalog", 16, 21);

        private final String key;
        private final int from;
        private final int to;

        Group(String key, int from, int to) {
            this.key = key;
            this.from = from;
            this.to = to;
        }

        /** The group's name in reports ({@code behaviour}, {@code catalog}). */
        public String key() {
            return key;
        }

        /** The names of its features, in vector order. */
        public List<String> names() {
            return NAMES.subList(from, to);
        }

        /** Its columns of a feature vector. */
        double[] of(double[] features) {
            return Arrays.copyOfRange(features, from, to);
        }
    }

    private final Map<String, Integer> itemCounts;
    private final Map<String, Integer> categoryCounts;

    private SessionFeatures(Map<String, Integer> itemCounts, Map<String, Integer> categoryCounts) {
        this.itemCounts = itemCounts;
        this.categoryCounts = categoryCounts;
    }

    /** Features whose popularity terms count items and categories over the given sessions. */
    public static SessionFeatures over(List<UserSession> reference) {
        Map<String, Integer> items = new HashMap<>();
        Map<String, Integer> categories = new HashMap<>();
        for (UserSession s : reference) {
            for (ClickEvent e : s.events()) {
                items.merge(e.itemId(), 1, Integer::sum);
                if (e.categoryId() != null) {
                    categories.merge(e.categoryId(), 1, Integer::sum);
                }
            }
        }
        return new SessionFeatures(items, categories);
    }

    /** The feature vector of one session ({@link #NAMES} order). */
    public double[] of(UserSession session) {
        List<ClickEvent> events = session.events();
        int n = events.size();
        double[] f = new double[NAMES.size()];
        int[] types = new int[EventType.values().length];
        Set<String> items = new HashSet<>();
        Set<String> categories = new HashSet<>();
        double sumLogGap = 0;
        double maxLogGap = 0;
        int repeatItem = 0;
        int repeatCategory = 0;
        double sumItemPop = 0;
        double minItemPop = Double.MAX_VALUE;
        int singletons = 0;
        double sumCategoryPop = 0;
        int unknownCategory = 0;
        for (int i = 0; i < n; i++) {
            ClickEvent e = events.get(i);
            types[e.type().ordinal()]++;
            items.add(e.itemId());
            if (e.categoryId() != null) {
                categories.add(e.categoryId());
                sumCategoryPop += Math.log(categoryCounts.getOrDefault(e.categoryId(), 0) + 1.0);
            } else {
                unknownCategory++;
            }
            int pop = itemCounts.getOrDefault(e.itemId(), 0);
            double logPop = Math.log(pop + 1.0);
            sumItemPop += logPop;
            minItemPop = Math.min(minItemPop, logPop);
            singletons += pop <= 1 ? 1 : 0;
            if (i > 0) {
                ClickEvent p = events.get(i - 1);
                double gap = Math.log1p(Math.max(0, Duration.between(p.timestamp(), e.timestamp()).toMillis()) / 1000.0);
                sumLogGap += gap;
                maxLogGap = Math.max(maxLogGap, gap);
                repeatItem += p.itemId().equals(e.itemId()) ? 1 : 0;
                repeatCategory += e.categoryId() != null && e.categoryId().equals(p.categoryId()) ? 1 : 0;
            }
        }
        int k = 0;
        f[k++] = Math.log(n);
        f[k++] = items.size() / (double) n;
        f[k++] = categories.size() / (double) n;
        for (EventType type : EventType.values()) {
            f[k++] = types[type.ordinal()] / (double) n;
        }
        f[k++] = events.get(0).type() == EventType.VIEW ? 1 : 0;
        f[k++] = events.get(n - 1).type() == EventType.PURCHASE ? 1 : 0;
        f[k++] = Math.log1p(session.duration().toMillis() / 1000.0);
        f[k++] = n > 1 ? sumLogGap / (n - 1) : 0;
        f[k++] = maxLogGap;
        f[k++] = n > 1 ? repeatItem / (double) (n - 1) : 0;
        f[k++] = n > 1 ? repeatCategory / (double) (n - 1) : 0;
        f[k++] = sumItemPop / n;
        f[k++] = minItemPop;
        f[k++] = singletons / (double) n;
        f[k++] = n > unknownCategory ? sumCategoryPop / (n - unknownCategory) : 0;
        f[k] = unknownCategory / (double) n;
        return f;
    }
}
