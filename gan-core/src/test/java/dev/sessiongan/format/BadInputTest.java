package dev.sessiongan.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.UserSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made bad inputs: each gives one clear error naming file, line and field, or is counted when skipped. */
class BadInputTest {

    private static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n";
    private static final String GOOD = "2019-10-01 00:00:00 UTC,view,1,10,,acme,5.00,7,s1\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static InvalidInputException readFails(ClickstreamFormat format, Path file) {
        try {
            format.read(file, ReadOptions.DEFAULT);
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("expected an InvalidInputException for " + file);
    }

    @Test
    void unparsableTimeNamesFileLineAndColumn() throws IOException {
        Path file = write("holdout.csv", HEADER + GOOD + "2019-13-01 00:00:00 UTC,view,1,10,,acme,5.00,7,s1\n");

        InvalidInputException e = readFails(ClickstreamFormats.rees46(), file);

        assertThat(e.getMessage()).isEqualTo(file + ":3: column 'event_time': cannot parse"
                + " '2019-13-01 00:00:00 UTC' as time (pattern yyyy-MM-dd HH:mm:ss 'UTC')");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.field()).contains("event_time");
    }

    @Test
    void truncatedLastRowIsAWrongColumnCount() throws IOException {
        Path file = write("cut.csv", HEADER + GOOD + "2019-10-01 00:00:01 UTC,view,2");

        assertThat(readFails(ClickstreamFormats.rees46(), file).getMessage())
                .startsWith(file + ":3: expected 9 columns (event_time,event_type,")
                .endsWith("found 3");
    }

    @Test
    void aLastRowCutWithinItsLastValueIsReadWithANote() throws IOException {
        // the session id "s1" cut to "s": nothing to refuse, but the missing line end is told
        Path file = write("cut.csv", HEADER + GOOD + GOOD.substring(0, GOOD.length() - 2));

        ReadResult result = ClickstreamFormats.rees46().read(file, ReadOptions.DEFAULT);

        assertThat(result.dataset().summary().events()).isEqualTo(2);
        assertThat(result.report().notes()).containsExactly(Map.entry(
                "row at the end of the file without a line end (the file may be cut short: check that row)", 1L));
        Path whole = write("whole.csv", HEADER + GOOD + GOOD.replace("\n", "\r\n"));
        assertThat(ClickstreamFormats.rees46().read(whole, ReadOptions.DEFAULT).report().notes()).isEmpty();
    }

    @Test
    void aRowWithoutAUserIdIsReadAsItsSessionsUserAndCounted() throws IOException {
        Path file = write("nouser.csv", HEADER + GOOD + GOOD.replace(",7,s1", ",,s2"));

        ReadResult result = ClickstreamFormats.rees46().read(file, ReadOptions.DEFAULT);

        assertThat(result.dataset().users()).hasSize(2);
        assertThat(result.report().notes())
                .containsExactly(Map.entry("rows without a user id (their session stands for the user)", 1L));
    }

    @Test
    void binaryFilesAreNamedAsSuchAndNeverEchoedRaw() throws IOException {
        byte[] bytes = new byte[20_000];
        new java.util.Random(3).nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                bytes[i] = 0x1b; // one long "line" of escapes and garbage
            }
        }
        Path file = Files.write(dir.resolve("random.csv"), bytes);

        assertThat(readFails(ClickstreamFormats.rees46(), file).getMessage()).isEqualTo(file + ":1: the header is not"
                + " UTF-8 text (a binary file, or another encoding): expected a CSV header row");
        // a headerless format quotes the bad value: one line, no control characters, cut short
        Path headerless = write("taobao.csv", "1,2,3,\u001b[2J\u0007" + "x".repeat(5_000) + ",1511544070\n");
        String message = readFails(ClickstreamFormats.taobao(), headerless).getMessage();
        assertThat(message).startsWith(headerless + ":1: column ").contains("\\u001b[2J\\u0007xxx")
                .hasSizeLessThan(2_200).endsWith("characters in all)")
                .matches(m -> m.chars().noneMatch(Character::isISOControl), "has no control characters");
    }

    @Test
    void unknownEventTypeSaysHowToMapIt() throws IOException {
        Path file = write("types.csv", HEADER + GOOD.replace("view", "hover"));

        assertThat(readFails(ClickstreamFormats.rees46(), file).getMessage())
                .startsWith(file + ":2: column 'event_type': unknown event type 'hover'; known: cart, purchase,")
                .contains("--event-map hover=view");
    }

    @Test
    void badPricesAreRejected() throws IOException {
        for (String price : new String[] {"NaN", "-3", "abc", "Infinity"}) {
            Path file = write("price.csv", HEADER + GOOD.replace("5.00", price));
            assertThat(readFails(ClickstreamFormats.rees46(), file).getMessage())
                    .startsWith(file + ":2: column 'price': ");
        }
    }

    @Test
    void emptyFileHeaderOnlyAndMissingFileAreClear() throws IOException {
        Path empty = write("empty.csv", "");
        Path headerOnly = write("header.csv", HEADER);
        Path bomOnly = write("bom.csv", "\uFEFF");
        Path bomLine = write("bom-line.csv", "\uFEFF\n" + HEADER);
        Path missing = dir.resolve("nope.csv");

        assertThat(readFails(ClickstreamFormats.rees46(), empty).getMessage())
                .isEqualTo(empty + ": empty file: expected a header row");
        assertThat(readFails(ClickstreamFormats.rees46(), headerOnly).getMessage())
                .isEqualTo(headerOnly + ": no data rows");
        assertThat(readFails(ClickstreamFormats.rees46(), bomOnly).getMessage())
                .isEqualTo(bomOnly + ": empty file: expected a header row");
        assertThat(readFails(ClickstreamFormats.rees46(), bomLine).getMessage())
                .isEqualTo(bomLine + ":1: the first line is empty: expected a header row");
        assertThat(readFails(ClickstreamFormats.taobao(), empty).getMessage()).isEqualTo(empty + ": no data rows");
        assertThat(readFails(ClickstreamFormats.rees46(), missing).getMessage()).isEqualTo(missing + ": file not found");
        assertThat(readFails(ClickstreamFormats.otto(), missing).getMessage()).isEqualTo(missing + ": file not found");
    }

    @Test
    void wrongColumnsInTheHeaderAreNamed() throws IOException {
        Path file = write("taobao-as-rees.csv", "1,2,3,pv,1511658000\n");

        assertThat(readFails(ClickstreamFormats.rees46(), file).getMessage())
                .startsWith(file + ":1: column 'user_id': no such user column; columns are 1, 2, 3, pv, 1511658000");
    }

    @Test
    void unterminatedQuoteIsAMalformedRow() throws IOException {
        Path file = write("quote.csv", HEADER + GOOD + "2019-10-01 00:00:01 UTC,view,\"2,10,,acme,5.00,7,s1\n");

        assertThat(readFails(ClickstreamFormats.rees46(), file).getMessage())
                .isEqualTo(file + ":3: malformed row: a quoted value is never closed (the file ends inside the quotes)");
        // JSON read as CSV: a closing quote followed by more text
        Path json = write("otto.jsonl", HEADER + "{\"session\":1,\"events\":[]}\n");
        assertThat(readFails(ClickstreamFormats.rees46(), json).getMessage()).isEqualTo(json
                + ":2: malformed row: text after a closing quote (a quote inside a quoted value must be doubled: \"\")"
                + " (is this a CSV file?)");
        // after good rows, one bad row is just that
        Path later = write("later.csv", HEADER + GOOD + "2019-10-01 00:00:01 UTC,\"view\"x,1,10,,acme,5.00,7,s1\n");
        assertThat(readFails(ClickstreamFormats.rees46(), later).getMessage()).isEqualTo(later
                + ":3: malformed row: text after a closing quote (a quote inside a quoted value must be doubled: \"\")");
    }

    @Test
    void skipPolicyCountsBadRowsByReason() throws IOException {
        Path file = write("mixed.csv", HEADER + GOOD
                + "2019-13-01 00:00:00 UTC,view,1,10,,acme,5.00,7,s1\n"
                + "2019-10-01 00:00:02 UTC,hover,1,10,,acme,5.00,7,s1\n"
                + "2019-10-01 00:00:03 UTC,view,1\n"
                + "2019-10-01 00:00:04 UTC,view,1,10,,acme,NaN,7,s1\n"
                + GOOD);

        ReadResult result = ClickstreamFormats.rees46().read(file, ReadOptions.DEFAULT.withOnError(ErrorPolicy.SKIP));

        assertThat(result.dataset().summary().events()).isEqualTo(2);
        assertThat(result.report().rows()).isEqualTo(6);
        assertThat(result.report().skippedByReason()).containsEntry("unparsable time", 1L)
                .containsEntry("unknown event type", 1L).containsEntry("wrong column count", 1L)
                .containsEntry("unparsable price", 1L);
    }

    @Test
    void skippingEveryRowIsStillAnError() throws IOException {
        Path file = write("allbad.csv", HEADER + "2019-13-01 00:00:00 UTC,view,1,10,,acme,5.00,7,s1\n");

        assertThatThrownBy(() -> ClickstreamFormats.rees46().read(file, ReadOptions.DEFAULT.withOnError(ErrorPolicy.SKIP)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": no valid events in 1 rows; skipped: unparsable time (1 row)");
    }

    @Test
    void catalogThatMatchesNothingIsAnError() throws IOException {
        Path events = write("events.csv", "user,item,time\nu1,i1,2024-01-01T00:00:00Z\nu1,i2,2024-01-01T00:01:00Z\n");
        Path catalog = write("catalog.csv", "item,category\nx9,c1\n");
        GenericFormatSpec spec = GenericFormatSpec.builder("item", "time").userColumn("user")
                .defaultEventType(dev.sessiongan.data.EventType.VIEW)
                .catalog(CatalogSpec.of(catalog, "item", "category")).build();

        assertThat(readFails(ClickstreamFormats.generic(spec), events).getMessage())
                .startsWith(events + ": catalog " + catalog + " matched none of the 2 events' items");
    }

    @Test
    void catalogWithoutTheNamedColumnIsAnError() throws IOException {
        Path events = write("events.csv", "user,item,time\nu1,i1,2024-01-01T00:00:00Z\n");
        Path catalog = write("catalog.csv", "sku,category\ni1,c1\n");
        GenericFormatSpec spec = GenericFormatSpec.builder("item", "time").userColumn("user")
                .defaultEventType(dev.sessiongan.data.EventType.VIEW)
                .catalog(CatalogSpec.of(catalog, "item", "category")).build();

        assertThat(readFails(ClickstreamFormats.generic(spec), events).getMessage())
                .isEqualTo(catalog + ":1: column 'item': no such item column; columns are sku, category");
    }

    @Test
    void aCatalogRowWithoutAnItemIdIsAnErrorOrASkippedRowNeverASilentDrop() throws IOException {
        Path events = write("events.csv", "timestamp,visitorid,event,itemid,transactionid\n"
                + "1433221332117,257597,view,355908,\n");
        Path catalog = write("item_properties.csv", "timestamp,itemid,property,value\n"
                + "1435460400000,355908,categoryid,1173\n1435460400000,,categoryid,5\n");

        assertThat(readFails(ClickstreamFormats.retailrocket(catalog), events).getMessage())
                .isEqualTo(catalog + ":3: column 'itemid': empty item id");
        ReadResult skipped = ClickstreamFormats.retailrocket(catalog).read(events,
                ReadOptions.DEFAULT.withOnError(ErrorPolicy.SKIP));
        assertThat(skipped.report().notes()).containsEntry("catalog rows skipped (empty item id)", 1L);
        assertThat(skipped.dataset().sessions().get(0).events().get(0).categoryId()).isEqualTo("1173");
    }

    /** One OTTO line of one event; the values are JSON as written (quote strings yourself). */
    private static String ottoLine(String session, String aid, String ts, String type) {
        return "{\"session\":" + session + ",\"events\":[{\"aid\":" + aid + ",\"ts\":" + ts + ",\"type\":" + type
                + "}]}\n";
    }

    @Test
    void ottoBadLinesNameLineAndField() throws IOException {
        Path file = write("otto.jsonl", ottoLine("1", "5", "1659304800025", "\"clicks\"")
                + ottoLine("2", "5", "\"soon\"", "\"clicks\"") + ottoLine("3", "5", "1659304800025", "\"zoom\"")
                + "{\"session\":4,\n");

        assertThat(readFails(ClickstreamFormats.otto(), file).getMessage())
                .isEqualTo(file + ":2: column 'events[0].ts': cannot parse 'soon' as epoch milliseconds");
        ReadResult skipped = ClickstreamFormats.otto().read(file, ReadOptions.DEFAULT.withOnError(ErrorPolicy.SKIP));
        assertThat(skipped.dataset().summary().events()).isEqualTo(1);
        assertThat(skipped.report().skipped()).isEqualTo(3);
        // a cut line says where, without Jackson's source banner
        Path cut = write("cut.jsonl", "{\"session\":1,\"events\":[{\"aid\":5,\"ts\":16593");
        assertThat(readFails(ClickstreamFormats.otto(), cut).getMessage())
                .isEqualTo(cut + ":1: malformed JSON at column 43: the text ends inside an object");
    }

    @Test
    void ottoTimesInSecondsAreReadAsSecondsAndAMixIsRefused() throws IOException {
        Path seconds = write("seconds.jsonl", ottoLine("1", "5", "1659304800", "\"clicks\"")
                + ottoLine("2", "6", "1659304900", "\"orders\""));
        ReadResult read = ClickstreamFormats.otto().read(seconds, ReadOptions.DEFAULT);
        assertThat(read.dataset().sessions()).flatExtracting(UserSession::events).extracting(ClickEvent::timestamp)
                .containsExactly(Instant.parse("2022-07-31T22:00:00Z"), Instant.parse("2022-07-31T22:01:40Z"));
        assertThat(read.report().notes()).containsEntry(
                "events whose ts was read as epoch seconds (the file's are below 10^11)", 2L);
        assertThat(ClickstreamFormats.otto().read(write("ms.jsonl", ottoLine("1", "5", "1659304800025",
                "\"clicks\"")), ReadOptions.DEFAULT).report().notes()).isEmpty();

        Path mixed = write("mixed.jsonl", ottoLine("1", "5", "1659304800025", "\"clicks\"")
                + ottoLine("2", "6", "1659304900", "\"clicks\""));
        assertThat(readFails(ClickstreamFormats.otto(), mixed).getMessage()).isEqualTo(mixed + ":2: column"
                + " 'events[0].ts': '1659304900' is in epoch seconds, but the file's first ts was in milliseconds"
                + " (values below 10^11 are seconds)");
        // a refused (and skipped) first row sets no unit: the file's rows read whole set it
        Path badFirst = write("bad-first.jsonl", ottoLine("1", "5", "0", "\"zoom\"")
                + ottoLine("2", "6", "1659304800025", "\"clicks\""));
        ReadResult skipped = ClickstreamFormats.otto().read(badFirst,
                ReadOptions.DEFAULT.withOnError(ErrorPolicy.SKIP));
        assertThat(skipped.dataset().summary().events()).isEqualTo(1);
        assertThat(skipped.report().notes()).isEmpty();
        Path ancient = write("ancient.jsonl", ottoLine("1", "5", "-9000000000000000000", "\"clicks\""));
        assertThat(readFails(ClickstreamFormats.otto(), ancient).getMessage()).isEqualTo(ancient + ":1: column"
                + " 'events[0].ts': cannot parse '-9000000000000000000' as epoch seconds: outside the supported years");
    }

    @Test
    void ottoMalformedLinesAreSaidWithoutJacksonsFeatureNames() throws IOException {
        String good = ottoLine("1", "5", "1659304800025", "\"clicks\"").strip();
        Path twoValues = write("two.jsonl", good + " " + good + "\n");
        Path notANumber = write("nan.jsonl", ottoLine("1", "5", "NaN", "\"clicks\""));
        Path longNumber = write("long.jsonl", ottoLine("1", "5", "1".repeat(2000), "\"clicks\""));

        assertThat(readFails(ClickstreamFormats.otto(), twoValues).getMessage())
                .isEqualTo(twoValues + ":1: malformed JSON at column 71: more than one JSON value");
        assertThat(readFails(ClickstreamFormats.otto(), notANumber).getMessage())
                .isEqualTo(notANumber + ":1: malformed JSON at column 41: Non-standard token 'NaN' (not JSON)");
        assertThat(readFails(ClickstreamFormats.otto(), longNumber).getMessage())
                .isEqualTo(longNumber + ":1: JSON over the reader's limits: a number longer than 1,000 digits");
        Map<String, String> said = Map.of(
                good.replace("}]}", "}]} // one event"), "malformed JSON at column 71: a comment ('/') is not JSON",
                good.replace("}]}", "},]}"), "malformed JSON at column 69: a value is missing before ']' (a comma"
                        + " before it?)",
                good.replace("}]}", ",}]}"), "malformed JSON at column 68: a comma before '}' (nothing follows it)",
                "timestamp,visitorid,event,itemid", "malformed JSON at column 1: the text starts with 'timestamp',"
                        + " which is not JSON (is this a JSON file?)",
                good.replace("\"clicks\"", "clicks"), "malformed JSON at column 59: 'clicks' is not a JSON value"
                        + " (text must be in double quotes)",
                good.replace("\"aid\":5", "\"aid\":5 \"x\":1"), "malformed JSON at column 33: a comma is missing before"
                        + " '\"' (between the object's entries)",
                good.replace("\"type\"", "\"type\":\"orders\",\"type\""), "malformed JSON at column 75: field 'type'"
                        + " given twice");
        for (Map.Entry<String, String> e : said.entrySet()) {
            Path line = write("said.jsonl", e.getKey() + "\n");
            assertThat(readFails(ClickstreamFormats.otto(), line).getMessage()).as(e.getKey())
                    .isEqualTo(line + ":1: " + e.getValue());
        }
        // skipped lines are counted by cause, not by the column where each broke
        Path cuts = write("cuts.jsonl", good + "\n" + good.substring(0, 20) + "\n" + good.substring(0, 30) + "\n"
                + good.substring(0, 40) + "\n");
        ReadResult skipped = ClickstreamFormats.otto().read(cuts, ReadOptions.DEFAULT.withOnError(ErrorPolicy.SKIP));
        assertThat(skipped.report().skippedByReason()).containsExactly(Map.entry("malformed JSON", 3L));
        // a UTF-8 byte-order mark is read past, as the CSV readers do
        Path bom = write("bom.jsonl", "\uFEFF" + good + "\n");
        assertThat(ClickstreamFormats.otto().read(bom, ReadOptions.DEFAULT).dataset().summary().events()).isEqualTo(1);
    }

    @Test
    void ottoIdsThatAreNoIdsAreBadRows() throws IOException {
        // a null item id is not an item called "null"
        Path nullItem = write("null.jsonl", ottoLine("1", "null", "1659304800025", "\"clicks\""));
        assertThat(readFails(ClickstreamFormats.otto(), nullItem).getMessage())
                .isEqualTo(nullItem + ":1: column 'events[0].aid': missing item id");
        Path blank = write("blank.jsonl", ottoLine("\"\"", "5", "1659304800025", "\"clicks\"")
                + ottoLine("2", "\" \"", "1659304800025", "\"clicks\"") + ottoLine("3", "1.5", "1659304800025", "\"clicks\""));
        assertThat(readFails(ClickstreamFormats.otto(), blank).getMessage())
                .isEqualTo(blank + ":1: column 'session': empty session id");
        // a blank or fractional item id is a bad row too: each line skipped, none left
        assertThatThrownBy(() -> ClickstreamFormats.otto().read(blank, ReadOptions.DEFAULT.withOnError(ErrorPolicy.SKIP)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no valid events in 3 rows");
    }

    @Test
    void aSpecWithoutHeaderKeysReadsHeadersAndAHugeColumnIndexIsNoColumn() throws IOException {
        Path data = write("views.csv", "session;item;time\ns1;i1;2016-05-09\ns1;i2;2016-05-09\n");
        Path catalog = write("items.csv", "item;category\ni1;c1\ni2;c2\n");
        Path spec = write("spec.json", "{\"delimiter\": \";\", \"sessionColumn\": \"session\", \"itemColumn\": \"item\","
                + " \"timeColumn\": \"time\", \"timeFormat\": \"pattern:yyyy-MM-dd\", \"defaultEventType\": \"view\","
                + " \"catalog\": {\"file\": \"items.csv\", \"delimiter\": \";\", \"itemColumn\": \"item\","
                + " \"categoryColumn\": \"category\"}}");

        GenericFormatSpec read = GenericFormatSpec.fromJson(spec);
        ReadResult result = ClickstreamFormats.generic(read).read(data, ReadOptions.DEFAULT);

        assertThat(read.header()).isTrue();
        assertThat(read.catalog().header()).isTrue();
        assertThat(result.dataset().summary().events()).isEqualTo(2);
        assertThat(result.dataset().sessions().get(0).events().get(1).categoryId()).isEqualTo("c2");
        Path huge = write("huge.json", Files.readString(spec).replace("\"item\", \"time", "\"99999999999999999999\", \"time"));
        assertThat(readFails(ClickstreamFormats.generic(GenericFormatSpec.fromJson(huge)), data).getMessage())
                .isEqualTo(data + ":1: column '99999999999999999999': no such item column; columns are session, item, time");
        // a field given twice is refused, not the last one kept
        Path twice = write("twice.json", Files.readString(spec).replace("\"itemColumn\": \"item\",",
                "\"itemColumn\": \"item\", \"itemColumn\": \"sku\","));
        assertThatThrownBy(() -> GenericFormatSpec.fromJson(twice)).hasMessageStartingWith(twice + ":1: malformed JSON at")
                .hasMessageEndingWith(": field 'itemColumn' given twice");
    }

    @Test
    void specValuesOfTheWrongKindNameTheField() throws IOException {
        String base = "\"itemColumn\": \"item\", \"timeColumn\": \"time\", \"sessionColumn\": \"session\","
                + " \"defaultEventType\": \"view\"";
        Map<String, String> cases = Map.of(
                "{" + base + ", \"nullValues\": \"NA\"}", "field 'nullValues': expected a list of strings, got a string (\"NA\")",
                "{" + base + ", \"eventTypes\": [\"pv\"]}",
                "field 'eventTypes': expected an object of \"source value\": \"event type\" pairs, got a list",
                "{" + base + ", \"header\": \"yes\"}", "field 'header': expected true or false, got a string (\"yes\")",
                "{" + base + ", \"catalog\": {\"file\": 5, \"itemColumn\": \"item\", \"categoryColumn\": \"c\"}}",
                "field 'catalog.file': expected a string, got a number (5)",
                "{" + base + ", \"attributeColumns\": [\"brand\", {}]}",
                "field 'attributeColumns[1]': expected a string, got an object",
                "[{" + base + "}]", "expected a JSON object of the spec's fields, got a list",
                "{" + base + ", \"timeFormat\": \"pattern:\"}",
                "time format 'pattern:' has an empty pattern; give a java.time pattern, e.g. pattern:yyyy-MM-dd HH:mm:ss");
        int n = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path spec = write("spec" + n++ + ".json", c.getKey());
            assertThatThrownBy(() -> GenericFormatSpec.fromJson(spec)).isInstanceOf(InvalidInputException.class)
                    .hasMessage(spec + ":1: " + c.getValue());
        }
    }

    @Test
    void anEmptyCompanionFileIsAnError() throws IOException {
        Path clicks = write("clicks.dat", "1,2014-04-07T10:51:09.277Z,214536502,0\n");
        Path buys = write("buys.dat", "");

        assertThat(readFails(ClickstreamFormats.yoochoose(buys), clicks).getMessage()).isEqualTo(buys + ": no data rows");
    }

    @Test
    void absurdOptionsAreRejected() {
        assertThatThrownBy(() -> ReadOptions.DEFAULT.withMaxRows(0)).hasMessage("max rows must be >= 1, got 0");
        assertThatThrownBy(() -> ReadOptions.DEFAULT.withSessionGap(java.time.Duration.ZERO))
                .hasMessageContaining("session gap must be positive");
        assertThatThrownBy(() -> TimeFormat.parse("epoch-hours", null)).hasMessageContaining("unknown time format 'epoch-hours'");
        assertThatThrownBy(() -> GenericFormatSpec.builder("item", "time").userColumn("u").delimiter(";;")
                .defaultEventType(dev.sessiongan.data.EventType.VIEW).build())
                .hasMessageContaining("delimiter must be one character");
        assertThatThrownBy(() -> GenericFormatSpec.builder("item", "time").userColumn("u").build())
                .hasMessageContaining("event type column");
        assertThatThrownBy(() -> GenericFormatSpec.builder("item", "time").userColumn("u").eventTypeColumn("t")
                .eventType("pv", "looked").build())
                .hasMessageContaining("'looked' is not an event type");
    }
}
