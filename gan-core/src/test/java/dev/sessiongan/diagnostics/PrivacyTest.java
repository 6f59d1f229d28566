package dev.sessiongan.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.TestData;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrivacyTest {

    private static List<UserSession> train;
    private static List<UserSession> holdout;

    @BeforeAll
    static void read() {
        SessionDataset data = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT).dataset();
        train = data.sessions();
        holdout = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/holdout.csv"), ReadOptions.DEFAULT)
                .dataset().sessions();
    }

    @Test
    void aCopyOfTheTrainingSetFails() {
        Privacy p = Privacy.measure(train, train, holdout, 1);

        assertThat(p.exactCopyRate()).isEqualTo(1.0);
        assertThat(p.meanDcr()).isZero();
        assertThat(p.zeroDcrRate()).isEqualTo(1.0);
        assertThat(p.membershipAuc()).isGreaterThan(0.6);
        assertThat(p.verdict().ok()).isFalse();
        assertThat(p.verdict().label()).isEqualTo("copies training users");
    }

    @Test
    void unseenRealUsersPass() {
        // the holdout plays the synthetic sample: by construction no closer to the training users than itself
        Privacy p = Privacy.measure(holdout, train, holdout, 1);

        assertThat(p.exactCopyRate()).isEqualTo(p.holdoutExactCopyRate());
        assertThat(p.meanDcr()).isEqualTo(p.holdoutMeanDcr());
        assertThat(p.meanDcr()).isGreaterThan(0.5);
        assertThat(p.verdict().ok()).as(p.verdict().toString()).isTrue();
    }

    @Test
    void distanceIsOneMinusJaccardOfItemSets() {
        UserSession trained = TestSessions.viewsOf("t", "ut", "a", "b", "c", "d");
        UserSession half = TestSessions.viewsOf("s", "us", "a", "b", "x", "y"); // 2 shared of 6: distance 2/3
        UserSession other = TestSessions.viewsOf("h", "uh", "p", "q");

        Privacy p = Privacy.measure(List.of(half), List.of(trained), List.of(other), 1);

        assertThat(p.meanDcr()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p.holdoutMeanDcr()).isEqualTo(1.0);
        assertThat(p.exactCopyRate()).isZero();
    }

    @Test
    void membershipInferenceSeesThroughAPartialCopy() {
        // half the synthetic sessions are training sessions, the rest are holdout-like
        List<UserSession> leaky = new ArrayList<>(train.subList(0, train.size() / 2));
        leaky.addAll(holdout);

        Privacy p = Privacy.measure(leaky, train, holdout, 2);

        assertThat(p.exactCopyRate()).isGreaterThan(p.holdoutExactCopyRate() + 0.2);
        assertThat(p.verdict().ok()).isFalse();
    }
}
