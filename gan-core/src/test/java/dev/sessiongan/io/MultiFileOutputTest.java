package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.generate.VirtualUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The formats that write several files: nothing appears until the commit, and nothing is overwritten. */
class MultiFileOutputTest {

    @TempDir
    Path dir;

    @Test
    void perUserFolderAppearsOnlyOnCommit() throws IOException {
        Path folder = dir.resolve("users");
        try (UserWriter writer = OutputFormat.PER_USER_CSV.create(folder)) {
            for (VirtualUser u : GoldenFormatsTest.users()) {
                writer.write(u);
            }
            assertThat(folder).doesNotExist();
        }
        assertThat(folder).doesNotExist();
        assertThat(entries()).isEmpty(); // the temporary folder is gone too

        try (UserWriter writer = OutputFormat.PER_USER_CSV.create(folder)) {
            writer.write(GoldenFormatsTest.users().get(0));
            writer.commit();
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("user-1.csv");
        }
    }

    @Test
    void everyWriterRefusesToWriteOnceCommittedOrClosed() throws IOException {
        VirtualUser user = GoldenFormatsTest.users().get(0);
        for (OutputFormat format : OutputFormat.values()) {
            Path committed = dir.resolve("committed-" + format.cliName());
            Path closed = dir.resolve("closed-" + format.cliName());
            UserWriter first = format.create(committed);
            first.write(user);
            first.commit();
            UserWriter second = format.create(closed);
            second.close();

            for (UserWriter writer : new UserWriter[] {first, second}) {
                assertThatThrownBy(() -> writer.write(user)).as(format.cliName())
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("this writer is already committed or closed; open a new one to write more users");
            }
            assertThatThrownBy(first::commit).as(format.cliName()).isInstanceOf(IllegalStateException.class);
            first.close();
            assertThat(closed).as(format.cliName()).doesNotExist();
        }
    }

    @Test
    void perUserNeverReplacesAFolderWithFiles() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("users"));
        Files.writeString(folder.resolve("keep.txt"), "user data");
        assertThatThrownBy(() -> OutputFormat.PER_USER_CSV.create(folder))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("folder with files in it");
        assertThat(folder.resolve("keep.txt")).hasContent("user data");
    }

    @Test
    void perUserFillsAnEmptyFolder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("users"));
        try (UserWriter writer = OutputFormat.PER_USER_CSV.create(folder)) {
            writer.write(GoldenFormatsTest.users().get(1));
            writer.commit();
        }
        assertThat(folder.resolve("user-1.csv")).exists();
    }

    @Test
    void interactionsAndTheirIdMapAppearTogether() throws IOException {
        Path log = dir.resolve("log.csv");
        try (UserWriter writer = OutputFormat.INTERACTIONS_CSV.create(log)) {
            writer.write(GoldenFormatsTest.users().get(0));
        }
        assertThat(entries()).isEmpty();
        try (UserWriter writer = OutputFormat.INTERACTIONS_CSV.create(log)) {
            writer.write(GoldenFormatsTest.users().get(0));
            writer.commit();
        }
        assertThat(entries()).containsExactlyInAnyOrder("log.csv", "log-ids.csv");
        assertThat(InteractionsCsvWriter.idMapFile(Path.of("a/b.txt"))).isEqualTo(Path.of("a/b.txt-ids.csv"));
    }

    @Test
    void multiFileFormatsRefuseAStream() {
        for (OutputFormat format : OutputFormat.values()) {
            if (format.needsPath()) {
                assertThatThrownBy(() -> format.to(new ByteArrayOutputStream()))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining(format.cliName());
            }
        }
    }

    private java.util.List<String> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
