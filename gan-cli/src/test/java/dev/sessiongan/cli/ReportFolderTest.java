package dev.sessiongan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation report's pair of files: written whole, or not at all. */
class ReportFolderTest {

    @TempDir
    Path dir;

    @Test
    void aReportThatFailsHalfWayLeavesTheOlderPairAndNoFolderItMade() throws IOException {
        Path old = Files.createDirectory(dir.resolve("old"));
        Files.writeString(old.resolve(ReportFolder.JSON), "OLD JSON");
        Files.writeString(old.resolve(ReportFolder.HTML), "OLD HTML");
        ReportFolder.Body json = out -> out.write("NEW JSON".getBytes());
        ReportFolder.Body failing = out -> {
            out.write("<html>".getBytes());
            throw new IOException("cannot write report.html: No space left on device");
        };

        assertThatThrownBy(() -> ReportFolder.write(old, json, failing)).hasMessageContaining("No space left");
        assertThatThrownBy(() -> ReportFolder.write(dir.resolve("new/deeper"), json, failing))
                .hasMessageContaining("No space left");

        assertThat(Files.readString(old.resolve(ReportFolder.JSON))).isEqualTo("OLD JSON");
        assertThat(Files.readString(old.resolve(ReportFolder.HTML))).isEqualTo("OLD HTML");
        try (Stream<Path> files = Files.list(old)) {
            assertThat(files).hasSize(2);
        }
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void aWholeReportReplacesBothFiles() throws IOException {
        Path folder = dir.resolve("new/deeper");

        ReportFolder.write(folder, out -> out.write("NEW JSON".getBytes()), out -> out.write("NEW HTML".getBytes()));

        assertThat(Files.readString(folder.resolve(ReportFolder.JSON))).isEqualTo("NEW JSON");
        assertThat(Files.readString(folder.resolve(ReportFolder.HTML))).isEqualTo("NEW HTML");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).hasSize(2);
        }
    }
}
