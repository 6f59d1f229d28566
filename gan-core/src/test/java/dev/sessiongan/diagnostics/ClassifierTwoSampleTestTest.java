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
import java.time.Duration;
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
        // the same, given as two samples: positives, then negatives
        assertThat(Auc.of(new double[] {0.35, 0.8}, new double[] {0.1, 0.4})).isEqualTo(0.75);
        assertThat(Auc.of(new double[] {1, 1}, new double[] {1, 1})).isEqualTo(0.5);
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

    @Test
    void byGroupTheWholeAucIsTheTestsAndEachGroupSeesOnlyItsOwnDifference() {
        // the holdout's sessions ten times slower: what they do changes, not which items they visit
        List<UserSession> slowed = holdout.sessions().stream().map(s -> {
            Instant start = s.events().get(0).timestamp();
            return new UserSession(s.sessionId(), s.userId(), s.events().stream().map(e -> new ClickEvent(
                    start.plus(Duration.between(start, e.timestamp()).multipliedBy(10)), e.type(), e.itemId(),
                    e.categoryId())).toList());
        }).toList();
        // the holdout's sessions on items no other session has: which items, not what they do
        List<UserSession> renamed = holdout.sessions().stream().map(s -> new UserSession(s.sessionId(), s.userId(),
                s.events().stream().map(e -> new ClickEvent(e.timestamp(), e.type(), e.itemId() + "@" + s.sessionId(),
                        e.categoryId())).toList())).toList();
        ClassifierTwoSampleTest test = new ClassifierTwoSampleTest();

        var bySlowed = test.runByGroup(train.sessions(), slowed, 5);
        var byRenamed = test.runByGroup(train.sessions(), renamed, 5);

        var whole = test.run(train.sessions(), slowed, 5);
        assertThat(bySlowed.auc()).isEqualTo(whole.auc());
        assertThat(whole.byGroup()).isEmpty();
        assertThat(bySlowed.byGroup().get(SessionFeatures.Group.BEHAVIOUR)).isGreaterThan(0.65);
        assertThat(bySlowed.byGroup().get(SessionFeatures.Group.CATALOG)).isBetween(0.42, 0.58);
        assertThat(byRenamed.byGroup().get(SessionFeatures.Group.CATALOG)).isGreaterThan(0.7);
        assertThat(byRenamed.byGroup().get(SessionFeatures.Group.BEHAVIOUR)).isBetween(0.42, 0.58);
    }

    @Test
    void theGroupsSplitTheFeaturesBetweenThem() {
        List<String> joined = new ArrayList<>(SessionFeatures.Group.BEHAVIOUR.names());
        joined.addAll(SessionFeatures.Group.CATALOG.names());

        assertThat(joined).isEqualTo(SessionFeatures.NAMES);
        assertThat(SessionFeatures.Group.CATALOG.names()).first().isEqualTo("mean_log_item_popularity");
    }
}
