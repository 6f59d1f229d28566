package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.UserProfile;
import dev.sessiongan.generate.VirtualUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every output format against a golden file, on two hand-made users that exercise the awkward cases: a
 * user with two sessions, an item id holding a comma, a colon and a pipe, unknown category and price.
 * Regenerate a golden file only after checking the new output by eye.
 */
class GoldenFormatsTest {

    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    static List<VirtualUser> users() {
        UserSession first = new UserSession("u1-s1", "u1", List.of(
                new ClickEvent(T, EventType.VIEW, "100", "cat-a", new BigDecimal("9.99"), null),
                new ClickEvent(T.plusMillis(3_500), EventType.VIEW, "200", "cat-a", new BigDecimal("19.50"), null),
                new ClickEvent(T.plusSeconds(12), EventType.ADD_TO_CART, "200", "cat-a", new BigDecimal("19.50"), null),
                new ClickEvent(T.plusSeconds(40), EventType.PURCHASE, "200", "cat-a", new BigDecimal("19.50"), null)));
        UserSession second = new UserSession("u1-s2", "u1", List.of(
                new ClickEvent(T.plusSeconds(7200), EventType.VIEW, "300", null, null, null)));
        UserSession odd = new UserSession("u2-s1", "u2", List.of(
                new ClickEvent(T.plusSeconds(60), EventType.VIEW, "odd,id:with|pipe", "cat-b", null, null),
                new ClickEvent(T.plusSeconds(61), EventType.VIEW, "100", "cat-a", new BigDecimal("9.99"), null)));
        return List.of(user("u1", List.of(first, second)), user("u2", List.of(odd)));
    }

    private static String streamed(OutputFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (UserWriter writer = format.to(out)) {
            for (VirtualUser u : users()) {
                writer.write(u);
            }
            writer.commit();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Every file the format wrote, by name, each after a {@code == name ==} line. */
    private static String writtenFiles(OutputFormat format, Path dir) throws IOException {
        Path out = dir.resolve(format == OutputFormat.PER_USER_CSV ? "users" : "interactions.csv");
        try (UserWriter writer = format.create(out)) {
            for (VirtualUser u : users()) {
                writer.write(u);
            }
            writer.commit();
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                all.append("== ").append(dir.relativize(f).toString().replace('\\', '/')).append(" ==\n")
                        .append(Files.readString(f));
            }
        }
        return all.toString();
    }

    private static VirtualUser user(String id, List<UserSession> sessions) {
        return new VirtualUser(id, UserProfile.of(new UserHistory(id, sessions)), sessions);
    }

    @ParameterizedTest
    @EnumSource(OutputFormat.class)
    void matchesItsGoldenFile(OutputFormat format, @TempDir Path dir) throws IOException {
        String actual = format.needsPath() ? writtenFiles(format, dir) : streamed(format);
        String name = "golden/" + format.cliName() + ".txt";
        if (Boolean.getBoolean("sessiongan.writeGolden")) {
            Path file = Path.of("src/test/resources/dev/sessiongan/io", name);
            Files.writeString(file, actual);
        }
        try (InputStream in = GoldenFormatsTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
