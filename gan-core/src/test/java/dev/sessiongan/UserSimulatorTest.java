package dev.sessiongan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.baseline.MarkovGenerator;
import dev.sessiongan.baseline.MarkovTrainer;
import dev.sessiongan.data.EventType;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.generate.UserCondition;
import dev.sessiongan.generate.VirtualUser;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserSimulatorTest {

    private final UserSimulator simulator = UserSimulator.defaultModel();

    @Test
    void threeLinesGiveReproducibleUsers() {
        List<VirtualUser> a = simulator.users(100, 42);
        List<VirtualUser> b = simulator.users(GenerationRequest.of(100, 42)).toList();
        List<VirtualUser> c = simulator.users(100, 43);

        assertThat(a).hasSize(100).isEqualTo(b).isNotEqualTo(c);
        assertThat(simulator.kind()).isEqualTo("gan");
        assertThat(simulator.manifest()).isPresent();
    }

    @Test
    void theEmbeddedDefaultIsReadOnceAndShared() {
        assertThat(UserSimulator.defaultModel()).isSameAs(simulator);
    }

    @Test
    void buyersOnlyYieldsBuyersWithTheirOwnSessions() {
        GenerationRequest request = GenerationRequest.of(60, 7).withCondition(UserCondition.buyers());

        List<VirtualUser> buyers = simulator.users(request).toList();

        assertThat(buyers).hasSize(60).allSatisfy(u -> {
            assertThat(u.profile().buyer()).isTrue();
            assertThat(u.sessions()).anySatisfy(s -> assertThat(s.events())
                    .anySatisfy(e -> assertThat(e.type()).isEqualTo(EventType.PURCHASE)));
        });
        // buyers are the unconditioned model's buyers, in the same order: the condition selects, it does not distort
        List<VirtualUser> all = simulator.users(4_000, 7); // about 4 % are buyers
        List<VirtualUser> expected = all.stream().filter(u -> u.profile().buyer()).limit(60).toList();
        assertThat(buyers).isEqualTo(expected);
        assertThat(simulator.users(request).toList()).isEqualTo(buyers);
    }

    @Test
    void sessionLengthConditionHoldsForEverySession() {
        UserCondition longSessions = UserCondition.NONE.withSessionLength(5, 12);

        List<VirtualUser> users = simulator.users(GenerationRequest.of(50, 3).withCondition(longSessions)).toList();

        assertThat(users).hasSize(50).allSatisfy(u -> assertThat(u.sessions())
                .allSatisfy(s -> assertThat(s.length()).isBetween(5, 12)));
    }

    @Test
    void aConditionTheModelCanNeverMeetIsRefusedBeforeAnyUserIsDrawn() {
        GenerationRequest unknownCategory = GenerationRequest.of(5, 1)
                .withCondition(UserCondition.NONE.withPreferredCategory("no-such-category"));
        GenerationRequest tooLong = GenerationRequest.of(5, 1)
                .withCondition(UserCondition.NONE.withSessionLength(1_000, 2_000));
        SessionGenerator gan = simulator.generator();

        assertThatThrownBy(() -> simulator.users(unknownCategory))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("preferred-category=no-such-category")
                .hasMessageContaining("can never be met: this gan model has no category 'no-such-category' (it has "
                        + gan.categories().orElseThrow().size() + ", e.g. ");
        assertThatThrownBy(() -> simulator.users(tooLong))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sessions have at most " + gan.maxSessionLength() + " events");
        // what the model reports is what it generates
        List<VirtualUser> users = simulator.users(2_000, 5);
        assertThat(users).allSatisfy(u -> assertThat(u.sessions())
                .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(gan.maxSessionLength())));
        assertThat(users.stream().flatMap(u -> u.sessions().stream()).flatMap(s -> s.events().stream())
                .map(e -> e.categoryId()).filter(c -> c != null))
                .isNotEmpty().allMatch(c -> gan.categories().orElseThrow().contains(c));
    }

    @Test
    void aConditionAlmostNeverMetFailsClearlyWhileStreaming() {
        GenerationRequest request = GenerationRequest.of(5, 1)
                .withCondition(UserCondition.NONE.withPreferredCategory("no-such-category"));
        MarkovGenerator markov = MarkovTrainer.fit(ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT).dataset());
        // a generator that does not list its categories: the condition is drawn for until the give-up rule
        SessionGenerator unlisted = new SessionGenerator() {
            @Override
            public String kind() {
                return markov.kind();
            }

            @Override
            public VirtualUser user(long index, GenerationRequest r) {
                return markov.user(index, r);
            }
        };

        assertThatThrownBy(() -> UserSimulator.of(markov).users(request))
                .hasMessageContaining("this markov model has no category 'no-such-category'");
        assertThatThrownBy(() -> UserSimulator.of(unlisted).users(request).toList())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("preferred-category=no-such-category")
                .hasMessageContaining("is met by 0 of 5000 generated users");
        // counting draws them too: a sized stream's count() answered 5 without drawing one
        assertThatThrownBy(() -> UserSimulator.of(unlisted).users(request).count())
                .hasMessageContaining("is met by 0 of 5000 generated users");
    }

    @Test
    void aStartOutOfTimeAndAListTooLongAreRefusedBeforeAnyUserIsDrawn() {
        assertThatThrownBy(() -> GenerationRequest.of(2, 1).withStart(java.time.Instant.MAX))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("start must be between 1900-01-01 and 9000-01-01, got ");
        assertThatThrownBy(() -> GenerationRequest.of(2, 1).withStart(java.time.Instant.parse("1899-12-31T00:00:00Z")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(GenerationRequest.of(2, 1).withStart(GenerationRequest.LATEST_START).start())
                .isEqualTo(GenerationRequest.LATEST_START);
        assertThatThrownBy(() -> simulator.users(3_000_000_000L, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessage("a list holds at most 10,000,000 users, got 3,000,000,000; stream them instead:"
                        + " users(GenerationRequest.of(count, seed))");
    }

    @Test
    void absurdConditionsAreRefused() {
        assertThatThrownBy(() -> UserCondition.NONE.withSessionLength(5, 2)).hasMessageContaining("above max");
        assertThatThrownBy(() -> UserCondition.NONE.withSessionLength(0, 2)).hasMessageContaining(">= 1");
    }
}
