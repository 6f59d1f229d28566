package dev.sessiongan.encoding;

import dev.sessiongan.internal.SeedMix;
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
 * sessions gave them away (one sample's classifier AUC: 0.591; with a first version of this deck, 0.571).
 *
 * <p>Users are generated in runs of consecutive indices that must not depend on one another (user {@code i}
 * is the same however many users are asked for), so runs cannot pass the deck along. Instead the runs of
 * one pass — as many whole runs as fit in the training data's number of users, so that a run's share of
 * the deck covers what its users take at the training data's rate — share a deck and take turns: of the
 * pass's {@code K} runs, run {@code k} deals the deck's entries {@code k, k + K, k + 2K, ...}. Any first
 * runs of a pass (what a request for the first users gets) thus deal entries spread over the whole deck,
 * and a run that deals no more than its share never meets another's. Each pass shuffles its decks anew by the
 * generation seed. One deck serves one run, in user order, on one thread. Models written before decks
 * existed do not know their training data's user count; their tail items are drawn independently.
 */
public final class TailDeck {

    private final long seed;
    private final long pass;
    private final int turn;
    private final int turns;
    private final boolean dealing;
    private final Map<ItemDraw, Dealt> decks = new IdentityHashMap<>();

    /**
     * @param firstUser     the run's first user index
     * @param runUsers      users per run
     * @param trainingUsers users in the training data (0: unknown, draw independently)
     */
    TailDeck(long seed, long firstUser, int runUsers, long trainingUsers) {
        if (runUsers <= 0 || firstUser < 0 || firstUser % runUsers != 0) {
            throw new IllegalArgumentException("a run of " + runUsers + " users cannot start at user " + firstUser);
        }
        this.seed = seed;
        this.dealing = trainingUsers > 0;
        this.turns = (int) Math.max(1, Math.min(Integer.MAX_VALUE, trainingUsers / runUsers));
        long run = firstUser / runUsers;
        this.pass = run / turns;
        this.turn = (int) (run % turns);
    }

    /** The pool index of the next tail item of {@code draw}; the draw has a tail. */
    int next(ItemDraw draw, SplittableRandom random) {
        if (!dealing) {
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
        SplittableRandom random = new SplittableRandom(
                SeedMix.mix(seed) ^ SeedMix.mix(pass * 0x9E3779B97F4A7C15L + draw.key()));
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new Dealt(order, turn, turns);
    }

    /** One pool's deck as this run deals it: every {@code step}-th entry from {@code position}. */
    private static final class Dealt {
        private final int[] order;
        private final long step;
        private long position;

        Dealt(int[] order, long position, long step) {
            this.order = order;
            this.position = position;
            this.step = step;
        }

        int next(ItemDraw draw) {
            // past the deck's end, shift by one entry per lap: where the step divides the deck's size, a run
            // dealing more than its share would otherwise deal its own entries again straight away
            long lap = position / order.length;
            int entry = order[(int) ((position + lap) % order.length)];
            position += step;
            return draw.tailItem(entry);
        }
    }
}
