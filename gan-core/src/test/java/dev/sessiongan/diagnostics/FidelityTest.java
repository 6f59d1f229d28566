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

        Fidelity f = Fidelity.compare(real, real);

        assertThat(f.asMap().values()).allSatisfy(v -> assertThat(v).isCloseTo(0.0, within(1e-12)));
    }

    @Test
    void disjointSamplesAreAtTheMaximum() {
        List<UserSession> views = List.of(session("1", EventType.VIEW, 1, "a", "x"), session("2", EventType.VIEW, 1, "b", "x"));
        List<UserSession> buys = List.of(session("3", EventType.PURCHASE, 3, "c", "y"),
                session("4", EventType.PURCHASE, 3, "d", "y"));

        Fidelity f = Fidelity.compare(views, buys);

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

        assertThat(Fidelity.compare(a, b).eventTypeTv()).isCloseTo(0.5, within(1e-12));
        assertThat(Fidelity.compare(a, b).asMap()).containsKeys("event_type_tv", "item_rank_shape_js");
        assertThat(Map.copyOf(Fidelity.compare(a, b).asMap())).hasSize(10);
    }

    @Test
    void averagesCutsOfTheLargerSideSoNoOneCutDecides() {
        // two reference sessions in category x against ten candidates, half in x: a cut of two candidates is
        // at distance 0 when both are in x, so a mean strictly between 0 and 1 says the cuts differ
        List<UserSession> reference = List.of(session("r1", EventType.VIEW, 1, "a", "x"),
                session("r2", EventType.VIEW, 1, "a", "x"));
        List<UserSession> candidate = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            candidate.add(session("c" + i, EventType.VIEW, 1, "b", i % 2 == 0 ? "x" : "y"));
        }

        double averaged = Fidelity.overSubsets(candidate, reference, 3).categoryJs();
        double byHand = 0;
        for (int k = 0; k < Fidelity.SUBSETS; k++) {
            byHand += Fidelity.compare(candidate, reference, 3L * Fidelity.SUBSETS + k).categoryJs() / Fidelity.SUBSETS;
        }

        assertThat(averaged).isCloseTo(byHand, within(1e-12)).isStrictlyBetween(0.0, 1.0);
        // the larger side may be the reference: its cuts are averaged alike, seeded 0..9 whatever the candidate
        double referenceByHand = 0;
        for (int k = 0; k < Fidelity.SUBSETS; k++) {
            referenceByHand += Fidelity.compare(reference, candidate, 0, k).categoryJs() / Fidelity.SUBSETS;
        }
        assertThat(Fidelity.overSubsets(reference, candidate, 3).categoryJs()).isCloseTo(referenceByHand, within(1e-12))
                .isStrictlyBetween(0.0, 1.0);
        assertThat(Fidelity.overSubsets(reference, candidate, 4).categoryJs()).isCloseTo(referenceByHand, within(1e-12));
        // equal sizes need no cut
        assertThat(Fidelity.overSubsets(reference, reference, 3).categoryJs()).isZero();
    }
}
