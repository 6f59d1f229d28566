package dev.sessiongan.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.TestData;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextItemHitRateTest {

    @Test
    void learnedTransitionsAreHits() {
        List<UserSession> fit = List.of(TestSessions.viewsOf("1", "u", "a", "b", "c"));
        List<UserSession> holdout = List.of(TestSessions.viewsOf("2", "v", "a", "b", "b", "c"));

        NextItemHitRate r = NextItemHitRate.of(fit, holdout);

        assertThat(r.cases()).isEqualTo(2); // b -> b is a repeat, not a case
        assertThat(r.hitRate()).isEqualTo(1.0);
    }

    @Test
    void unknownItemsAreMisses() {
        List<UserSession> fit = List.of(TestSessions.viewsOf("1", "u", "a", "b"));
        List<UserSession> holdout = List.of(TestSessions.viewsOf("2", "v", "x", "y", "z"));

        assertThat(NextItemHitRate.of(fit, holdout).hitRate()).isZero();
    }

    @Test
    void realTrainingDataPredictsTheHoldoutBetterThanNoData() {
        List<UserSession> train = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT).dataset().sessions();
        List<UserSession> holdout = ClickstreamFormats.rees46().read(
                TestData.file("rees46_multicategory/holdout.csv"), ReadOptions.DEFAULT).dataset().sessions();

        NextItemHitRate real = NextItemHitRate.of(train, holdout);
        NextItemHitRate shuffled = NextItemHitRate.of(List.of(TestSessions.viewsOf("1", "u", "a", "b")), holdout);

        assertThat(real.cases()).isGreaterThan(500);
        assertThat(real.hitRate()).isGreaterThan(0.05).isGreaterThan(shuffled.hitRate());
    }
}
