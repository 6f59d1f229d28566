package dev.sessiongan.encoding;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deals long-tail items (those few training users acted on) to a run of generated users like cards from a
 * shuffled deck, one deck per category pool, each item in it once per training user who had it, instead
 * of drawing them independently.
 *
 * <p>Why: a tail item had one real user (or two). Drawn with replacement, a few thousand generated users
 * give many of them to several users: in a sample the size of REES46's holdout, 127 one-user items turned
 * up in more than one session (the training data's own sample: 4), and popularity features of generated
 * sessions gave them away (classifier AUC 0.591 on one sample; dealt from a deck, 0.571).
 *
 * <p>Users are generated in runs of consecutive indices that must not depend on one another's runs (user
 * {@code i} is the same however many users are asked for). So a run does not continue where the previous
 * one stopped: it starts at the deck position that users before it would have reached at the training
 * data's rate of tail items per user, and deals on from there. Each deck is shuffled by the generation
 * seed. One deck serves one run, in user order, on one thread. Models written before decks existed do not
 * know their training data's user count; their tail items are drawn independently, as they were.
 */
public final class TailDeck {

    private final long seed;
    private final long firstUser;
    private final long trainingUsers;
    private final Map<ItemDraw, Dealt> decks = new IdentityHashMap<>();

    TailDeck(long seed, long firstUser, long trainingUsers) {
        this.seed = seed;
        this.firstUser = firstUser;
        this.trainingUsers = trainingUsers;
    }

    /** The pool index of the next tail item of {@code draw}; the draw has a tail. */
    int next(ItemDraw draw, SplittableRandom random) {
        if (trainingUsers <= 0) {
            return draw.tailItem(random.nextInt(draw.tailSize()));
        }
        return decks.computeIfAbsent(draw, this::shuffle).next(draw);
    }

    private Dealt shuffle(ItemDraw draw) {
        int n = draw.tailSize();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + draw.key());
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        // the training data's users had the n entries of the tail, one each
        long start = (long) Math.floor(firstUser * (double) n / trainingUsers) % n;
        return new Dealt(order, start);
    }

    private static final class Dealt {
        private final int[] order;
        private long position;

        Dealt(int[] order, long position) {
            this.order = order;
            this.position = position;
        }

        int next(ItemDraw draw) {
            return draw.tailItem(order[(int) (position++ % order.length)]);
        }
    }
}
