package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A model file written by an earlier release keeps generating the users it generated then. The fixture is a
 * tiny GAN (16 units, 5 top categories, 2 warm-start epochs and 2 calibration rounds on 4,000 REES46 rows)
 * trained by the code of commit e4c38b0, with the events CSV that code wrote for 80 users with seed 7
 * ({@code sessiongan generate --model-file legacy-tiny.model --users 80 --seed 7}). Its encoding predates
 * the OTHER categories' runs and the head items' session counts, and the file predates strict sampling (it
 * has no {@code sampler.json}, so its untrained first-event TIME token is drawn as it was), so it exercises
 * their fallbacks.
 */
class OlderModelFilesTest {

    @Test
    void aModelFromAnEarlierReleaseGeneratesTheSameUsersByteForByte() throws IOException {
        ModelFile.Loaded model = ModelFile.load(resource("legacy-tiny.model"), "legacy-tiny.model");

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try (EventsCsvWriter writer = EventsCsvWriter.to(csv)) {
            for (VirtualUser user : model.generator().users(GenerationRequest.of(80, 7)).toList()) {
                writer.write(user);
            }
            writer.commit();
        }

        assertThat(model.generator().kind()).isEqualTo("gan");
        assertThat(csv.toString(StandardCharsets.UTF_8))
                .isEqualTo(new String(resource("legacy-tiny-80users-seed7.csv"), StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OlderModelFilesTest.class.getResourceAsStream("/dev/sessiongan/legacy/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
