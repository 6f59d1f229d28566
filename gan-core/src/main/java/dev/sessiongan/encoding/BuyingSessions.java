package dev.sessiongan.encoding;

import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which sessions of a buyer with several sessions hold a purchase. A generated user's sessions are drawn one
 * by one given the profile, so the network, having learned from the many single-session buyers that a
 * buyer's session buys, bought in most sessions of multi-session buyers too: 1.48 buying sessions per such
 * buyer on REES46 and on Taobao, against the data's 1.15 and 1.03. A buyer's plan therefore has one buying
 * session, and each of its other sessions buys as well at the rate the training data's multi-session buyers
 * did; which sessions buy is uniform (in the data a buyer's first and second sessions buy about equally
 * often: REES46 21 and 22 of 40, Taobao 87 and 113 of 203).
 */
final class BuyingSessions {

    private BuyingSessions() {
    }

    /**
     * Over users with several sessions and a purchase: their buying sessions beyond the first, per session
     * beyond the first; {@code 0} when there is no such user.
     */
    static double rate(List<UserHistory> users) {
        long further = 0;
        long furtherBuying = 0;
        for (UserHistory user : users) {
            long buying = user.sessions().stream().filter(UserSession::hasPurchase).count();
            if (buying > 0 && user.sessions().size() > 1) {
                further += user.sessions().size() - 1;
                furtherBuying += buying - 1;
            }
        }
        return further == 0 ? 0 : furtherBuying / (double) further;
    }

    /** Per session of a buyer with {@code sessions} sessions, whether it buys: at least one does. */
    static boolean[] plan(int sessions, double rate, SplittableRandom random) {
        if (sessions < 1) {
            throw new IllegalArgumentException("a buyer has at least one session, got " + sessions);
        }
        int buying = 1;
        for (int k = 1; k < sessions; k++) {
            buying += random.nextDouble() < rate ? 1 : 0;
        }
        int[] order = new int[sessions];
        for (int k = 0; k < sessions; k++) {
            order[k] = k;
        }
        boolean[] plan = new boolean[sessions];
        for (int k = 0; k < buying; k++) {
            int pick = k + random.nextInt(sessions - k);
            int chosen = order[pick];
            order[pick] = order[k];
            order[k] = chosen;
            plan[chosen] = true;
        }
        return plan;
    }
}
