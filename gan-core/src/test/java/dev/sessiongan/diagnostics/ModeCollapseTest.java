package dev.sessiongan.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.TestData;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModeCollapseTest {

    private static List<UserSession> holdout;
    private static List<UserSession> train;

    @BeforeAll
    static void read() {
        holdout = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/holdout.csv"), ReadOptions.DEFAULT)
                .dataset().sessions();
        train = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT.withMaxRows(6_000)).dataset().sessions();
    }

    @Test
    void aSampleAgainstItselfCoversEverythingAndCollapsesNothing() {
        ModeCollapse m = ModeCollapse.measure(holdout, holdout, 1);

        assertThat(m.itemCoverage()).isEqualTo(1.0);
        assertThat(m.topItemCoverage()).isEqualTo(1.0);
        assertThat(m.categoryCoverage()).isEqualTo(1.0);
        assertThat(m.itemEntropyRatio()).isCloseTo(1.0, within(1e-12));
        assertThat(m.duplicateRate()).isEqualTo(m.referenceDuplicateRate());
        assertThat(m.bins().significant()).isZero();
        assertThat(m.prdc().precision()).isEqualTo(1.0);
        assertThat(m.prdc().recall()).isEqualTo(1.0);
        assertThat(m.prdc().coverage()).isEqualTo(1.0);
        assertThat(m.verdict().ok()).isTrue();
        assertThat(m.verdict().label()).isEqualTo("no mode collapse");
    }

    @Test
    void otherRealUsersLookDiverse() {
        ModeCollapse m = ModeCollapse.measure(train, holdout, 1);

        assertThat(m.verdict().ok()).as(m.verdict().toString()).isTrue();
        assertThat(m.bins().significantFraction()).isLessThan(0.25);
        assertThat(m.prdc().coverage()).isGreaterThan(0.7);
        assertThat(m.distinctItems().get(0)).isGreaterThan(0.3);
    }

    @Test
    void aGeneratorRepeatingOneSessionIsCaught() {
        UserSession favourite = holdout.stream().filter(s -> s.length() == 3).findFirst().orElseThrow();
        List<UserSession> repeated = Collections.nCopies(holdout.size(), favourite);

        ModeCollapse m = ModeCollapse.measure(repeated, holdout, 1);

        assertThat(m.duplicateRate()).isEqualTo(1.0);
        assertThat(m.distinctSessionRatio()).isCloseTo(1.0 / holdout.size(), within(1e-12));
        assertThat(m.topItemCoverage()).isLessThan(0.05);
        assertThat(m.bins().topBins()).isEqualTo(1);
        assertThat(m.bins().concentrated()).isTrue();
        assertThat(m.prdc().recall()).isLessThan(0.1);
        assertThat(m.verdict().ok()).isFalse();
        assertThat(m.verdict().label()).isEqualTo("mode collapse");
        assertThat(m.verdict().findings()).anySatisfy(f -> assertThat(f).contains("duplicate another"))
                .anySatisfy(f -> assertThat(f).contains("behaviour bins"));
    }

    @Test
    void distinctNCountsRepeatedNGrams() {
        // items a0 a1 a2 in each of two identical sessions: 3 distinct unigrams of 6, 2 bigrams of 4, 1 trigram of 2
        UserSession s = TestSessions.views("1", 3, "a");
        ModeCollapse m = ModeCollapse.measure(List.of(s, s), List.of(s, s), 1);

        assertThat(m.distinctItems()).containsExactly(0.5, 0.5, 0.5);
        assertThat(m.duplicateRate()).isEqualTo(1.0);
    }
}
