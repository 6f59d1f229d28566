package dev.sessiongan.encoding;

import dev.sessiongan.internal.SeedMix;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deals long-tail items (those few training users acted on) to generated users like cards from a shuffled
 * deck, one deck per category pool, each item in it once per training user who had it, instead of drawing
 * them independently.
 *
 * <p>Why: a tail item had one real user (or two). Drawn with replacement, a few thousand generated users
 * give many of them to several users: in a sample the size of REES46's holdout, 127 one-user items turned
 * up in more than one session (the training data's own sample: 4), and popularity features of generated
 * sessions gave them away (one sample's classifier AUC: 0.591; with a first version of this deck, 0.571).
 *
 * <p>Users are generated in runs of consecutive indices, and user {@code i} must be the same however many
 * users are asked for. A <em>pass</em> is as many whole runs as fit in the training data's number of users
 * (so that a pass takes about one deck at the training data's rate), and each pass shuffles its decks anew
 * by the generation seed. Within a pass the deck is shared in one of two ways:
 * <ul>
 *   <li>{@linkplain #inOrder in order}: the pass's runs deal one deck in user order, each run going on where
 *   the one before it stopped, and a pool whose deck runs out within the pass is shuffled again. User
 *   {@code i} then depends on the users before it in its pass (never on later ones), so generating a run
 *   out of order means replaying the runs before it in its pass. Models are trained to deal so.</li>
 *   <li>{@linkplain #turns by turns}: the runs do not depend on one another; of the pass's {@code K} runs,
 *   run {@code k} deals the deck's entries {@code k, k + K, k + 2K, ...}. A run that deals more than its
 *   share wraps round onto entries other runs deal, and one that deals less leaves some undealt: on REES46
 *   (the model of the time, its catalog the training split's), 5,000 generated users (1.6 passes) dealt
 *   3,775 of the 4,924 tail items at all, and gave 2,382 deals beyond each item's share (in order: 4,119
 *   and 2,029), and a sample the holdout's size held about 45 fewer distinct items. Models written before
 *   pass dealing deal so.</li>
 * </ul>
 * One deck serves one run (by turns) or one pass (in order), in user order, on one thread. Models written
 * before decks existed do not know their training data's user count; their tail items are drawn
 * independently.
 */
public final class TailDeck {

    private final long seed;
    private final long pass;
    private final int turn;
    private final int turns;
    private final boolean dealing;
    private final boolean inOrder;
    private final boolean newItems;
    private final Map<ItemDraw, Dealt> decks = new IdentityHashMap<>();

    /**
     * A dealt item: an index into the pool, and for an item new to the catalog dealt in that item's stead
     * (it takes the real item's category and price), the new item's id, else {@code null}.
     */
    record Deal(int index, String newItem) {
    }

    /**
     * A run's deck, dealt by turns with the other runs of its pass.
     *
     * @param firstUser     the run's first user index
     * @param runUsers      users per run
     * @param trainingUsers users in the training data (0: unknown, draw independently)
     */
    static TailDeck turns(long seed, long firstUser, int runUsers, long trainingUsers) {
        if (runUsers <= 0 || firstUser < 0 || firstUser % runUsers != 0) {
            throw new IllegalArgumentException("a run of " + runUsers + " users cannot start at user " + firstUser);
        }
        long run = firstUser / runUsers;
        int turns = runsPerPass(runUsers, trainingUsers);
        return new TailDeck(seed, run / turns, (int) (run % turns), turns, trainingUsers > 0, false, false);
    }

    /**
     * A pass's deck, dealt in user order by its runs one after another.
     *
     * @param trainingUsers users in the training data (0: unknown, draw independently)
     * @param newItems      whether a pool whose deck the pass has dealt out deals items new to the catalog
     *                      (numbered per pool and pass) instead of shuffling its deck again
     */
    static TailDeck inOrder(long seed, long pass, long trainingUsers, boolean newItems) {
        if (pass < 0) {
            throw new IllegalArgumentException("pass must be >= 0, got " + pass);
        }
        return new TailDeck(seed, pass, 0, 1, trainingUsers > 0, true, newItems);
    }

    /** How many runs of {@code runUsers} users make a pass: as many whole runs as fit in the training users. */
    static int runsPerPass(int runUsers, long trainingUsers) {
        if (runUsers <= 0) {
            throw new IllegalArgumentException("runs need users, got " + runUsers);
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, trainingUsers / runUsers));
    }

    private TailDeck(long seed, long pass, int turn, int turns, boolean dealing, boolean inOrder, boolean newItems) {
        this.seed = seed;
        this.pass = pass;
        this.turn = turn;
        this.turns = turns;
        this.dealing = dealing;
        this.inOrder = inOrder;
        this.newItems = newItems;
    }

    /**
     * A deck in this one's state that deals on independently of it: what a generator keeps of a pass to replay
     * from, instead of replaying the pass from its first run.
     */
    public TailDeck copy() {
        TailDeck copy = new TailDeck(seed, pass, turn, turns, dealing, inOrder, newItems);
        decks.forEach((draw, dealt) -> copy.decks.put(draw, copy.new Dealt(dealt)));
        return copy;
    }

    /** The next tail item of {@code draw}; the draw has a tail. */
    Deal next(ItemDraw draw, SplittableRandom random) {
        if (!dealing) {
            return new Deal(draw.tailItem(random.nextInt(draw.tailSize())), null);
        }
        return decks.computeIfAbsent(draw, this::shuffle).next(draw);
    }

    private Dealt shuffle(ItemDraw draw) {
        return new Dealt(order(draw, 0), turn, turns);
    }

    /** The deck's order in lap {@code lap} of this pass (only decks dealt in order have laps past 0). */
    private int[] order(ItemDraw draw, long lap) {
        int n = draw.tailSize();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // SeedMix.mix(0) is 0, so lap 0 keeps the order decks dealt by turns have always had
        SplittableRandom random = new SplittableRandom(SeedMix.mix(seed)
                ^ SeedMix.mix(pass * 0x9E3779B97F4A7C15L + draw.key()) ^ SeedMix.mix(lap * 0xD1B54A32D192ED03L));
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * One pool's deck as this run or pass deals it: every {@code step}-th entry from {@code position}; a deck
     * dealt in order is shuffled again for each lap.
     */
    private final class Dealt {
        private int[] order;
        private final long step;
        private long position;
        private long lap;

        Dealt(int[] order, long position, long step) {
            this.order = order;
            this.position = position;
            this.step = step;
        }

        /** Another deck's state; the order is shared, since a lap replaces it rather than changing it. */
        Dealt(Dealt other) {
            this(other.order, other.position, other.step);
            this.lap = other.lap;
        }

        Deal next(ItemDraw draw) {
            long lapNow = position / order.length;
            int entry;
            String newItem = null;
            if (inOrder && newItems && lapNow > 0) {
                // the pass has dealt the real tail out: a new item stands in for the entry at this place of the
                // pass's order (its category and price)
                entry = order[(int) (position % order.length)];
                newItem = "new-" + seed + "-" + pass + "-" + draw.key() + "-" + (position - order.length);
            } else if (inOrder) {
                if (lapNow != lap) {
                    order = order(draw, lapNow);
                    lap = lapNow;
                }
                entry = order[(int) (position % order.length)];
            } else {
                // past the deck's end, shift by one entry per lap: where the step divides the deck's size, a
                // run dealing more than its share would otherwise deal its own entries again straight away
                entry = order[(int) ((position + lapNow) % order.length)];
            }
            position += step;
            return new Deal(draw.tailItem(entry), newItem);
        }
    }
}
