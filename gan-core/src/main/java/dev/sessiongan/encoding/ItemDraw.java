package dev.sessiongan.encoding;

import dev.sessiongan.internal.WeightedChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws items of one category pool: from the head (items two or more training users acted on) by
 * popularity, or from the tail (items only one user acted on) uniformly — the tail is where real
 * shoppers keep finding items nobody else viewed.
 */
final class ItemDraw {

    private final int[] head;
    private final WeightedChoice headChoice;
    private final int[] tail;

    ItemDraw(EncodingParameters.ItemPool pool, int[] indices) {
        List<Integer> headItems = new ArrayList<>();
        List<Integer> tailItems = new ArrayList<>();
        for (int i : indices) {
            (pool.users()[i] >= 2 ? headItems : tailItems).add(i);
        }
        head = headItems.stream().mapToInt(Integer::intValue).toArray();
        headChoice = head.length == 0 ? null
                : new WeightedChoice(headItems.stream().mapToLong(i -> pool.counts()[i]).toArray());
        tail = tailItems.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean isEmpty() {
        return head.length == 0 && tail.length == 0;
    }

    /** A pool index: from the tail if asked and possible, else from the head, else from the tail. */
    int draw(boolean fromTail, SplittableRandom random) {
        if ((fromTail && tail.length > 0) || headChoice == null) {
            return tail[random.nextInt(tail.length)];
        }
        return head[headChoice.next(random)];
    }
}
