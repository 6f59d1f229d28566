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
 * A model file written by an earlier release keeps generating the users it generated then: each fixture is a
 * tiny GAN (16 units, 5 top categories, 2 warm-start epochs and 2 calibration rounds on 4,000 REES46 rows,
 * seed 3) with the events CSV its code wrote for 80 users (more where a test says so) with seed 7
 * ({@code sessiongan generate --model-file M --users 80 --seed 7}).
 */
class OlderModelFilesTest {

    /**
     * Trained by the code of commit e4c38b0: its encoding predates the OTHER categories' runs and the head
     * items' session counts, so it exercises their fallbacks.
     */
    @Test
    void aModelFromBeforeOtherRunsGeneratesTheSameUsersByteForByte() throws IOException {
        assertGeneratesAsBefore("legacy-tiny.model", "legacy-tiny-80users-seed7.csv", 80);
    }

    /**
     * Trained by the code of commit 3186146: its encoding has the OTHER categories' runs but the file predates
     * strict sampling (no {@code sampler.json}), so its first-event TIME token is drawn and a session leaving
     * an OTHER category may enter it again at once, as then.
     */
    @Test
    void aModelFromBeforeStrictSamplingGeneratesTheSameUsersByteForByte() throws IOException {
        assertGeneratesAsBefore("otherruns-tiny.model", "otherruns-tiny-80users-seed7.csv", 80);
    }

    /**
     * Trained by the code of commit 6ebff20: strict sampling, but its long tail is dealt by turns between the
     * runs of a pass ({@code sampler.json} has no {@code dealing}), as the embedded default model of that
     * release was. 1,300 users: past its first pass (4 runs of 256), so every run's turn, the wrap past a
     * deck's end and a second pass's shuffle are pinned.
     */
    @Test
    void aModelFromBeforePassDealingGeneratesTheSameUsersByteForByte() throws IOException {
        assertGeneratesAsBefore("strict-tiny.model", "strict-tiny-1300users-seed7.csv", 1_300);
    }

    /**
     * Trained by the code of commit e14e7ac ({@code train ... --limit 4000 --hidden 16 --top-categories 5
     * --epochs 2 --adversarial-epochs 0 --calibration-rounds 2 --seed 3}): its encoding predates the planned
     * buying sessions ({@code repeatBuyingRate}), so the network alone decides which sessions of a
     * multi-session buyer buy. With the rate added to its encoding, its 1,300 users differ from line 1,148 on.
     */
    @Test
    void aModelFromBeforeBuyingPlansGeneratesTheSameUsersByteForByte() throws IOException {
        assertGeneratesAsBefore("pass-tiny.model", "pass-tiny-1300users-seed7.csv", 1_300);
    }

    /**
     * Saving an older model again writes what it held: no key for the corrections, decoding or sampling
     * rules that came after it (they would say "none" anyway, but the file would no longer be the same).
     */
    @Test
    void anOlderModelSavedAgainHoldsTheSameEntries(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        ModelFile.Loaded model = ModelFile.load(resource("pass-tiny.model"), "pass-tiny.model");
        java.nio.file.Path again = dir.resolve("again.model");

        ModelFile.save(again, (dev.sessiongan.generate.PersistentGenerator) model.generator(), model.manifest());

        java.util.Map<String, byte[]> before = innerEntries(resource("pass-tiny.model"));
        java.util.Map<String, byte[]> after = innerEntries(java.nio.file.Files.readAllBytes(again));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        // figures its history did not record read as not measured, and are not written back
        assertThat(((dev.sessiongan.model.GanGenerator) model.generator()).history().epochs())
                .allSatisfy(e -> assertThat(e.validationAucBehaviour()).isNaN());
        // its calibration was kept or dropped by the rule of its day: no noise margin, and none written back
        assertThat(((dev.sessiongan.model.GanGenerator) model.generator()).calibrationReport().orElseThrow()
                .validationAucMargin()).isNull();
        for (String name : before.keySet()) {
            if (name.endsWith(".json")) {
                assertThat(new String(after.get(name), StandardCharsets.UTF_8)).as(name)
                        .isEqualTo(new String(before.get(name), StandardCharsets.UTF_8));
            }
        }
    }

    /** The entries of a model file's GAN part (the zip inside the zip). */
    private static java.util.Map<String, byte[]> innerEntries(byte[] modelFile) throws IOException {
        java.util.Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (java.util.zip.ZipInputStream outer = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(modelFile))) {
            for (java.util.zip.ZipEntry e = outer.getNextEntry(); e != null; e = outer.getNextEntry()) {
                if (e.getName().equals("model.zip")) {
                    try (java.util.zip.ZipInputStream inner = new java.util.zip.ZipInputStream(
                            new java.io.ByteArrayInputStream(outer.readAllBytes()))) {
                        for (java.util.zip.ZipEntry f = inner.getNextEntry(); f != null; f = inner.getNextEntry()) {
                            entries.put(f.getName(), inner.readAllBytes());
                        }
                    }
                }
            }
        }
        return entries;
    }

    private static void assertGeneratesAsBefore(String modelName, String csvName, int users) throws IOException {
        ModelFile.Loaded model = ModelFile.load(resource(modelName), modelName);

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try (EventsCsvWriter writer = EventsCsvWriter.to(csv)) {
            for (VirtualUser user : model.generator().users(GenerationRequest.of(users, 7)).toList()) {
                writer.write(user);
            }
            writer.commit();
        }

        assertThat(model.generator().kind()).isEqualTo("gan");
        assertThat(csv.toString(StandardCharsets.UTF_8))
                .isEqualTo(new String(resource(csvName), StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OlderModelFilesTest.class.getResourceAsStream("/dev/sessiongan/legacy/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
