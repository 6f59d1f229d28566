package dev.sessiongan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A model part's JSON errors name the part and the field, in JSON's terms rather than Java's or Jackson's. */
class JsonPartsTest {

    record Dataset(String format, long events) {
        Dataset {
            Objects.requireNonNull(format, "format");
        }
    }

    record Manifest(long seed, Dataset dataset, List<String> notes) {
        Manifest {
            notes = List.copyOf(notes); // a null list fails here, as List.copyOf does in the library's records
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static String error(String json) {
        try {
            JsonParts.read(JSON, json.getBytes(StandardCharsets.UTF_8), Manifest.class, "manifest.json");
        } catch (IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("read " + json);
    }

    @Test
    void eachKindOfDamageIsSaidWithItsField() {
        String notes = ", \"notes\": []";
        assertThat(error("{\"seed\": \"abc\"" + notes + "}"))
                .isEqualTo("manifest.json: field 'seed': expected a whole number, got a string (\"abc\")");
        assertThat(error("{\"seed\": 99999999999999999999" + notes + "}"))
                .isEqualTo("manifest.json: field 'seed': a number out of range (expected a whole number)");
        assertThat(error("{\"seed\": 1, \"dataset\": {\"events\": 3}" + notes + "}"))
                .isEqualTo("manifest.json: field 'dataset.format' is missing or null");
        assertThat(error("{\"seed\": 1}")).isEqualTo("manifest.json: a required field is missing or null");
        assertThat(error("{\"seed\": 1, \"colour\": 2" + notes + "}")).isEqualTo("manifest.json: unknown field 'colour'");
        assertThat(error("{\"seed\": 1, \"dataset\": {\"format\": \"x\", \"events\": 1, \"size\": 2}" + notes + "}"))
                .isEqualTo("manifest.json: in 'dataset': unknown field 'size'");
        assertThat(error("{}")).isEqualTo("manifest.json: field 'seed' is missing or null (expected a whole number)");
        assertThat(error("[1]")).isEqualTo("manifest.json: expected a JSON object, got a list");
        assertThat(error("null")).isEqualTo("manifest.json: empty or null (expected a JSON object)");
        assertThat(error("{\"seed\": 1,")).startsWith("manifest.json: malformed JSON at column ")
                .endsWith(": the text ends inside an object");
    }

    @Test
    void aGoodPartReads() throws IOException {
        Manifest read = JsonParts.read(JSON, "{\"seed\": 7, \"notes\": [\"a\"]}".getBytes(StandardCharsets.UTF_8),
                Manifest.class, "manifest.json");

        assertThat(read).isEqualTo(new Manifest(7, null, List.of("a")));
    }

    @Test
    void aTreeMustBeAnObject() {
        assertThatThrownBy(() -> JsonParts.tree(JSON, "\"x\"".getBytes(StandardCharsets.UTF_8), "options.json"))
                .hasMessage("options.json: expected a JSON object, got a string (\"x\")");
    }
}
