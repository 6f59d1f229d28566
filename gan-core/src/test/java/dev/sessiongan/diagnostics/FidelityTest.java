package dev.sessiongan.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.TestData;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FidelityTest {

    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private static UserSession session(String id, EventType type, int length, String item, String category) {
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            events.add(new ClickEvent(T.plusSeconds(10L * i), type, item + i, category));
        }
        return new UserSession(id, "u" + id, events);
    }

    @Test
    void identicalSamplesAreAtDistanceZero() {
        List<UserSession> real = ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/holdout.csv"), ReadOptions.DEFAULT).dataset().sessions();

        Fidelity f = Fidelity.of(real, real, 0);

        assertThat(f.asMap().values()).allSatisfy(v -> assertThat(v).isCloseTo(0.0, within(1e-12)));
    }

    @Test
    void disjointSamplesAreAtTheMaximum() {
        List<UserSession> views = List.of(session("1", EventType.VIEW, 1, "a", "x"), session("2", EventType.VIEW, 1, "b", "x"));
        List<UserSession> buys = List.of(session("3", EventType.PURCHASE, 3, "c", "y"),
                session("4", EventType.PURCHASE, 3, "d", "y"));

        Fidelity f = Fidelity.of(views, buys, 0);

        assertThat(f.eventTypeTv()).isEqualTo(1.0);
        assertThat(f.transitionTv()).isEqualTo(1.0);
        assertThat(f.categoryJs()).isCloseTo(1.0, within(1e-9));
        assertThat(f.sessionLengthKs()).isEqualTo(1.0);
        assertThat(f.itemHeadJs()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void knownMixGivesKnownDistance() {
        // 3/4 views against 1/4 views: total variation 0.5
        List<UserSession> a = List.of(session("1", EventType.VIEW, 3, "a", "x"), session("2", EventType.PURCHASE, 1, "b", "x"));
        List<UserSession> b = List.of(session("3", EventType.VIEW, 1, "c", "x"), session("4", EventType.PURCHASE, 3, "d", "x"));

        assertThat(Fidelity.of(a, b, 0).eventTypeTv()).isCloseTo(0.5, within(1e-12));
        assertThat(Fidelity.of(a, b, 0).asMap()).containsKeys("event_type_tv", "item_rank_shape_js");
        assertThat(Map.copyOf(Fidelity.of(a, b, 0).asMap())).hasSize(10);
    }

    @Test
    void comparesWholeSamplesAndCutsOnlyForTheRankShape() {
        // ten candidate sessions on ten distinct items, half in category x, against two reference sessions in x
        List<UserSession> reference = List.of(session("r1", EventType.VIEW, 1, "a", "x"),
                session("r2", EventType.VIEW, 1, "b", "x"));
        List<UserSession> candidate = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            candidate.add(session("c" + i, EventType.VIEW, 1, "c" + i, i % 2 == 0 ? "x" : "y"));
        }

        Fidelity f = Fidelity.of(candidate, reference, 3);

        // whole samples: (1/2, 1/2) against (1, 0), whatever two candidates a cut would have kept
        double m = 0.75;
        double js = 0.5 * (0.5 * log2(0.5 / m) + 0.5 * log2(0.5 / (1 - m))) + 0.5 * log2(1 / m);
        assertThat(f.categoryJs()).isCloseTo(js, within(1e-12));
        // every equal-size cut of the candidate is two items seen once, as the reference is: the same shape,
        // where the whole candidate's ten ranks differ from the reference's two
        assertThat(f.itemRankShapeJs()).isZero();
        assertThat(Fidelity.of(candidate, reference, 4).itemRankShapeJs()).isZero();
        assertThat(Fidelity.of(reference, candidate, 3).categoryJs()).isCloseTo(js, within(1e-12));
    }

    @Test
    void modelSelectionComparesOneEqualSizeCut() {
        List<UserSession> reference = List.of(session("r1", EventType.VIEW, 1, "a", "x"),
                session("r2", EventType.VIEW, 2, "b", "x"));
        List<UserSession> candidate = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            candidate.add(session("c" + i, EventType.VIEW, 1 + i % 3, "c" + i, i % 2 == 0 ? "x" : "y"));
        }

        for (long seed = 0; seed < 5; seed++) {
            assertThat(Fidelity.ofEqualSizes(candidate, reference, seed))
                    .isEqualTo(Fidelity.of(Samples.subset(candidate, 2, seed), reference, 0));
        }
    }

    @Test
    void aSampleWithASingleGapStillHasItsDistances() {
        // commons-math's KS refuses one point a side; one gap of 10 s is the same distribution as two
        List<UserSession> oneGap = List.of(session("1", EventType.VIEW, 2, "a", "x"));
        List<UserSession> twoGaps = List.of(session("2", EventType.VIEW, 3, "b", "x"));
        List<UserSession> noGap = List.of(session("3", EventType.VIEW, 1, "c", "x"));

        assertThat(Fidelity.of(oneGap, twoGaps, 0).interEventTimeKs()).isZero();
        assertThat(Fidelity.of(oneGap, twoGaps, 0).sessionLengthKs()).isEqualTo(1.0);
        assertThat(Fidelity.of(oneGap, noGap, 0).interEventTimeKs()).isEqualTo(1.0);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
