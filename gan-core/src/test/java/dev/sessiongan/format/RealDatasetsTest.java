package dev.sessiongan.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.TestData;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.DatasetSummary;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserSession;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every built-in reader on the real files in ../shared/data, against the statistics in their READMEs. */
class RealDatasetsTest {

    @Test
    void rees46FullSampleMatchesItsReadme() {
        ReadResult result = ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/2019-Oct_head17k.csv"), ReadOptions.DEFAULT);
        DatasetSummary s = result.dataset().summary();

        assertThat(result.report().rows()).isEqualTo(17_434);
        assertThat(result.report().skipped()).isZero();
        assertThat(s.events()).isEqualTo(17_434);
        assertThat(s.users()).isEqualTo(4_504);
        // 5,066 user_session ids; one id is shared by two users, and a session belongs to one user
        assertThat(s.sessions()).isEqualTo(5_067);
        assertThat(s.items()).isEqualTo(6_493);
        assertThat(s.categories()).isEqualTo(434);
        assertThat(s.count(EventType.VIEW)).isEqualTo(17_055);
        assertThat(s.count(EventType.ADD_TO_CART)).isEqualTo(165);
        assertThat(s.count(EventType.PURCHASE)).isEqualTo(214);
        assertThat(result.dataset().sessions().stream().filter(UserSession::hasPurchase)).hasSize(200);
        assertThat(s.sessionLength().median()).isEqualTo(2);
        assertThat(s.sessionLength().p90()).isEqualTo(8);
        assertThat(s.sessionLength().max()).isEqualTo(51);
        assertThat(s.sessionLength().mean()).isCloseTo(3.44, within(0.005));
        assertThat(s.sessionsPerUser().max()).isEqualTo(7);
        assertThat(s.firstEvent()).hasToString("2019-10-01T00:00:00Z");
        assertThat(s.lastEvent()).hasToString("2019-10-01T02:50:00Z");
    }

    @Test
    void rees46KeepsPriceAndBrand() {
        ReadResult result = ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/2019-Oct_head17k.csv"), ReadOptions.DEFAULT.withMaxRows(1));
        ClickEvent first = result.dataset().sessions().get(0).events().get(0);

        assertThat(first.itemId()).isEqualTo("44600062");
        assertThat(first.price()).isEqualByComparingTo(new BigDecimal("35.79"));
        assertThat(first.attributes()).containsEntry("brand", "shiseido");
        assertThat(result.dataset().sessions().get(0).userId()).isEqualTo("541312140");
    }

