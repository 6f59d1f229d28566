package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sessiongan.TestData;
import dev.sessiongan.UserSimulator;
import dev.sessiongan.generate.VirtualUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON outputs against the schema published in {@code docs/schema/virtual-user.schema.json}. */
class JsonSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        String text = Files.readString(TestData.projectFile("docs/schema/virtual-user.schema.json"));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(text, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    @Test
    void everyJsonlLineOfTheAwkwardUsersIsValid() throws IOException {
        String lines = written(OutputFormat.JSONL, GoldenFormatsTest.users());

        for (String line : lines.split("\n")) {
            assertThat(schema.validate(JSON.readTree(line))).as(line).isEmpty();
        }
    }

    @Test
    void everyElementOfTheJsonArrayFromTheDefaultModelIsValid() throws IOException {
        List<VirtualUser> users = UserSimulator.defaultModel().users(300, 11);

        JsonNode array = JSON.readTree(written(OutputFormat.JSON, users));

        assertThat(array.size()).isEqualTo(300);
        for (JsonNode user : array) {
            assertThat(schema.validate(user)).as(user.toString()).isEmpty();
        }
    }

    @Test
    void theSchemaCatchesBrokenUsers() throws IOException {
        JsonNode valid = JSON.readTree(written(OutputFormat.JSONL, GoldenFormatsTest.users()).split("\n")[0]);

        ObjectNode unknownType = valid.deepCopy();
        event(unknownType).put("type", "click");
        ObjectNode noItem = valid.deepCopy();
        event(noItem).remove("itemId");
        ObjectNode badTime = valid.deepCopy();
        event(badTime).put("timestamp", "yesterday");
        ObjectNode noSessions = valid.deepCopy();
        noSessions.set("sessions", JSON.createArrayNode());

        assertThat(messages(unknownType)).anyMatch(m -> m.contains("type"));
        assertThat(messages(noItem)).anyMatch(m -> m.contains("itemId"));
        assertThat(messages(badTime)).anyMatch(m -> m.contains("date-time"));
        assertThat(messages(noSessions)).anyMatch(m -> m.contains("sessions"));
    }

    private static ObjectNode event(ObjectNode user) {
        return (ObjectNode) ((ArrayNode) user.get("sessions").get(0).get("events")).get(0);
    }

    private static List<String> messages(JsonNode user) {
        Set<ValidationMessage> errors = schema.validate(user);
        return errors.stream().map(ValidationMessage::getMessage).toList();
    }

    private static String written(OutputFormat format, List<VirtualUser> users) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (UserWriter writer = format.to(out)) {
            for (VirtualUser u : users) {
                writer.write(u);
            }
            writer.commit();
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
