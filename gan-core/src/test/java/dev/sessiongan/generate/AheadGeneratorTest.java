package dev.sessiongan.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sessiongan.InvalidInputException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Users generated ahead on several threads are the generator's own, in its order. */
class AheadGeneratorTest {

    @Test
    void theUsersAreTheSequentialOnesInOrderFromSeveralThreads() {
        ViewsGenerator generator = new ViewsGenerator();
        GenerationRequest request = GenerationRequest.of(2_345, 4);
        GenerationRequest buyers = GenerationRequest.of(100, 4).withCondition(UserCondition.buyers());

        assertThat(readAhead(generator, request, 3, false)).isEqualTo(generator.users(request).toList());
        assertThat(generator.threadNames()).anyMatch(name -> name.startsWith("sessiongan-generate-"));
        assertThat(readAhead(generator, buyers, 2, false)).isEqualTo(generator.users(buyers).toList()).hasSize(100);
    }

    /** The users of {@code users(request, threads)}, read from a parallel stream if asked; the stream closed. */
    private static List<VirtualUser> readAhead(SessionGenerator generator, GenerationRequest request, int threads,
            boolean parallel) {
        try (Stream<VirtualUser> users = generator.users(request, threads)) {
            return (parallel ? users.parallel() : users).toList();
        }
    }

    @Test
    void aFailureInAThreadReachesTheReaderAsThrown() {
        ViewsGenerator generator = new ViewsGenerator(700, 0);

        try (Stream<VirtualUser> users = generator.users(GenerationRequest.of(1_000, 1), 4)) {
            assertThatThrownBy(users::toList).isInstanceOf(InvalidInputException.class)
                    .hasMessage("user 700 cannot be generated");
        }
    }

    @Test
    void closingTheStreamStopsTheBlocksBeingGeneratedAndItsThreads() throws InterruptedException {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one processor: no threads ahead");
        ViewsGenerator generator = new ViewsGenerator(-1, 2); // a block of 260 users takes half a second
        String pool;
        try (Stream<VirtualUser> users = generator.users(GenerationRequest.of(100_000, 1), 2)) {
            assertThat(users.limit(5)).hasSize(5);
            pool = generator.threadNames().stream().filter(name -> name.startsWith("sessiongan-generate-"))
                    .findFirst().orElseThrow().replaceAll("-\\d+$", "-");
        }
        long atClose = generator.generated.get();
        Thread.sleep(200);
        assertThat(generator.generated.get() - atClose).as("users made after the close").isLessThanOrEqualTo(2);
        // well within the five idle seconds after which the threads would stop anyway
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (alive(pool) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(alive(pool)).as("threads of %s* still alive", pool).isFalse();
    }

    @Test
    void moreThreadsThanProcessorsUseOnePerProcessorAndTheStreamReadsInOrderEvenInParallel() {
        ViewsGenerator generator = new ViewsGenerator();
        GenerationRequest request = GenerationRequest.of(3_000, 2);

        assertThat(readAhead(generator, request, 256, true)).isEqualTo(generator.users(request).toList());
        assertThat(generator.threadNames().stream().filter(name -> name.startsWith("sessiongan-generate-")))
                .hasSizeLessThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    }

    /** Threads hold a block each: a generator of large blocks (a Taobao model's passes) gets fewer threads. */
    @Test
    void threadsHoldAtMostABoundedNumberOfUsers() {
        ViewsGenerator small = new ViewsGenerator();
        ViewsGenerator passes = new ViewsGenerator() {
            @Override
            public int usersGeneratedTogether() {
                return 53_248;
            }
        };
        ViewsGenerator huge = new ViewsGenerator() {
            @Override
            public int usersGeneratedTogether() {
                return 200_000;
            }
        };

        assertThat(AheadGenerator.threadsFor(8, small)).isEqualTo(8);
        assertThat(AheadGenerator.threadsFor(8, passes)).isEqualTo(2);
        assertThat(AheadGenerator.threadsFor(8, huge)).isEqualTo(1);
        // one thread is the sequential stream itself: no thread of its own
        GenerationRequest request = GenerationRequest.of(30, 3);
        try (var users = huge.users(request, 8)) {
            assertThat(users.toList()).isEqualTo(small.users(request).toList());
        }
        assertThat(huge.threadNames()).noneMatch(name -> name.startsWith("sessiongan-generate-"));
    }

    @Test
    void absurdThreadCountsAreRefused() {
        ViewsGenerator generator = new ViewsGenerator();

        assertThatThrownBy(() -> generator.users(GenerationRequest.of(10, 1), 0))
                .hasMessage("threads must be in [1, 256], got 0");
        assertThatThrownBy(() -> generator.users(GenerationRequest.of(10, 1), 257))
                .hasMessage("threads must be in [1, 256], got 257");
    }

    private static boolean alive(String pool) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(pool));
    }
}
