package dev.sessiongan.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserSession;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formats with no real sample in ../shared/data (RetailRocket, YOOCHOOSE) on small files written in their
 * published layouts, plus generic specs from JSON.
 */
class FixtureFormatsTest {

    @TempDir
    Path dir;

    @Test
    void retailRocketJoinsCategoriesFromItemProperties() throws IOException {
        Path events = Files.writeString(dir.resolve("events.csv"), "timestamp,visitorid,event,itemid,transactionid\n"
                + "1433221332117,257597,view,355908,\n"
                + "1433221332500,257597,addtocart,355908,\n"
                + "1433221400000,257597,transaction,355908,4000\n"
                + "1433224214164,992329,view,248676,\n");
        Path properties = Files.writeString(dir.resolve("item_properties.csv"), "timestamp,itemid,property,value\n"
                + "1435460400000,355908,categoryid,1173\n"
                + "1435460400000,355908,available,1\n"
                + "1441508400000,248676,categoryid,1051\n"
                + "1441508400000,248676,888,n552.000\n");

        ReadResult result = ClickstreamFormats.retailrocket(properties).read(events, ReadOptions.DEFAULT);
        List<UserSession> sessions = result.dataset().sessions();

        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).events()).extracting(ClickEvent::type)
                .containsExactly(EventType.VIEW, EventType.ADD_TO_CART, EventType.PURCHASE);
        assertThat(sessions.get(0).events()).extracting(ClickEvent::categoryId).containsOnly("1173");
        assertThat(sessions.get(0).events().get(2).attributes()).containsEntry("transactionid", "4000");
        assertThat(sessions.get(1).events().get(0).categoryId()).isEqualTo("1051");
        assertThat(sessions.get(0).start()).hasToString("2015-06-02T05:02:12.117Z");
    }

    @Test
    void yoochooseJoinsBuysToClickSessions() throws IOException {
        Path clicks = Files.writeString(dir.resolve("yoochoose-clicks.dat"),
                "1,2014-04-07T10:51:09.277Z,214536502,0\n"
                        + "1,2014-04-07T10:54:09.868Z,214536500,0\n"
                        + "2,2014-04-07T13:56:37.614Z,214662742,S\n"
                        + "2,2014-04-07T13:57:19.373Z,214825110,3\n");
        Path buys = Files.writeString(dir.resolve("yoochoose-buys.dat"),
                "2,2014-04-07T14:01:00.000Z,214825110,1046,1\n");

        SessionDataset dataset = ClickstreamFormats.yoochoose(buys).read(clicks, ReadOptions.DEFAULT).dataset();

        assertThat(dataset.sessions()).extracting(UserSession::sessionId).containsExactly("1", "2");
        UserSession first = dataset.sessions().get(0);
        assertThat(first.events()).extracting(ClickEvent::categoryId).containsOnlyNulls();
        UserSession second = dataset.sessions().get(1);
        assertThat(second.events()).extracting(ClickEvent::type)
                .containsExactly(EventType.VIEW, EventType.VIEW, EventType.PURCHASE);
        ClickEvent purchase = second.events().get(2);
        assertThat(purchase.price()).isEqualByComparingTo(new BigDecimal("1046"));
        assertThat(purchase.categoryId()).as("filled from the click on the same item").isEqualTo("3");
        assertThat(second.userId()).isEqualTo("2");
    }

    @Test
    void genericSpecFromJsonResolvesTheCatalogBesideIt() throws IOException {
        Files.writeString(dir.resolve("items.tsv"), "sku\tcat\tprice\nA\tshoes\t19.99\nB\thats\t5\n");
        Path spec = Files.writeString(dir.resolve("spec.json"), """
                {
                  "delimiter": "|",
                  "header": false,
                  "columnNames": ["who", "when", "what", "sku"],
                  "userColumn": "who",
                  "itemColumn": "sku",
                  "timeColumn": "when",
                  "eventTypeColumn": "what",
                  "timeFormat": "epoch-millis",
                  "eventTypes": {"v": "view", "b": "purchase", "ping": "ignore"},
                  "catalog": {"file": "items.tsv", "delimiter": "tab", "header": true,
                              "itemColumn": "sku", "categoryColumn": "cat", "priceColumn": "price"}
                }
                """);
        Path data = Files.writeString(dir.resolve("log.txt"), "u1|1000|v|A\nu1|2000|ping|A\nu1|3000|b|B\n");

        ReadResult result = ClickstreamFormats.generic(GenericFormatSpec.fromJson(spec)).read(data, ReadOptions.DEFAULT);
        List<ClickEvent> events = result.dataset().sessions().get(0).events();

        assertThat(events).extracting(ClickEvent::categoryId).containsExactly("shoes", "hats");
        assertThat(events.get(0).price()).isEqualByComparingTo("19.99");
        assertThat(events).extracting(ClickEvent::type).containsExactly(EventType.VIEW, EventType.PURCHASE);
        assertThat(result.report().notes()).containsEntry("rows with ignored event type 'ping'", 1L);
    }

    @Test
    void genericSpecRoundTripsThroughJson() throws IOException {
        GenericFormatSpec spec = GenericFormatSpec.builder("item", "ts").userColumn("user").sessionColumn("sid")
                .eventTypeColumn("kind").eventType("pv", EventType.VIEW).timeFormat("epoch-seconds").build();
        Path file = Files.writeString(dir.resolve("spec.json"), spec.toJson());

        assertThat(GenericFormatSpec.fromJson(file)).isEqualTo(spec);
    }

    @Test
    void unknownFieldInSpecIsNamedWithItsLine() throws IOException {
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\n  \"itemColumn\": \"i\",\n  \"timeColum\": \"t\"\n}\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GenericFormatSpec.fromJson(spec))
                .isInstanceOf(dev.sessiongan.InvalidInputException.class)
                .hasMessageStartingWith(spec + ":3: unknown field 'timeColum'; known fields: attributeColumns, catalog,");
    }
}
