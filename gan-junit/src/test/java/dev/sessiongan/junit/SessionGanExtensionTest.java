package dev.sessiongan.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.sessiongan.UserSimulator;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The extension, run through JUnit's own test kit on the sample test classes below. */
class SessionGanExtensionTest {

    /** Enough users of the embedded model for a few categories' long tail to be dealt out. */
    static final int NEW_ITEM_USERS = 300;

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

        static List<VirtualUser> withNewItems;

        @Test
        void newItems(@VirtualUsers(count = NEW_ITEM_USERS, seed = 7, newItems = true) List<VirtualUser> users) {
            withNewItems = users;
        }

        @ParameterizedTest
        @VirtualUsersSource(count = 4, seed = 9)
        void eachUser(VirtualUser user) {
            assertThat(user.userId()).startsWith("u");
        }

        @ParameterizedTest
        @VirtualUsersSource(count = 3, seed = 9, minSessionLength = 2)
        void eachUserWithLongerSessions(VirtualUser user) {
            assertThat(user.sessions()).allSatisfy(s -> assertThat(s.events()).hasSizeGreaterThanOrEqualTo(2));
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
        void markovHasNoNewItems(@VirtualUsers(count = 3, seed = 1, newItems = true,
                model = "classpath:/markov.model") List<VirtualUser> users) {
        }

        @ParameterizedTest
        @VirtualUsersSource(count = 2, model = "classpath:/markov.model", newItems = true)
        void markovHasNoNewItemsEither(VirtualUser user) {
        }

        @Test
        // the Markov baseline reaches the give-up rule in a second; the rule does not depend on the model
        void impossibleCondition(@VirtualUsers(count = 3, seed = 1, preferredCategory = "none",
                model = "classpath:/markov.model") List<VirtualUser> users) {
        }
    }

    static class FailingAfterEach {
        @Test
        void passes() {
        }

        @AfterEach
        void checkAfterwards(@VirtualUsers(count = 2, seed = 55) List<VirtualUser> users) {
            assertThat(users).isEmpty();
        }
    }

    static class NegativeLength {
        @Test
        void negativeLength(@VirtualUsers(count = 3, seed = 1, minSessionLength = -3) List<VirtualUser> users) {
        }
    }

    @Test
    void anAfterEachThatFailsReportsItsSeedAndANegativeLengthIsRefused() {
        Events afterEach = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingAfterEach.class))
                .execute().testEvents();
        Events negative = EngineTestKit.engine("junit-jupiter").selectors(selectClass(NegativeLength.class)).execute()
                .testEvents();

        afterEach.assertStatistics(s -> s.failed(1));
        Throwable failure = afterEach.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                .orElseThrow();
        assertThat(failure.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).contains("seed = 55L").contains("replay"));
        negative.assertStatistics(s -> s.failed(1));
        assertThat(negative.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                .orElseThrow().getMessage()).contains("@VirtualUsers on").contains("session length");
    }

    @Test
    void injectsListsStreamsSingleUsersAndParameterizedUsers() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(InjectingTests.class)).execute()
                .testEvents();

        tests.assertStatistics(s -> s.started(13).succeeded(13).failed(0));
        // a parameterized invocation is named by its user's id, not by the user's whole toString
        assertThat(tests.started().stream().map(e -> e.getTestDescriptor().getDisplayName())
                .filter(name -> name.startsWith("["))).hasSize(7).allMatch(name -> name.matches("\\[\\d+] u\\d+"));
        assertThat(InjectingTests.seenList).isEqualTo(InjectingTests.seenAgain);
        // the users a request with new items gets, and some of their items are new ones
        assertThat(InjectingTests.withNewItems).isEqualTo(UserSimulator.defaultModel()
                .users(GenerationRequest.of(NEW_ITEM_USERS, 7).withNewItems(true)).toList());
        assertThat(InjectingTests.withNewItems.stream().flatMap(u -> u.sessions().stream())
                .flatMap(sn -> sn.events().stream())).anyMatch(e -> e.itemId().startsWith("new-"));
    }

    @Test
    void aFailingTestReportsItsSeed() throws NoSuchMethodException {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FailingTests.class)).execute();
        Events tests = results.testEvents();

        tests.assertStatistics(s -> s.failed(4));
        List<Throwable> failures = tests.failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow())
                .toList();
        assertThat(failures).anySatisfy(t -> assertThat(t.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).contains("seed = 77L").contains("replay")));
        // both messages name a parameter alike: by name under -parameters, by position without
        String users = FailingTests.class.getDeclaredMethod("failsWithAFixedSeed", List.class).getParameters()[0]
                .isNamePresent() ? "users" : "parameter 0";
        assertThat(failures).anySatisfy(t -> assertThat(t.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).contains(users + ": seed = 77L")));
        assertThat(failures).anySatisfy(t -> assertThat(t.getMessage())
                .startsWith("@VirtualUsers on " + users + ": ").contains("preferred-category=none"));
        assertThat(failures).anySatisfy(t -> assertThat(t.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).containsPattern("seed = -?\\d+L")));
        assertThat(failures).anySatisfy(t -> assertThat(t.getMessage()).contains("preferred-category=none"));
        assertThat(failures)
                .anySatisfy(t -> assertThat(t.getMessage()).contains("cannot emit items new to the catalog"));
        // a parameterized test whose source fails is a failed container, not a failed test
        assertThat(results.containerEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow().getMessage()))
                .anySatisfy(m -> assertThat(m).contains("cannot emit items new to the catalog"));
    }
}
