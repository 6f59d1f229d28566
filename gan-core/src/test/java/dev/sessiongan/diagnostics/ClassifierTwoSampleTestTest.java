package dev.sessiongan.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.TestData;
import dev.sessiongan.baseline.MarkovTrainer;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.internal.Auc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClassifierTwoSampleTestTest {

    private static SessionDataset train;
    private static SessionDataset holdout;

    @BeforeAll
    static void read() {
        train = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT)
                .dataset();
        holdout = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/holdout.csv"), ReadOptions.DEFAULT)
                .dataset();
    }

    @Test
    void aucCountsTiesAsHalf() {
        assertThat(Auc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1})).isEqualTo(0.75);
        assertThat(Auc.of(new double[] {1, 1, 1, 1}, new int[] {0, 1, 0, 1})).isEqualTo(0.5);
        assertThat(Auc.of(new double[] {0, 1}, new int[] {0, 1})).isEqualTo(1.0);
    }

    @Test
    void aSampleAgainstItselfIsIndistinguishable() {
        var result = new ClassifierTwoSampleTest().run(train.sessions(), train.sessions(), 3);

        assertThat(result.auc()).isCloseTo(0.5, within(0.05));
    }

    @Test
    void unseenRealUsersAreIndistinguishableFromTrainingUsers() {
        var result = new ClassifierTwoSampleTest().run(train.sessions(), holdout.sessions(), 1);

        assertThat(result.sizeEach()).isEqualTo(holdout.sessions().size());
        assertThat(result.auc()).isBetween(0.45, 0.55);
    }

    @Test
    void obviouslyDifferentSessionsAreSeparated() {
        List<UserSession> oneClickSessions = new ArrayList<>();
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            oneClickSessions.add(new UserSession("s" + i, "u" + i,
                    List.of(new ClickEvent(t, EventType.PURCHASE, "only-item", "c"))));
        }

        assertThat(new ClassifierTwoSampleTest().run(oneClickSessions, holdout.sessions(), 1).auc()).isGreaterThan(0.95);
    }

    @Test
    void theMarkovBaselineIsDetectablyImperfect() {
        List<UserSession> synthetic = MarkovTrainer.fit(train).users(GenerationRequest.of(3_000, 1))
                .flatMap(u -> u.sessions().stream()).toList();

        double auc = new ClassifierTwoSampleTest().run(synthetic, holdout.sessions(), 1).auc();

        assertThat(auc).isBetween(0.55, 0.9);
    }

    @Test
    void sameSeedSameAuc() {
        double a = new ClassifierTwoSampleTest().run(train.sessions(), holdout.sessions(), 9).auc();
        double b = new ClassifierTwoSampleTest().run(train.sessions(), holdout.sessions(), 9).auc();

        assertThat(a).isEqualTo(b);
    }
}
