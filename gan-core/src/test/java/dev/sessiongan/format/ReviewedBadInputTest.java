package dev.sessiongan.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Inputs found by review that once escaped as raw exceptions, hangs or wrong line numbers. */
class ReviewedBadInputTest {

    @TempDir
    Path dir;

    private static GenericFormatSpec.Builder epochSpec() {
        return GenericFormatSpec.builder("1", "2").header(false).userColumn("0").defaultEventType(EventType.VIEW)
                .timeFormat("epoch-seconds");
    }

    @Test
    @Timeout(10)
    void hugeExponentsAreRejectedNotComputed() throws IOException {
        Path file = Files.writeString(dir.resolve("t.csv"), "u,i,1e99999999\n");

        assertThatThrownBy(() -> ClickstreamFormats.generic(epochSpec().build()).read(file, ReadOptions.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":1: column '#2': cannot parse '1e99999999' as epoch seconds");
    }

    @Test
    void timesOutsideTheSupportedRangeAreRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("t.csv"), "u,i,9200000000000000\n");

        assertThatThrownBy(() -> ClickstreamFormats.generic(epochSpec().build()).read(file, ReadOptions.DEFAULT))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside 1900-9999");
    }

    @Test
    @Timeout(10)
    void exponentPricesAreRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("p.csv"), "u,i,1700000000,1e9999999\n");
        GenericFormatSpec spec = epochSpec().priceColumn("3").build();

        assertThatThrownBy(() -> ClickstreamFormats.generic(spec).read(file, ReadOptions.DEFAULT))
                .hasMessage(file + ":1: column '#3': cannot parse '1e9999999' as a price (a plain decimal such as 12.50)");
    }

    @Test
    void aColumnTheHeaderNamesTwiceIsRefusedNotGuessed() throws IOException {
        Path file = Files.writeString(dir.resolve("twice.csv"), "user_id,session_id,seq,timestamp,event_type,item_id,"
                + "category_id,price,price\nu1,s1,0,2019-10-01T00:00:00Z,view,i1,c1,1.00,2.00\n");

        assertThatThrownBy(() -> ClickstreamFormats.eventsCsv().read(file, ReadOptions.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":1: column 'price': the price column is named twice in the header (columns 7 and 8,"
                        + " 0-based): rename one");
    }

    @Test
    void columnNumberBeyondTheRowIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("n.csv"), "u,i,1700000000\n");
        GenericFormatSpec spec = GenericFormatSpec.builder("7", "2").header(false).userColumn("0")
                .defaultEventType(EventType.VIEW).timeFormat("epoch-seconds").build();

        assertThatThrownBy(() -> ClickstreamFormats.generic(spec).read(file, ReadOptions.DEFAULT))
                .hasMessage(file + ":1: column '#7': no such column: the rows have 3 columns (numbered from 0)");
    }

    @Test
    void blankColumnReferencesMeanNoColumn() {
        assertThatThrownBy(() -> GenericFormatSpec.builder("i", "t").userColumn(" ").sessionColumn("")
                .defaultEventType(EventType.VIEW).build())
                .hasMessageContaining("name a user column, a session column or both");
        assertThatThrownBy(() -> GenericFormatSpec.builder("i", "t").userColumn("u").eventTypeColumn("").build())
                .hasMessageContaining("event type column");
    }

    @Test
    void lineNumbersCountBlankLines() throws IOException {
        Path file = Files.writeString(dir.resolve("b.csv"), "u,i,t\nu1,a,1700000000\n\n\nu1,b,never\n");
        GenericFormatSpec spec = GenericFormatSpec.builder("i", "t").userColumn("u").defaultEventType(EventType.VIEW)
                .timeFormat("epoch-seconds").build();

        assertThatThrownBy(() -> ClickstreamFormats.generic(spec).read(file, ReadOptions.DEFAULT))
                .hasMessageStartingWith(file + ":5: column 't'");
    }

    @Test
    void ottoRejectsTrailingGarbageAndOverflowingTimes() throws IOException {
        Path garbage = Files.writeString(dir.resolve("g.jsonl"),
                "{\"session\":1,\"events\":[{\"aid\":5,\"ts\":1659304800025,\"type\":\"clicks\"}]} xyz\n");
        Path overflow = Files.writeString(dir.resolve("o.jsonl"),
                "{\"session\":1,\"events\":[{\"aid\":5,\"ts\":99999999999999999999999,\"type\":\"clicks\"}]}\n");
        Path binary = dir.resolve("bin.jsonl");
        Files.write(binary, new byte[] {(byte) 0xff, '\n'});

        assertThatThrownBy(() -> ClickstreamFormats.otto().read(garbage, ReadOptions.DEFAULT))
                .hasMessageStartingWith(garbage + ":1: malformed JSON");
        assertThatThrownBy(() -> ClickstreamFormats.otto().read(overflow, ReadOptions.DEFAULT))
                .hasMessageStartingWith(overflow + ":1: column 'events[0].ts': cannot parse");
        assertThatThrownBy(() -> ClickstreamFormats.otto().read(binary, ReadOptions.DEFAULT))
                .hasMessageStartingWith(binary + ":1: malformed JSON");
        assertThatThrownBy(() -> ClickstreamFormats.otto().read(dir, ReadOptions.DEFAULT))
                .hasMessage(dir + ": is a folder, not a file");
    }

    @Test
    void misspeltCatalogFieldIsNamedEvenAfterOtherFields() throws IOException {
        Path spec = Files.writeString(dir.resolve("s.json"), "{\"itemColumn\":\"i\",\"timeColumn\":\"t\",\"userColumn\":\"u\",\n"
                + "\"defaultEventType\":\"view\",\n\"catalog\":{\"file\":\"c.csv\",\n\"itemColumn\":\"i\",\n\"categoryColum\":\"c\"}}\n");

        assertThatThrownBy(() -> GenericFormatSpec.fromJson(spec))
                .hasMessageStartingWith(spec + ":5: unknown field 'categoryColum' in catalog");
    }

    @Test
    void nullsInASpecAreNamed() throws IOException {
        Path spec = Files.writeString(dir.resolve("s.json"), "{\"itemColumn\":\"i\",\"timeColumn\":\"t\",\"userColumn\":\"u\","
                + "\"eventTypeColumn\":\"e\",\"eventTypes\":{\"x\":null}}");

        assertThatThrownBy(() -> GenericFormatSpec.fromJson(spec)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("eventTypes['x'] must name an event type");
    }

    @Test
    void anEventTypeKeyIsMatchedStrippedAndTheEmptyOneMapsEmptyCells() throws IOException {
        Path events = Files.writeString(dir.resolve("e.csv"), "u,i,t,e\nu1,a,1700000000,pv\nu1,b,1700000010,\n"
                + "u1,c,1700000020, pv \n");
        GenericFormatSpec spec = GenericFormatSpec.builder("i", "t").userColumn("u").eventTypeColumn("e")
                .eventType("pv", EventType.VIEW).eventType("", EventType.PURCHASE).timeFormat("epoch-seconds").build();

        assertThat(ClickstreamFormats.generic(spec).read(events, ReadOptions.DEFAULT).dataset().sessions())
                .flatExtracting(UserSession::events).extracting(ClickEvent::type)
                .containsExactly(EventType.VIEW, EventType.PURCHASE, EventType.VIEW);
        assertThatThrownBy(() -> GenericFormatSpec.builder("i", "t").userColumn("u").eventTypeColumn("e")
                .eventType(" pv", EventType.VIEW).build()).isInstanceOf(InvalidInputException.class)
                .hasMessage("format spec: eventTypes[' pv']: a source value is matched with the spaces around it"
                        + " stripped, so this one never would; write 'pv'");
    }

    @Test
    void catalogRowsSkippedAreNotCountedAsEventRows() throws IOException {
        Path events = Files.writeString(dir.resolve("e.csv"), "u,i,t\nu1,a,1700000000\nu1,b,1700000010\n");
        Path catalog = Files.writeString(dir.resolve("c.csv"), "i,c\na,x\nb\n");
        GenericFormatSpec spec = GenericFormatSpec.builder("i", "t").userColumn("u").defaultEventType(EventType.VIEW)
                .timeFormat("epoch-seconds").catalog(CatalogSpec.of(catalog, "i", "c")).build();

        ReadResult result = ClickstreamFormats.generic(spec).read(events, ReadOptions.DEFAULT.withOnError(ErrorPolicy.SKIP));

        assertThat(result.report().skipped()).isZero();
        assertThat(result.report().notes()).containsEntry("catalog rows skipped (wrong column count)", 1L);
    }

    @Test
    void aCatalogCutShortIsNoted() throws IOException {
        Path events = Files.writeString(dir.resolve("e.csv"), "u,i,t\nu1,a,1700000000\nu1,b,1700000010\n");
        Path catalog = Files.writeString(dir.resolve("c.csv"), "i,c\na,x\nb,y"); // "b,yz" cut, say
        GenericFormatSpec spec = GenericFormatSpec.builder("i", "t").userColumn("u").defaultEventType(EventType.VIEW)
                .timeFormat("epoch-seconds").catalog(CatalogSpec.of(catalog, "i", "c")).build();

        ReadResult result = ClickstreamFormats.generic(spec).read(events, ReadOptions.DEFAULT);

        assertThat(result.report().notes()).containsExactly(Map.entry("row at the end of catalog " + catalog
                + " without a line end (the file may be cut short: check that row)", 1L));
    }

    @Test
    void readOptionsRejectNonPositiveGaps() {
        assertThatThrownBy(() -> ReadOptions.DEFAULT.withSessionGap(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class);
    }
}
