package dev.sessiongan.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OtherRunsTest {

    /** "big" has its own slot; "solo" (one item), "pair" (two) and "wide" (eight) share OTHER. */
    private static final Map<String, Integer> ITEMS = Map.of("solo", 1, "pair", 2, "wide", 8);
    private static final Set<String> TAIL = Set.of("s1", "p1");

    @Test
    void countsStartsApartForHeadAndTailAndStaysBySize() {
        List<UserSession> sessions = List.of(
                session("u1", "big:b1", "solo:s1", "solo:s1", "wide:w1", "wide:w2", "wide:w3"),
                session("u2", "pair:p1", "pair:p2", "wide:w4", "big:b1"));

        OtherRuns runs = OtherRuns.count(sessions, c -> !c.equals("big"), TAIL::contains, ITEMS);

        // s1 enters solo (a tail item; its repeat is no new item), w1 leaves solo for wide, w2 and w3 stay;
        // p1 enters pair at the session start, p2 stays, w4 leaves pair for wide
        assertThat(runs.tailStarts()).containsExactlyInAnyOrderEntriesOf(Map.of("solo", 1L, "pair", 1L));
        assertThat(runs.headStarts()).containsExactlyInAnyOrderEntriesOf(Map.of("wide", 2L));
        assertThat(runs.stay(1)).isZero();
        assertThat(runs.stay(2)).isEqualTo(0.5);
        assertThat(runs.stay(8)).isEqualTo(1.0);
        // no session tells about 4-7-item categories: they take the rate over all, 3 stays in 5
        assertThat(runs.stay(5)).isEqualTo(0.6);
        assertThat(runs.commonStay()).isEqualTo(0.6);
        assertThat(runs.events()).containsExactlyInAnyOrderEntriesOf(Map.of("solo", 2L, "pair", 2L, "wide", 4L));
        assertThat(runs.byStarts()).isTrue();
    }

    @Test
    void whatFollowsACategoryNoItemIsFiledUnderTellsNothingAboutStaying() {
        // "ghost" shares OTHER but no item is filed under it (its item's first category was another), so it
        // is never generated: no band learns a stay or a leave from what follows it (g3 still stays, no start)
        List<UserSession> sessions = List.of(session("u1", "ghost:g1", "solo:s1", "ghost:g2", "ghost:g3"));

        OtherRuns runs = OtherRuns.count(sessions, c -> !c.equals("big"), TAIL::contains, ITEMS);

        assertThat(runs.tailStarts()).containsExactlyInAnyOrderEntriesOf(Map.of("solo", 1L));
        assertThat(runs.headStarts()).containsExactlyInAnyOrderEntriesOf(Map.of("ghost", 2L));
        // the one counted pair: solo -> ghost, a leave from a one-item category
        assertThat(runs.commonStay()).isZero();
        assertThat(runs.stayByItems()).containsOnly(0.0);
    }

    @Test
    void entersEachCategoryAsOftenAsTrainingSessionsStartedInItOlderModelsAsItsEventsAsk() {
        // two 4-7-item categories: "long" started 4 times and ran 3 events per start, "short" started 4 times
        // (once on a tail item) and ran 1; "lone" was never entered
        Map<String, Long> head = Map.of("long", 4L, "short", 3L);
        Map<String, Long> tail = Map.of("short", 1L);
        Map<String, Long> events = Map.of("long", 12L, "short", 4L);
        Map<String, Integer> items = Map.of("long", 5, "short", 6, "lone", 1);

        Map<String, double[]> byStarts = new OtherRuns(head, tail, events, new double[OtherRuns.BANDS], 0, true)
                .entryWeights(items);
        // older models: the band runs 2 events per start, so "long" is entered 1.5 times per start, "short" 0.5
        Map<String, double[]> scaled = new OtherRuns(head, tail, events, new double[OtherRuns.BANDS], 0, null)
                .entryWeights(items);

        assertThat(byStarts.get("long")).containsExactly(4.0, 0.0);
        assertThat(byStarts.get("short")).containsExactly(3.0, 1.0);
        assertThat(scaled.get("long")).containsExactly(6.0, 0.0);
        assertThat(scaled.get("short")).containsExactly(1.5, 0.5);
        assertThat(byStarts.get("lone")).containsExactly(0.0, 0.0);
        assertThat(scaled.get("lone")).containsExactly(0.0, 0.0);
    }

    @Test
    void bandsAreLogarithmicInTheItemCount() {
        assertThat(OtherRuns.band(1)).isZero();
        assertThat(OtherRuns.band(2)).isEqualTo(1);
        assertThat(OtherRuns.band(3)).isEqualTo(1);
        assertThat(OtherRuns.band(4)).isEqualTo(2);
        assertThat(OtherRuns.band(1 << 20)).isEqualTo(OtherRuns.BANDS - 1);
    }

    @Test
    void refusesWhatNoFitCouldProduce() {
        double[] stays = new double[OtherRuns.BANDS];
        assertThatThrownBy(() -> new OtherRuns(Map.of(), Map.of(), Map.of(), new double[3], 0, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 stay probabilities");
        stays[4] = Double.NaN;
        assertThatThrownBy(() -> new OtherRuns(Map.of(), Map.of(), Map.of(), stays, 0, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> new OtherRuns(Map.of("c", -1L), Map.of(), Map.of(), new double[OtherRuns.BANDS], 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
    }

    /** Events given as "category:item", one second apart. */
    private static UserSession session(String user, String... events) {
        List<ClickEvent> list = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            String[] parts = events[i].split(":");
            list.add(new ClickEvent(Instant.ofEpochSecond(i), EventType.VIEW, parts[1], parts[0], null, Map.of()));
        }
        return new UserSession(user + "-s1", user, list);
    }
}
