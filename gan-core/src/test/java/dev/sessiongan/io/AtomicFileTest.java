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
    void aLinkStaysALinkAndTheFileItNamesIsReplaced() throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"));
        Files.writeString(real.resolve("users.csv"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("users.csv"), Path.of("real", "users.csv"));
        Path dangling = Files.createSymbolicLink(dir.resolve("new.csv"), Path.of("real", "new.csv"));

        for (Path target : new Path[] {link, dangling}) {
            try (AtomicFile file = AtomicFile.create(target)) {
                file.stream().write("new".getBytes());
                file.commit();
            }
        }

        assertThat(link).isSymbolicLink();
        assertThat(dangling).isSymbolicLink();
        assertThat(Files.readString(real.resolve("users.csv"))).isEqualTo("new");
        assertThat(Files.readString(real.resolve("new.csv"))).isEqualTo("new");
        try (Stream<Path> files = Files.list(real)) {
            assertThat(files).containsExactlyInAnyOrder(real.resolve("users.csv"), real.resolve("new.csv"));
        }
    }

    @Test
    void aChainOfLinksAndADotDotAfterALinkedFolderLandWhereTheKernelGoes() throws IOException {
        // in/ is a link to deep/down/, so in/../x.csv is deep/x.csv for the kernel, though the text says x.csv
        Path down = Files.createDirectories(dir.resolve("deep/down"));
        Files.createSymbolicLink(dir.resolve("in"), down);
        Path first = Files.createSymbolicLink(dir.resolve("first.csv"), Path.of("second.csv"));
        Files.createSymbolicLink(dir.resolve("second.csv"), Path.of("in", "..", "x.csv"));

        try (AtomicFile file = AtomicFile.create(first)) {
            file.stream().write("chained".getBytes());
            file.commit();
        }

        assertThat(Files.readString(dir.resolve("deep/x.csv"))).isEqualTo("chained");
        assertThat(dir.resolve("x.csv")).doesNotExist();
        assertThat(first).isSymbolicLink();
        assertThat(Files.readString(first)).isEqualTo("chained");
    }

    @Test
    void aLinkedFolderIsFilledAndStaysALink() throws IOException {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("users"), real);

        try (AtomicDirectory folder = AtomicDirectory.create(link)) {
            Files.writeString(folder.folder().resolve("user-1.csv"), "one");
            folder.commit();
        }

        assertThat(link).isSymbolicLink();
        assertThat(Files.readString(real.resolve("user-1.csv"))).isEqualTo("one");
    }

    @Test
    void aDeviceIsWrittenInPlaceNotReplacedAndAFailedWriteNamesIt() throws IOException {
        Path sink = Path.of("/dev/null");
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(sink) && Files.exists(full), "Linux devices");

        AtomicFile.checkWritable(sink);
        try (AtomicFile file = AtomicFile.create(sink)) {
            file.stream().write("gone".getBytes());
            file.commit();
        }
        assertThat(Files.isRegularFile(sink)).isFalse();

        try (AtomicFile file = AtomicFile.create(full)) {
            file.stream().write(new byte[1 << 17]); // past the buffer: the device refuses it
            org.assertj.core.api.Assertions.fail("a write to /dev/full went through");
        } catch (IOException e) {
            assertThat(e).hasMessageStartingWith("cannot write /dev/full: ");
        }
        assertThat(Files.isRegularFile(full)).isFalse();
    }

    @Test
    void checkingAPipeDoesNotWaitForItsReader() throws Exception {
        Path pipe = dir.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo works");

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> AtomicFile.checkWritable(pipe));
        assertThat(Files.isRegularFile(pipe)).isFalse();
    }

    @Test
    void missingFolderIsAnIoError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFile.create(dir.resolve("no/such/out.csv")))
                .isInstanceOf(IOException.class).hasMessageContaining("does not exist");
    }

    @Test
    void checkingATargetLeavesNothingBehindAndNamesAFolderThatTakesNoFiles() throws IOException {
        Path target = Files.writeString(dir.resolve("users.csv"), "precious");

        AtomicFile.checkWritable(target);
        AtomicFile.checkWritable(dir.resolve("new.csv"));

        assertThat(Files.readString(target)).isEqualTo("precious");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
        // /proc exists and takes no new file, even for root: the message must not say the folder is missing
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFile.checkWritable(Path.of("/proc/x.csv")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write /proc/x.csv: ")
                .hasMessageNotContaining("no such").hasMessageNotContaining("does not exist");
    }

    @Test
    void temporariesStillOpenAtShutdownAreDeletedAndNothingElse() throws IOException {
        Path target = Files.writeString(dir.resolve("users.csv"), "precious");
        AtomicFile interrupted = AtomicFile.create(target);
        interrupted.stream().write("half a fi".getBytes());
        AtomicDirectory report = AtomicDirectory.create(dir.resolve("report"));
        Files.writeString(report.folder().resolve("report.json"), "{");
        Path done = dir.resolve("done.csv");
        try (AtomicFile file = AtomicFile.create(done)) {
            file.stream().write("complete".getBytes());
            file.commit();
            assertThat(PendingTemporaries.contains(file.temporary())).isFalse();
        }
        assertThat(PendingTemporaries.contains(interrupted.temporary())).isTrue();

        PendingTemporaries.deleteAll(); // what the shutdown hook runs, e.g. on SIGTERM mid-generation

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(target, done);
        }
        assertThat(Files.readString(target)).isEqualTo("precious");
        assertThat(Files.readString(done)).isEqualTo("complete");
        interrupted.close(); // nothing left to discard
        report.close();
    }

    @Test
    void aFolderWhoseTargetFilledMeanwhileKeepsTheOutputWhereItsErrorSays() throws IOException {
        Path target = dir.resolve("report");
        AtomicDirectory report = AtomicDirectory.create(target);
        Files.writeString(report.folder().resolve("report.json"), "{}");
        Files.createDirectory(target);
        Files.writeString(target.resolve("theirs.txt"), "theirs");

        org.assertj.core.api.Assertions.assertThatThrownBy(report::commit)
                .hasMessageEndingWith("the output is left in " + report.folder());
        report.close();

        assertThat(Files.readString(report.folder().resolve("report.json"))).isEqualTo("{}");
        assertThat(PendingTemporaries.contains(report.folder())).isFalse(); // and outlives a shutdown too
        assertThat(Files.readString(target.resolve("theirs.txt"))).isEqualTo("theirs");
    }
}
