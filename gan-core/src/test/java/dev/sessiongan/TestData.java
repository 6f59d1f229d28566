package dev.sessiongan;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the real datasets in {@code ../shared/data}, beside the project root. */
public final class TestData {

    private TestData() {
    }

    /** A file under {@code shared/data}, e.g. {@code rees46_multicategory/train.csv}. */
    public static Path file(String relative) {
        Path file = dataDir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("test data file missing: " + file);
        }
        return file;
    }

    /** A file of the project itself, e.g. {@code docs/schema/virtual-user.schema.json}. */
    public static Path projectFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("gan-core")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find the project root from " + Path.of("").toAbsolutePath());
    }

    private static Path dataDir() {
        String override = System.getProperty("sessiongan.data.dir");
        if (override != null) {
            return Path.of(override);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("gan-core")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                Path data = dir.resolveSibling("shared").resolve("data");
                if (Files.isDirectory(data)) {
                    return data;
                }
                throw new IllegalStateException("real datasets expected at " + data
                        + " (beside the project root); set -Dsessiongan.data.dir to override");
            }
        }
        throw new IllegalStateException("cannot find the project root from " + Path.of("").toAbsolutePath());
    }
}