    @Test
    void rees46SplitsHaveTheDocumentedSizes() {
        assertThat(ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT)
                .dataset().summary().events()).isEqualTo(14_074);
        ReadResult holdout = ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/holdout.csv"), ReadOptions.DEFAULT);
        assertThat(holdout.dataset().summary().events()).isEqualTo(3_360);
        assertThat(holdout.dataset().sessions()).allMatch(s -> Long.parseLong(s.userId()) % 5 == 0);
    }

    @Test
    void taobaoTimeWindowMatchesItsReadme() {
        DatasetSummary s = ClickstreamFormats.taobao()
                .read(TestData.file("taobao_userbehavior/UserBehavior_timewindow_110k.csv"), ReadOptions.DEFAULT)
                .dataset().summary();

        assertThat(s.events()).isEqualTo(110_300);
        assertThat(s.users()).isEqualTo(66_454);
        assertThat(s.items()).isEqualTo(84_793);
        assertThat(s.categories()).isEqualTo(3_913);
        assertThat(s.sessions()).isEqualTo(70_977);
        assertThat(s.count(EventType.VIEW)).isEqualTo(98_361);
        assertThat(s.count(EventType.ADD_TO_CART)).isEqualTo(6_063);
        assertThat(s.count(EventType.WISHLIST)).isEqualTo(3_383);
        assertThat(s.count(EventType.PURCHASE)).isEqualTo(2_493);
        assertThat(s.sessionLength().p99()).isEqualTo(6);
        assertThat(s.sessionLength().max()).isEqualTo(20);
        assertThat(s.firstEvent()).hasToString("2017-11-26T01:00:00Z");
        assertThat(s.lastEvent()).hasToString("2017-11-26T03:10:11Z");
    }

    @Test
    void taobaoFirstUsersMatchTheirReadme() {
        DatasetSummary s = ClickstreamFormats.taobao()
                .read(TestData.file("taobao_userbehavior/UserBehavior_first43users.csv"), ReadOptions.DEFAULT)
                .dataset().summary();

        assertThat(s.events()).isEqualTo(4_321);
        assertThat(s.users()).isEqualTo(43);
        assertThat(s.items()).isEqualTo(3_276);
        assertThat(s.categories()).isEqualTo(567);
        assertThat(s.sessions()).isEqualTo(722);
        assertThat(s.sessionLength().median()).isEqualTo(3);
        assertThat(s.sessionLength().p90()).isEqualTo(15);
        assertThat(s.sessionLength().max()).isEqualTo(95);
    }

    @Test
    void taobaoTrainSplitHasTheDocumentedSize() {
        assertThat(ClickstreamFormats.taobao().read(TestData.file("taobao_userbehavior/train.csv"), ReadOptions.DEFAULT)
                .dataset().summary().events()).isEqualTo(88_661);
    }

    @Test
    void ottoSampleMatchesItsReadme() {
        DatasetSummary s = ClickstreamFormats.otto()
                .read(TestData.file("otto_sample/train_first20sessions.jsonl"), ReadOptions.DEFAULT)
                .dataset().summary();

        assertThat(s.events()).isEqualTo(862);
        assertThat(s.users()).isEqualTo(20);
        assertThat(s.items()).isEqualTo(510);
        assertThat(s.sessions()).isEqualTo(144);
        assertThat(s.count(EventType.VIEW)).isEqualTo(800);
        assertThat(s.count(EventType.ADD_TO_CART)).isEqualTo(52);
        assertThat(s.count(EventType.PURCHASE)).isEqualTo(10);
        assertThat(s.sessionLength().median()).isEqualTo(3);
        assertThat(s.sessionLength().max()).isEqualTo(58);
        assertThat(s.categories()).isZero();
    }

    @Test
    void genericReaderWithCatalogReadsDiginetica() {
        GenericFormatSpec spec = GenericFormatSpec.builder("item_id", "eventdate")
                .delimiter(";").sessionColumn("session_id").userColumn("user_id")
                .timeFormat("pattern:yyyy-MM-dd").defaultEventType(EventType.VIEW).nullValues(List.of("", "NA"))
                .catalog(new CatalogSpec(TestData.file("diginetica/product-categories.csv"), ";", true,
                        "itemId", "categoryId", null, null, null, null))
                .build();

        ReadResult result = ClickstreamFormats.generic(spec)
                .read(TestData.file("diginetica/sample_train-item-views.csv"), ReadOptions.DEFAULT);
        DatasetSummary s = result.dataset().summary();

        assertThat(s.events()).isEqualTo(12_391);
        // 2,986 session ids; two of them carry two different user ids, so each user gets their own session
        assertThat(s.sessions()).isEqualTo(2_988);
        assertThat(s.items()).isEqualTo(7_139);
        assertThat(s.categories()).isEqualTo(560);
        // most Diginetica sessions are anonymous ("NA"): each is its own user, and the read report says so
        // and the committed sample ends without a line end (its last row is whole)
        assertThat(result.report().notes()).containsOnly(
                Map.entry("rows without a user id (their session stands for the user)", 7_681L),
                Map.entry("row at the end of the file without a line end (the file may be cut short: check that"
                        + " row)", 1L));
        assertThat(result.dataset().sessions()).allMatch(x -> x.events().stream().allMatch(e -> e.categoryId() != null));
    }
}
