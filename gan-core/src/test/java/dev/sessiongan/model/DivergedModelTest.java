package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network whose weights diverged to NaN is not saved: it would only be refused as damaged when loaded. */
class DivergedModelTest {

    @TempDir
    Path dir;

    @Test
    void aModelWhoseWeightsHoldNaNIsNotSaved() throws IOException {
        byte[] bytes;
        try (InputStream in = DivergedModelTest.class.getResourceAsStream(EmbeddedModels.DEFAULT_RESOURCE)) {
            bytes = in.readAllBytes();
        }
        ModelFile.Loaded loaded = ModelFile.load(bytes, "default.model"); // a copy of its own, not the shared one
        GanGenerator generator = (GanGenerator) loaded.generator();
        generator.network().graph().params().putScalar(0, Double.NaN);
        Path file = dir.resolve("diverged.model");

        assertThatThrownBy(() -> ModelFile.save(file, generator, loaded.manifest()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the trained network's weights hold NaN or infinite values: training diverged");
        assertThat(file).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }
}
