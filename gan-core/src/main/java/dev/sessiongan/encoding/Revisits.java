package dev.sessiongan.encoding;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Returning users going back to items of their earlier sessions. The encoding's item choices look back
 * only within a session, so a later session's item that the user had before is a {@code NEW} or
 * {@code RARE} choice like any other, and decoding drew a fresh item for it: on REES46, 3.8 % of generated
 * users' later sessions went back to an earlier item against 29 % of training users'. Decoding a later
 * session therefore takes, for a {@code NEW} or {@code RARE} choice, one of the user's earlier items in the
 * generated category slot (one not yet in the session, chosen uniformly) as often as the training data's
 * later sessions did where they had such an item to go back to.
 */
final class Revisits {

    private Revisits() {
    }

    /**
     * Over the users' later sessions, the items new to their session for which an earlier session of the
     * user held an item of the same category slot not yet in this one: the share that was such an item;
     * {@code 0} when no session had one to go back to.
     */
    static double rate(List<UserHistory> users, ToIntFunction<String> slotOf) {
        long eligible = 0;
        long revisits = 0;
        for (UserHistory user : users) {
            Map<String, Integer> earlier = new LinkedHashMap<>();
            for (UserSession session : user.sessions()) {
                Set<String> inSession = new HashSet<>();
                for (ClickEvent e : session.events()) {
                    if (inSession.contains(e.itemId())) {
                        continue;
                    }
                    int slot = slotOf.applyAsInt(e.categoryId());
                    boolean canGoBack = false;
                    for (Map.Entry<String, Integer> x : earlier.entrySet()) {
                        canGoBack |= x.getValue() == slot && !inSession.contains(x.getKey());
                    }
                    if (canGoBack) {
                        eligible++;
                        revisits += earlier.containsKey(e.itemId()) ? 1 : 0;
                    }
                    inSession.add(e.itemId());
                }
                for (ClickEvent e : session.events()) {
                    earlier.putIfAbsent(e.itemId(), slotOf.applyAsInt(e.categoryId()));
                }
            }
        }
        return eligible == 0 ? 0 : revisits / (double) eligible;
    }

    /**
     * An earlier item of the user to go back to — in {@code slot}, not yet in {@code session} — with
     * probability {@code rate} when there is one, else {@code null}; draws from {@code random} only when there is one.
     */
    static ClickEvent pick(List<ClickEvent> earlier, List<ClickEvent> session, int slot, ToIntFunction<String> slotOf,
            double rate, SplittableRandom random) {
        if (earlier.isEmpty()) {
            return null;
        }
        Set<String> taken = new HashSet<>();
        session.forEach(e -> taken.add(e.itemId()));
        List<ClickEvent> candidates = new ArrayList<>();
        for (ClickEvent e : earlier) {
            if (taken.add(e.itemId()) && slotOf.applyAsInt(e.categoryId()) == slot) {
                candidates.add(e);
            }
        }
        if (candidates.isEmpty() || random.nextDouble() >= rate) {
            return null;
        }
        return candidates.get(random.nextInt(candidates.size()));
    }
}
