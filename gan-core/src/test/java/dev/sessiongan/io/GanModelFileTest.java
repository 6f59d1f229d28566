package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A GAN model file damaged inside its nested {@code model.zip}: each is refused on load with the file named. */
class GanModelFileTest {

    private static final String NAME = "damaged.model";

    private static byte[] model;

    @BeforeAll
    static void readTheEmbeddedDefault() throws IOException {
        try (InputStream in = GanModelFileTest.class.getResourceAsStream(EmbeddedModels.DEFAULT_RESOURCE)) {
            model = in.readAllBytes();
        }
    }

    @Test
    void theUndamagedModelLoads() {
        assertThat(ModelFile.load(model, NAME).generator().kind()).isEqualTo("gan");
    }

    @Test
    void aTruncatedInnerModelIsReportedNotCrashed() throws IOException {
        byte[] cut = withInner(inner -> Arrays.copyOf(inner, inner.length / 2));

        assertThatThrownBy(() -> ModelFile.load(cut, NAME)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(NAME + ": corrupt or truncated GAN model");
    }

    @Test
    void aMissingNetworkIsNamed() throws IOException {
        byte[] damaged = withInnerEntries(entries -> {
            entries.remove("network.zip");
            return entries;
        });

        assertThatThrownBy(() -> ModelFile.load(damaged, NAME)).isInstanceOf(InvalidInputException.class)
                .hasMessage(NAME + ": corrupt or truncated GAN model: missing network.zip");
    }

    @Test
    void aTruncatedNetworkIsReportedNotCrashed() throws IOException {
        byte[] damaged = withInnerEntries(entries -> {
            byte[] network = entries.get("network.zip");
            entries.put("network.zip", Arrays.copyOf(network, network.length / 2));
            return entries;
        });

        assertThatThrownBy(() -> ModelFile.load(damaged, NAME)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(NAME + ": corrupt GAN model");
    }

    @Test
    void aNetworkThatDoesNotMatchItsEncodingIsRefused() throws IOException {
        // one time bucket fewer: the encoding's vocabulary no longer matches the network's input and output
        byte[] damaged = withInnerEntries(entries -> {
            String encoding = new String(entries.get("encoding.json"), StandardCharsets.UTF_8);
            assertThat(encoding).contains("\"timeBuckets\":14");
            String fewer = encoding.replace("\"timeBuckets\":14", "\"timeBuckets\":13")
                    .replaceFirst("(\"gapQuantilesMillis\":\\[[^\\]]*),[^,\\]]*\\]", "$1]");
            entries.put("encoding.json", fewer.getBytes(StandardCharsets.UTF_8));
            return entries;
        });

        assertThatThrownBy(() -> ModelFile.load(damaged, NAME)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(NAME + ": ")
                .hasMessageContaining("GAN network does not match its encoding");
    }

    @Test
    void aHistoryWithAnUnknownPhaseIsRefusedByName() throws IOException {
        byte[] damaged = withInnerEntries(entries -> {
            String history = new String(entries.get("history.json"), StandardCharsets.UTF_8);
            entries.put("history.json", history.replace("\"phase\":\"mle\"", "\"phase\":\"warmup\"")
                    .getBytes(StandardCharsets.UTF_8));
            return entries;
        });

        assertThatThrownBy(() -> ModelFile.load(damaged, NAME)).isInstanceOf(InvalidInputException.class)
                .hasMessage(NAME + ": corrupt GAN model: history.json: field 'epochs[0].phase': unknown training phase"
                        + " \"warmup\" (expected"
                        + " \"mle\" or \"adversarial\")");
    }

    @Test
    void aCorruptPriceIsRefusedAsTheModelLoadsNotWhenAUserBuysTheItem() throws IOException {
        // what the readers refuse: no number, a negative one (an event would refuse it mid-generation), an exponent
        // (written out in full it would run to a billion digits)
        for (String price : new String[] {"90NaN64", "-5", "1E+999999999"}) {
            byte[] damaged = withInnerEntries(entries -> {
                String encoding = new String(entries.get("encoding.json"), StandardCharsets.UTF_8);
                String corrupt = encoding.replaceFirst("(\"prices\":\\[)\"[^\"]*\"", "$1\"" + price + "\"");
                assertThat(corrupt).isNotEqualTo(encoding);
                entries.put("encoding.json", corrupt.getBytes(StandardCharsets.UTF_8));
                return entries;
            });

            assertThatThrownBy(() -> ModelFile.load(damaged, NAME)).as(price).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(NAME + ": not a valid session encoding: encoding.json: field 'pools[0]':"
                            + " item ")
                    .hasMessageEndingWith(": price \"" + price + "\" is not a plain decimal >= 0");
        }
    }

    @Test
    void weightsThatHoldNaNAreRefusedNotDrawnFrom() throws IOException {
        byte[] damaged = withInnerEntries(entries -> {
            try {
                Map<String, byte[]> network = unzip(entries.get("network.zip"));
                byte[] weights = network.get("coefficients.bin");
                // all-ones bits are NaN in either byte order; the file's end holds weights, not its header
                Arrays.fill(weights, weights.length - 4_000, weights.length, (byte) 0xFF);
                entries.put("network.zip", zip(network));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return entries;
        });

        assertThatThrownBy(() -> ModelFile.load(damaged, NAME)).isInstanceOf(InvalidInputException.class)
                .hasMessage(NAME + ": corrupt GAN model: network.zip: its weights hold NaN or infinite values"
                        + " (a damaged file)");
    }

    @Test
    void timingOutOfTimeOrOutOfOrderIsRefusedByName() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("\"dataStartMillis\":-9000000000000000000", "data start -9000000000000000000 ms is outside the"
                + " years 1900-9999");
        expected.put("\"startOffsetQuantiles\":[-5.0", "startOffsetQuantiles[0] is -5.0: the quantiles must be"
                + " finite, non-negative and ascending");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String field = e.getKey().substring(0, e.getKey().indexOf(':') + 1);
            byte[] damaged = withInnerEntries(entries -> {
                String timing = new String(entries.get("timing.json"), StandardCharsets.UTF_8);
                String changed = timing.replaceFirst(java.util.regex.Pattern.quote(field) + "\\[?[-0-9.E]+",
                        java.util.regex.Matcher.quoteReplacement(e.getKey()));
                assertThat(changed).isNotEqualTo(timing);
                entries.put("timing.json", changed.getBytes(StandardCharsets.UTF_8));
                return entries;
            });

            assertThatThrownBy(() -> ModelFile.load(damaged, NAME)).as(e.getKey())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(NAME + ": corrupt GAN model: timing.json: " + e.getValue());
        }
    }

    @Test
    void damagedPartsAreNamedWithWhatIsWrongInThemNotInJacksonsOrDl4jsWords() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        // the first required field missing is named (before, {} failed where 'categories' was first used)
        expected.put("encoding.json={\"bad\":1}", "not a valid session encoding: encoding.json: field 'options' is"
                + " missing or null");
        expected.put("options.json=null", "corrupt GAN model: options.json: expected a JSON object, got null");
        expected.put("timing.json=[1]", "corrupt GAN model: timing.json: expected a JSON object, got a list");
        expected.put("timing.json={\"dataStartMillis\":1,\"startOffsetQuantiles\":[0.0,1", "corrupt GAN model:"
                + " timing.json: malformed JSON at column 51: the text ends inside a list");
        expected.put("history.json={\"epochs\":[", "corrupt GAN model: history.json: malformed JSON at column 12:"
                + " the text ends inside a list");
        expected.put("calibration.json={}", "corrupt GAN model: calibration.json: field 'report' is missing or null");
        expected.put("calibration.json={\"report\":{\"kept\":true}}", "corrupt GAN model: calibration.json: the"
                + " report says the corrections were kept, but field 'offsets' is missing or null");
        expected.put("calibration.json={\"report\":{\"kept\":false},\"offsets\":[[0]],\"endOffsets\":[[0]]}",
                "corrupt GAN model: calibration.json: holds corrections, but the report says they were not kept");
        expected.put("calibration.json={\"report\":{\"kept\":true},\"offsets\":[[0]],\"endOffsets\":[[0]]}",
                "corrupt GAN model: calibration.json: calibration needs 48 x 147 token offsets, 10 x 12 END offsets"
                + " and 8 stay offsets");
        expected.put("network.zip=not a zip", "corrupt GAN model: network.zip: not a readable network (its"
                + " configuration or weights are missing or damaged)");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String[] part = e.getKey().split("=", 2);
            byte[] damaged = withInnerEntries(entries -> {
                entries.put(part[0], part[1].getBytes(StandardCharsets.UTF_8));
                return entries;
            });

            assertThatThrownBy(() -> ModelFile.load(damaged, NAME)).as(e.getKey())
                    .isInstanceOf(InvalidInputException.class).hasMessage(NAME + ": " + e.getValue());
        }
    }

    /** The model with its nested {@code model.zip}'s entries changed by {@code change}. */
    private static byte[] withInnerEntries(UnaryOperator<Map<String, byte[]>> change) throws IOException {
        return withInner(inner -> {
            try {
                return zip(change.apply(unzip(inner)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The model with its nested {@code model.zip}'s bytes changed by {@code change}. */
    private static byte[] withInner(UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> outer = unzip(model);
        outer.put(ModelFile.GAN_MODEL, change.apply(outer.get(ModelFile.GAN_MODEL)));
        return zip(outer);
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
