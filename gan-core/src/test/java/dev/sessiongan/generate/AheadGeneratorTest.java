package dev.sessiongan.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Users generated ahead on several threads are the generator's own, in its order. */
class AheadGeneratorTest {

    /** Users of one view each, generated ten at a time; records the threads that generate them. */
    private static final class Views implements SessionGenerator {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final long failAt;

        Views(long failAt) {
            this.failAt = failAt;
        }

        @Override
        public String kind() {
            return "views";
        }

        @Override
        public int usersGeneratedTogether() {
            return 10;
        }

        @Override
        public VirtualUser user(long index, GenerationRequest request) {
            if (index == failAt) {
                throw new InvalidInputException("user " + index + " cannot be generated");
            }
            threads.add(Thread.currentThread().getName());
            String id = SessionGenerator.userId(index);
            // a purchase now and then, so that a condition keeps some users
            EventType type = index % 7 == 3 ? EventType.PURCHASE : EventType.VIEW;
            ClickEvent event = new ClickEvent(Instant.ofEpochSecond(request.seed() + index), type, "i", null, null,
                    Map.of());
            return VirtualUser.of(new UserHistory(id, List.of(new UserSession(id + "-s1", id, List.of(event)))));
        }
    }

    @Test
    void theUsersAreTheSequentialOnesInOrderFromSeveralThreads() {
        Views generator = new Views(-1);
        GenerationRequest request = GenerationRequest.of(2_345, 4);

        List<VirtualUser> ahead;
        try (Stream<VirtualUser> users = generator.users(request, 3)) {
            ahead = users.toList();
        }

        assertThat(ahead).isEqualTo(generator.users(request).toList());
        assertThat(generator.threads).anyMatch(name -> name.startsWith("sessiongan-generate-"));
        GenerationRequest buyers = GenerationRequest.of(100, 4).withCondition(UserCondition.buyers());
        try (Stream<VirtualUser> users = generator.users(buyers, 2)) {
            assertThat(users.toList()).isEqualTo(generator.users(buyers).toList()).hasSize(100);
        }
    }

    @Test
    void aFailureInAThreadReachesTheReaderAsThrown() {
        Views generator = new Views(700);

        try (Stream<VirtualUser> users = generator.users(GenerationRequest.of(1_000, 1), 4)) {
            assertThatThrownBy(users::toList).isInstanceOf(InvalidInputException.class)
                    .hasMessage("user 700 cannot be generated");
        }
    }

    @Test
    void closingTheStreamStopsItsThreads() throws InterruptedException {
        Views generator = new Views(-1);
        String pool;
        try (Stream<VirtualUser> users = generator.users(GenerationRequest.of(100_000, 1), 2)) {
            assertThat(users.limit(5)).hasSize(5);
            pool = generator.threads.stream().filter(name -> name.startsWith("sessiongan-generate-")).findFirst()
                    .orElseThrow().replaceAll("-\\d+$", "-");
        }
        // well within the five idle seconds after which the threads would stop anyway
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (alive(pool) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(alive(pool)).as("threads of %s* still alive", pool).isFalse();
    }

    @Test
    void absurdThreadCountsAreRefused() {
        Views generator = new Views(-1);

        assertThatThrownBy(() -> generator.users(GenerationRequest.of(10, 1), 0))
                .hasMessage("threads must be in [1, 256], got 0");
        assertThatThrownBy(() -> generator.users(GenerationRequest.of(10, 1), 257))
                .hasMessage("threads must be in [1, 256], got 257");
    }

    private static boolean alive(String pool) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(pool));
    }
}
