package dev.sessiongan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.baseline.MarkovTrainer;
import dev.sessiongan.data.EventType;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
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
    void anImpossibleConditionFailsClearly() {
        GenerationRequest request = GenerationRequest.of(5, 1)
                .withCondition(UserCondition.NONE.withPreferredCategory("no-such-category"));
        // the give-up rule does not depend on the model; the Markov baseline reaches it in a second
        UserSimulator markov = UserSimulator.of(MarkovTrainer.fit(ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT).dataset()));

        assertThatThrownBy(() -> markov.users(request).toList())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("preferred-category=no-such-category")
                .hasMessageContaining("almost) never");
    }

    @Test
    void absurdConditionsAreRefused() {
        assertThatThrownBy(() -> UserCondition.NONE.withSessionLength(5, 2)).hasMessageContaining("above max");
        assertThatThrownBy(() -> UserCondition.NONE.withSessionLength(0, 2)).hasMessageContaining(">= 1");
    }
}
