package dev.sessiongan.generate;

import java.util.Spliterator;
import java.util.function.Consumer;

/**
 * A request's users from {@code next} up to {@code end}, by index. It splits only between the blocks of
 * users its generator generates together, so that a parallel stream's threads never share one.
 */
final class UserSpliterator implements Spliterator<VirtualUser> {
    private final SessionGenerator generator;
    private final GenerationRequest request;
    private final long block;
    private final long end;
    private long next;

    UserSpliterator(SessionGenerator generator, GenerationRequest request) {
        this(generator, request, Math.max(1, generator.usersGeneratedTogether()), 0, request.users());
    }

    private UserSpliterator(SessionGenerator generator, GenerationRequest request, long block, long next, long end) {
        this.generator = generator;
        this.request = request;
        this.block = block;
        this.next = next;
        this.end = end;
    }

    @Override
    public boolean tryAdvance(Consumer<? super VirtualUser> action) {
        if (next >= end) {
            return false;
        }
        action.accept(generator.user(next++, request));
        return true;
    }

    @Override
    public void forEachRemaining(Consumer<? super VirtualUser> action) {
        while (next < end) {
            action.accept(generator.user(next++, request));
        }
    }

    @Override
    public Spliterator<VirtualUser> trySplit() {
        long middle = (next + (end - next) / 2) / block * block;
        if (middle <= next) {
            // fewer than two blocks left: split after the first (a boundary past Long.MAX_VALUE wraps below next)
            middle = next - next % block + block;
        }
        if (middle <= next || middle >= end) {
            return null;
        }
        UserSpliterator first = new UserSpliterator(generator, request, block, next, middle);
        next = middle;
        return first;
    }

    @Override
    public long estimateSize() {
        return end - next;
    }

    @Override
    public int characteristics() {
        return ORDERED | SIZED | SUBSIZED | IMMUTABLE | NONNULL;
    }
}
