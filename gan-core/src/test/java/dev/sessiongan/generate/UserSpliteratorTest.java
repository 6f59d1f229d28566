package dev.sessiongan.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A parallel stream of users splits only between the blocks its generator generates together. */
class UserSpliteratorTest {

    /** Counts the threads that reach each block of ten users. */
    private static final class Blocks implements SessionGenerator {
        final ConcurrentHashMap<Long, Set<Thread>> threads = new ConcurrentHashMap<>();

        @Override
        public String kind() {
            return "blocks";
        }

        @Override
        public int usersGeneratedTogether() {
            return 10;
        }

        @Override
        public VirtualUser user(long index, GenerationRequest request) {
            threads.computeIfAbsent(index / 10, k -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread());
            String id = SessionGenerator.userId(index);
            ClickEvent view = new ClickEvent(Instant.ofEpochSecond(index), EventType.VIEW, "i", null, null, Map.of());
            return VirtualUser.of(new UserHistory(id, List.of(new UserSession(id + "-s1", id, List.of(view)))));
        }
    }

    @Test
    void splitsFallOnBlockBoundariesAndCoverEveryUserOnce() {
        Blocks generator = new Blocks();
        Spliterator<VirtualUser> rest = new UserSpliterator(generator, GenerationRequest.of(95, 1));
        List<Spliterator<VirtualUser>> parts = new ArrayList<>(List.of(rest));
        for (int round = 0; round < 5; round++) {
            for (Spliterator<VirtualUser> part : List.copyOf(parts)) {
                Spliterator<VirtualUser> first = part.trySplit();
                if (first != null) {
                    assertThat(first.estimateSize() % 10).as("a split's first part is whole blocks").isZero();
                    parts.add(parts.indexOf(part), first);
                }
            }
        }
        assertThat(parts).hasSize(10); // nine blocks of ten and the last five: never split further
        List<String> ids = new ArrayList<>();
        parts.forEach(part -> part.forEachRemaining(user -> ids.add(user.userId())));
        assertThat(ids).isEqualTo(generator.users(GenerationRequest.of(95, 1)).map(VirtualUser::userId).toList());
    }

    @Test
    void aParallelStreamReachesEachBlockOnOneThread() {
        Blocks generator = new Blocks();
        List<VirtualUser> users = generator.users(GenerationRequest.of(10_000, 1)).parallel().toList();

        assertThat(users).hasSize(10_000);
        assertThat(generator.threads).hasSize(1_000);
        assertThat(generator.threads.values()).allSatisfy(threads -> assertThat(threads).hasSize(1));
    }
}
