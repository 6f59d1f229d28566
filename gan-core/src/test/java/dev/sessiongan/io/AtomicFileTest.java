package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void uncommittedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("users.csv"), "precious");

        try (AtomicFile file = AtomicFile.create(target)) {
            file.stream().write("half a fi".getBytes());
            // no commit: e.g. the generator failed half-way
        }

        assertThat(Files.readString(target)).isEqualTo("precious");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void committedWriteReplacesTheTarget() throws IOException {
        Path target = dir.resolve("out.csv");

        try (AtomicFile file = AtomicFile.create(target)) {
            file.stream().write("complete".getBytes());
            assertThat(target).doesNotExist();
            file.commit();
        }

        assertThat(Files.readString(target)).isEqualTo("complete");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void missingFolderIsAnIoError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFile.create(dir.resolve("no/such/out.csv")))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
    }
}
