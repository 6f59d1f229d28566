package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.TestData;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCsvRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void realDataSurvivesConvertAndReadBack() throws IOException {
        SessionDataset original = ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT).dataset();
        Path csv = dir.resolve("events.csv");
        try (EventsCsvWriter writer = EventsCsvWriter.create(csv)) {
            for (UserSession session : original.sessions()) {
                writer.write(session);
            }
            writer.commit();
        }

        SessionDataset copy = ClickstreamFormats.eventsCsv().read(csv, ReadOptions.DEFAULT).dataset();

        assertThat(copy.sessions()).isEqualTo(withoutAttributes(original.sessions()));
        assertThat(copy.summary()).isEqualTo(original.summary());
    }

    @Test
    void writesTheCanonicalLayout() throws IOException {
        UserSession session = new UserSession("s1", "u1", List.of(
                new ClickEvent(java.time.Instant.parse("2024-01-01T00:00:00Z"), dev.sessiongan.data.EventType.VIEW,
                        "i,1", "c1", new java.math.BigDecimal("12.50"), Map.of()),
                new ClickEvent(java.time.Instant.parse("2024-01-01T00:00:01.250Z"),
                        dev.sessiongan.data.EventType.ADD_TO_CART, "i2", null)));
        Path csv = dir.resolve("golden.csv");
        try (EventsCsvWriter writer = EventsCsvWriter.create(csv)) {
            writer.write(session);
            writer.commit();
        }

        assertThat(Files.readString(csv)).isEqualTo("""
                user_id,session_id,seq,timestamp,event_type,item_id,category_id,price
                u1,s1,0,2024-01-01T00:00:00Z,view,"i,1",c1,12.50
                u1,s1,1,2024-01-01T00:00:01.250Z,add_to_cart,i2,,
                """);
    }

    @Test
    void profilesJsonlHasOneUserPerLine() throws IOException {
        UserSession session = new UserSession("s1", "u1", List.of(
                new ClickEvent(java.time.Instant.parse("2024-01-01T00:00:00Z"), dev.sessiongan.data.EventType.PURCHASE,
                        "i1", "c1", new java.math.BigDecimal("12.50"), Map.of())));
        Path jsonl = dir.resolve("users.jsonl");
        try (ProfilesJsonlWriter writer = ProfilesJsonlWriter.create(jsonl)) {
            writer.write(VirtualUser.of(new dev.sessiongan.data.UserHistory("u1", List.of(session))));
            UserSession other = new UserSession("s1", "u2", session.events());
            writer.write(VirtualUser.of(new dev.sessiongan.data.UserHistory("u2", List.of(other))));
            writer.commit();
        }

        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"userId\":\"u1\",\"profile\":{\"sessions\":1,\"events\":1,\"buyer\":true,"
                + "\"preferredCategory\":\"c1\",\"meanPrice\":12.50},"
                + "\"sessions\":[{\"sessionId\":\"s1\",\"events\":[{\"type\":\"purchase\","
                + "\"itemId\":\"i1\",\"categoryId\":\"c1\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"price\":12.50}]}]}");
    }

    private static List<UserSession> withoutAttributes(List<UserSession> sessions) {
        return sessions.stream().map(s -> new UserSession(s.sessionId(), s.userId(), s.events().stream()
                .map(e -> new ClickEvent(e.timestamp(), e.type(), e.itemId(), e.categoryId(), e.price(), Map.of()))
                .toList())).toList();
    }
}
