package dev.sessiongan.encoding;

import dev.sessiongan.internal.WeightedChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws items of one category pool: from the head (items more training users acted on than the tail
 * limit) by how many training sessions held them (an item's repeats within a session are the network's
 * REPEAT and SEEN choices, so counting its events would count them twice; models written before session
 * counts were recorded draw by events), or from the long tail — where real shoppers keep finding items
 * nobody else viewed — dealt by a {@link TailDeck}. The tail holds each of its items once per training
 * user who acted on it, so a deck deals an item as often per user as the training data had it. The head
 * is split into popularity tiers when the encoding has them: the network chooses the tier, this draws
 * within it.
 */
final class ItemDraw {

    private final int key;
    /** Per popularity tier, from the most popular: its items and their draw, {@code null} when it has none. */
    private final int[][] head;
    private final WeightedChoice[] headChoice;
    private final int[] tail;

    /**
     * @param key        tells this pool's deck from the others' (slot index, or a number per OTHER category)
     * @param parameters the tail limit and the popularity tiers
     */
    ItemDraw(int key, EncodingParameters.ItemPool pool, int[] indices, EncodingParameters parameters) {
        this.key = key;
        int tiers = parameters.popularityTiers();
        List<List<Integer>> headItems = new ArrayList<>();
        for (int t = 0; t < tiers; t++) {
            headItems.add(new ArrayList<>());
        }
        List<Integer> tailItems = new ArrayList<>();
        for (int i : indices) {
            if (pool.users()[i] > parameters.tailLimit()) {
                headItems.get(parameters.popularityTier(pool.users()[i])).add(i);
            } else {
                for (long u = 0; u < Math.max(1, pool.users()[i]); u++) {
                    tailItems.add(i);
                }
            }
        }
        head = new int[tiers][];
        headChoice = new WeightedChoice[tiers];
        for (int t = 0; t < tiers; t++) {
            List<Integer> items = headItems.get(t);
            head[t] = items.stream().mapToInt(Integer::intValue).toArray();
            headChoice[t] = items.isEmpty() ? null
                    : new WeightedChoice(items.stream().mapToLong(pool::newItemWeight).toArray());
        }
        tail = tailItems.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean isEmpty() {
        return nearestTier(0) < 0 && tail.length == 0;
    }

    int key() {
        return key;
    }

    int tailSize() {
        return tail.length;
    }

    /** The pool index of the tail's {@code i}-th entry. */
    int tailItem(int i) {
        return tail[i];
    }

    /**
     * An item: from the tail if asked and possible (dealt by {@code deck}), else from the head by popularity
     * within popularity tier {@code tier} (or the nearest tier that has items, the less popular first), else
     * from the tail.
     */
    TailDeck.Deal draw(boolean fromTail, int tier, SplittableRandom random, TailDeck deck) {
        if (fromTail && tail.length > 0) {
            return deck.next(this, random);
        }
        int from = nearestTier(tier);
        return from < 0 ? deck.next(this, random) : new TailDeck.Deal(head[from][headChoice[from].next(random)], null);
    }

    /** {@code tier} if it has items, else the nearest that has (ties to the less popular); -1 if none has. */
    private int nearestTier(int tier) {
        for (int d = 0; d < head.length; d++) {
            if (tier + d < head.length && headChoice[tier + d] != null) {
                return tier + d;
            }
            if (tier - d >= 0 && headChoice[tier - d] != null) {
                return tier - d;
            }
        }
        return -1;
    }
}
