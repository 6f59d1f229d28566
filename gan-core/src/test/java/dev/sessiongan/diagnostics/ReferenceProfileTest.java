package dev.sessiongan.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.TestData;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceProfileTest {

    private static final List<UserSession> TRAIN = ClickstreamFormats.rees46()
            .read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT).dataset().sessions();
    private static final List<UserSession> HOLDOUT = ClickstreamFormats.rees46()
            .read(TestData.file("rees46_multicategory/holdout.csv"), ReadOptions.DEFAULT).dataset().sessions();

    @Test
    void describesTwoSameSizeSamples() {
        ReferenceProfile profile = ReferenceProfile.of(TRAIN, 1);

        assertThat(profile.sampleSessions()).isEqualTo(2_000);
        assertThat(profile.topItems()).hasSize(100);
        assertThat(profile.topItemCoverage()).isBetween(0.5, 1.0);
        assertThat(profile.duplicateRate()).isBetween(0.0, 0.5);
    }

    @Test
    void unseenRealUsersAreNotCollapsed() {
        ReferenceProfile profile = ReferenceProfile.of(HOLDOUT, 1);

        assertThat(profile.judge(TRAIN, 2).ok()).as(profile.judge(TRAIN, 2).toString()).isTrue();
    }

    @Test
    void aGeneratorRepeatingOneSessionIsCaughtWithoutRealData() {
        ReferenceProfile profile = ReferenceProfile.of(TRAIN, 1);
        List<UserSession> repeated = Collections.nCopies(3_000, TRAIN.get(5));

        Verdict v = profile.judge(repeated, 1);

        assertThat(v.label()).isEqualTo("mode collapse");
        assertThat(v.findings()).anySatisfy(f -> assertThat(f).contains("duplicate another"))
                .anySatisfy(f -> assertThat(f).contains("most frequent items"));
    }
}
