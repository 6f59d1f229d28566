package dev.sessiongan.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.sessiongan.generate.VirtualUser;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The extension, run through JUnit's own test kit on the sample test classes below. */
class SessionGanExtensionTest {

    /** Sample tests the kit runs; not run directly (the nested classes are static and excluded by name). */
    static class InjectingTests {
        static List<VirtualUser> seenList;
        static List<VirtualUser> seenAgain;

        @Test
        void list(@VirtualUsers(count = 25, seed = 42) List<VirtualUser> users) {
            seenList = users;
            assertThat(users).hasSize(25);
        }

        @Test
        void sameSeedSameUsers(@VirtualUsers(count = 25, seed = 42) List<VirtualUser> users) {
            seenAgain = users;
        }

        @Test
        void stream(@VirtualUsers(count = 5, seed = 1) Stream<VirtualUser> users) {
            assertThat(users).hasSize(5);
        }

        @Test
        void single(@VirtualUsers(seed = 3) VirtualUser user) {
            assertThat(user.sessions()).isNotEmpty();
        }

        @Test
        void buyers(@VirtualUsers(count = 20, seed = 5, buyersOnly = true) List<VirtualUser> users) {
            assertThat(users).allSatisfy(u -> assertThat(u.profile().buyer()).isTrue());
        }

        @ParameterizedTest
        @VirtualUsersSource(count = 4, seed = 9)
        void eachUser(VirtualUser user) {
            assertThat(user.userId()).startsWith("u");
        }
    }

    static class FailingTests {
        @Test
        void failsWithAFixedSeed(@VirtualUsers(count = 3, seed = 77) List<VirtualUser> users) {
            assertThat(users).isEmpty();
        }

        @Test
        void failsWithARandomSeed(@VirtualUsers(count = 3) List<VirtualUser> users) {
            assertThat(users).isEmpty();
        }

        @Test
        // the Markov baseline reaches the give-up rule in a second; the rule does not depend on the model
        void impossibleCondition(@VirtualUsers(count = 3, seed = 1, preferredCategory = "none",
                model = "classpath:/markov.model") List<VirtualUser> users) {
        }
    }

    @Test
    void injectsListsStreamsSingleUsersAndParameterizedUsers() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(InjectingTests.class)).execute()
                .testEvents();

        tests.assertStatistics(s -> s.started(9).succeeded(9).failed(0));
        assertThat(InjectingTests.seenList).isEqualTo(InjectingTests.seenAgain);
    }

    @Test
    void aFailingTestReportsItsSeed() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingTests.class)).execute()
                .testEvents();

        tests.assertStatistics(s -> s.failed(3));
        List<Throwable> failures = tests.failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow())
                .toList();
        assertThat(failures).anySatisfy(t -> assertThat(t.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).contains("seed = 77L").contains("replay")));
        assertThat(failures).anySatisfy(t -> assertThat(t.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).containsPattern("seed = -?\\d+L")));
        assertThat(failures).anySatisfy(t -> assertThat(t.getMessage()).contains("preferred-category=none"));
    }
}
