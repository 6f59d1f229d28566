package dev.sessiongan.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import org.junit.jupiter.api.Test;

/** A parallel stream of users splits only between the blocks its generator generates together. */
class UserSpliteratorTest {

    @Test
    void splitsFallOnBlockBoundariesAndCoverEveryUserOnce() {
        ViewsGenerator generator = new ViewsGenerator();
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
        assertThat(parts).allSatisfy(part -> assertThat(part.trySplit()).isNull());
        List<String> ids = new ArrayList<>();
        parts.forEach(part -> part.forEachRemaining(user -> ids.add(user.userId())));
        assertThat(ids).isEqualTo(generator.users(GenerationRequest.of(95, 1)).map(VirtualUser::userId).toList());
    }

    @Test
    void aRangeThatStartsOrEndsInsideABlockSplitsAtTheBlocksWithinIt() {
        ViewsGenerator generator = new ViewsGenerator();
        Spliterator<VirtualUser> all = new UserSpliterator(generator, GenerationRequest.of(95, 1));
        Spliterator<VirtualUser> head = all.trySplit(); // users 0-39 | 40-94
        all.tryAdvance(user -> { }); // now 41-94, starting inside a block

        Spliterator<VirtualUser> next = all.trySplit();

        assertThat(head.estimateSize()).isEqualTo(40);
        assertThat(next.estimateSize()).as("41 up to the boundary at 60").isEqualTo(19);
        assertThat(all.estimateSize()).isEqualTo(35);
        Spliterator<VirtualUser> small = new UserSpliterator(new ViewsGenerator() {
            @Override
            public int usersGeneratedTogether() {
                return 1_000; // one block holds the whole range
            }
        }, GenerationRequest.of(95, 1));
        assertThat(small.trySplit()).isNull();
    }

    @Test
    void theLastBlockBeforeLongMaxValueDoesNotWrapAround() {
        // a conditioned request's candidates number Long.MAX_VALUE, which no multiple of ten reaches
        Spliterator<VirtualUser> rest = new UserSpliterator(new ViewsGenerator(),
                GenerationRequest.of(10, 1).withUsers(Long.MAX_VALUE));
        while (rest.estimateSize() > 10) {
            Spliterator<VirtualUser> first = rest.trySplit();
            assertThat(first).isNotNull();
            assertThat(first.estimateSize()).isPositive();
        }
        long size = rest.estimateSize();

        assertThat(rest.trySplit()).isNull();
        assertThat(rest.estimateSize()).isEqualTo(size).isEqualTo(Long.MAX_VALUE % 10);
    }

    @Test
    void aParallelStreamReachesEachBlockOnOneThread() {
        ViewsGenerator generator = new ViewsGenerator();
        List<VirtualUser> users = generator.users(GenerationRequest.of(10_000, 1)).parallel().toList();

        assertThat(users).hasSize(10_000);
        assertThat(generator.threadsByBlock).hasSize(1_000);
        assertThat(generator.threadsByBlock.values()).allSatisfy(threads -> assertThat(threads).hasSize(1));
    }
}
