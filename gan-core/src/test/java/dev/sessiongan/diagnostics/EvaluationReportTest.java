package dev.sessiongan.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.TestData;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.EvaluationReport.Standing;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    /** Distances of 0.1 but for the event mix, transitions and categories. */
    private static Fidelity fidelity(double eventType, double transitions, double categories) {
        return new Fidelity(eventType, transitions, 0.1, 0.1, categories, 0.1, 0.1, 0.1, 0.1, 0.1);
    }

    /** A column holding only its fidelity draws (what the comparison reads). */
    private static Evaluation column(String name, List<Fidelity> draws) {
        return new Evaluation(name, 100, 0.5, Fidelity.mean(draws), null, null, null, null,
                Collections.nCopies(draws.size(), test(0.5)), draws);
    }

    /** The REES46 holdout's sessions in two halves, for columns that need real samples. */
    private static List<List<UserSession>> holdoutHalves() {
        List<UserSession> holdout = ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/holdout.csv"), ReadOptions.DEFAULT).dataset().sessions();
        int middle = holdout.size() / 2;
        return List.of(holdout.subList(0, middle), holdout.subList(middle, holdout.size()));
    }

    private static ClassifierTwoSampleTest.Result test(double auc) {
        return new ClassifierTwoSampleTest.Result(auc, 100, 5);
    }

    private static ClassifierTwoSampleTest.Result test(double auc, double behaviour, double catalog) {
        return new ClassifierTwoSampleTest.Result(auc, 100, 5,
                Map.of(SessionFeatures.Group.BEHAVIOUR, behaviour, SessionFeatures.Group.CATALOG, catalog));
    }

    @Test
    void aDifferenceWithinTwoStandardErrorsIsLevelAndOneBeyondThemIsNot() {
        Evaluation model = column("model", List.of(fidelity(0.004, 0.010, 0.150), fidelity(0.004, 0.020, 0.160),
                fidelity(0.004, 0.010, 0.150), fidelity(0.004, 0.020, 0.160)));
        Evaluation baseline = column("baseline", Collections.nCopies(4, fidelity(0.005, 0.013, 0.146)));

        Map<String, Standing> standings = EvaluationReport.of(Map.of(), List.of(model, baseline), null)
                .fidelityAgainst(baseline);

        // categories: 0.155 against 0.146, two standard errors 0.0058; transitions 0.015 against 0.013, same margin
        assertThat(standings).containsEntry("category_js", Standing.FURTHER)
                .containsEntry("transition_tv", Standing.LEVEL)
                .containsEntry("event_type_tv", Standing.CLOSER)
                .containsEntry("session_length_ks", Standing.LEVEL)
                .hasSize(10);
        assertThat(model.fidelitySd().transitionTv()).isCloseTo(0.005774, within(1e-6));
        assertThat(baseline.fidelitySd().categoryJs()).isZero();
    }

    @Test
    void withOneDrawASideEveryDifferenceCounts() {
        Evaluation model = column("model", List.of(fidelity(0.004, 0.015, 0.155)));
        Evaluation baseline = column("baseline", List.of(fidelity(0.005, 0.013, 0.146)));

        Map<String, Standing> standings = EvaluationReport.of(Map.of(), List.of(model, baseline), null)
                .fidelityAgainst(baseline);

        assertThat(standings).containsEntry("category_js", Standing.FURTHER)
                .containsEntry("transition_tv", Standing.FURTHER)
                .containsEntry("event_type_tv", Standing.CLOSER)
                .containsEntry("item_head_js", Standing.LEVEL);
        assertThat(model.fidelitySd().asMap().values()).containsOnly(0.0);
    }

    @Test
    void theSummaryAndTheReportSayWhereEachMetricStands() throws java.io.IOException {
        List<List<UserSession>> halves = holdoutHalves();
        List<UserSession> first = halves.get(0);
        List<UserSession> second = halves.get(1);
        Evaluation model = Evaluation.of("model", first, second, null, 1).withDraws(
                Collections.nCopies(4, test(0.5, 0.52, 0.56)),
                List.of(fidelity(0.004, 0.010, 0.150), fidelity(0.004, 0.020, 0.160), fidelity(0.004, 0.010, 0.150),
                        fidelity(0.004, 0.020, 0.160)));
        Evaluation baseline = Evaluation.of("baseline", second, first, null, 1).withDraws(
                Collections.nCopies(4, test(0.5)), Collections.nCopies(4, fidelity(0.005, 0.013, 0.146)));
        EvaluationReport report = EvaluationReport.of(Map.of(), List.of(model, baseline), null);

        assertThat(report.summary()).contains("Fidelity: as close to the holdout as baseline or closer on 9 of 10"
                + " metrics; closer on event_type_tv; level on transition_tv, session_length_ks, inter_event_time_ks,"
                + " item_head_js, item_rank_shape_js, sessions_per_user_ks, view_to_cart_gap, cart_to_purchase_gap;"
                + " further on category_js (level: within two standard errors of the difference, over 4 draws each).");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        report.writeJson(out);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toByteArray());
        assertThat(json.at("/fidelity_against_yardstick/yardstick").asText()).isEqualTo("baseline");
        assertThat(json.at("/fidelity_against_yardstick/category_js").asText()).isEqualTo("further");
        assertThat(json.at("/fidelity_against_yardstick/transition_tv").asText()).isEqualTo("level");
        assertThat(json.at("/columns/0/fidelity_sd/transition_tv").asDouble()).isCloseTo(0.005774, within(1e-6));
        assertThat(json.at("/columns/0/fidelity_draws")).hasSize(4);
        assertThat(json.at("/columns/0/classifier_auc_catalog").asDouble()).isEqualTo(0.56);
        assertThat(json.at("/columns/0/classifier_auc_behaviour_draws")).hasSize(4);
        assertThat(json.at("/columns/1/classifier_auc_behaviour").isMissingNode()).isTrue();
        assertThat(report.summary()).noneMatch(line -> line.startsWith("Of which"));
    }

    @Test
    void eachDrawHasAnAucAndAFidelity() {
        assertThatThrownBy(() -> new Evaluation("model", 100, 0.5, fidelity(0, 0, 0), null, null, null, null,
                List.of(test(0.5), test(0.6)), List.of(fidelity(0, 0, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 AUCs, 1 fidelities");
    }

    @Test
    void groupAucsAreAveragedOverTheDrawsAndReportedBesideTheWhole() {
        List<Fidelity> fidelities = Collections.nCopies(2, fidelity(0.004, 0.010, 0.150));
        List<List<UserSession>> halves = holdoutHalves();
        List<UserSession> first = halves.get(0);
        List<UserSession> second = halves.get(1);
        Evaluation model = Evaluation.of("model", first, second, null, 1)
                .withDraws(List.of(test(0.54, 0.51, 0.57), test(0.56, 0.53, 0.59)), fidelities);
        Evaluation plain = column("plain", fidelities);

        assertThat(model.hasGroupAucs()).isTrue();
        assertThat(model.classifierAuc(SessionFeatures.Group.BEHAVIOUR)).isCloseTo(0.52, within(1e-12));
        assertThat(model.classifierAuc(SessionFeatures.Group.CATALOG)).isCloseTo(0.58, within(1e-12));
        assertThat(model.classifierAucSd(SessionFeatures.Group.CATALOG)).isCloseTo(Math.sqrt(0.0002), within(1e-12));
        assertThat(plain.hasGroupAucs()).isFalse();
        assertThatThrownBy(() -> plain.classifierAuc(SessionFeatures.Group.CATALOG))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plain");

        Evaluation baseline = Evaluation.of("baseline", second, first, null, 1)
                .withDraws(List.of(test(0.60, 0.55, 0.62), test(0.60, 0.55, 0.62)), fidelities);
        assertThat(EvaluationReport.of(Map.of(), List.of(model, baseline), null).summary())
                .contains("Of which: on behaviour features alone (length, event types, timing, repeats) AUC 0.520 ±"
                        + " 0.014; on catalog features alone (how popular its items and categories are) 0.580 ± 0.014;"
                        + " baseline 0.550 ± 0.000 and 0.620 ± 0.000.");
        Evaluation withoutGroups = baseline.withDraws(List.of(test(0.6)), fidelities.subList(0, 1));
        assertThat(EvaluationReport.of(Map.of(), List.of(model, withoutGroups), null).summary())
                .noneMatch(line -> line.startsWith("Of which"));
    }
}
