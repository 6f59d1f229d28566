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
 * user who acted on it, so a deck deals an item as often per user as the training data had it.
 */
final class ItemDraw {

    private final int key;
    private final int[] head;
    private final WeightedChoice headChoice;
    private final int[] tail;

    /**
     * @param key       tells this pool's deck from the others' (slot index, or a number per OTHER category)
     * @param tailLimit the most training users a tail item has
     */
    ItemDraw(int key, EncodingParameters.ItemPool pool, int[] indices, int tailLimit) {
        this.key = key;
        List<Integer> headItems = new ArrayList<>();
        List<Integer> tailItems = new ArrayList<>();
        for (int i : indices) {
            if (pool.users()[i] > tailLimit) {
                headItems.add(i);
            } else {
                for (long u = 0; u < Math.max(1, pool.users()[i]); u++) {
                    tailItems.add(i);
                }
            }
        }
        head = headItems.stream().mapToInt(Integer::intValue).toArray();
        headChoice = head.length == 0 ? null
                : new WeightedChoice(headItems.stream().mapToLong(pool::newItemWeight).toArray());
        tail = tailItems.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean isEmpty() {
        return head.length == 0 && tail.length == 0;
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
     * An item: from the tail if asked and possible (dealt by {@code deck}), else from the head by
     * popularity, else from the tail.
     */
    TailDeck.Deal draw(boolean fromTail, SplittableRandom random, TailDeck deck) {
        if ((fromTail && tail.length > 0) || headChoice == null) {
            return deck.next(this, random);
        }
        return new TailDeck.Deal(head[headChoice.next(random)], null);
    }
}
