package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.TestData;
import dev.sessiongan.baseline.MarkovGenerator;
import dev.sessiongan.baseline.MarkovTrainer;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.PersistentGenerator;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    private static MarkovGenerator model;

    @TempDir
    Path dir;

    @BeforeAll
    static void fit() {
        model = MarkovTrainer.fit(ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT.withMaxRows(3_000)).dataset());
    }

    private Path save() throws IOException {
        Path file = dir.resolve("m.model");
        ModelFile.save(file, model, ModelManifest.now(MarkovGenerator.KIND, 0,
                new ModelManifest.DatasetProvenance("train.csv", "rees46", "abc", 3_000, 900, 800, null), Map.of("k", "v")));
        return file;
    }

    @Test
    void savedModelGeneratesExactlyWhatTheOriginalDoes() throws IOException {
        ModelFile.Loaded loaded = ModelFile.load(save());

        GenerationRequest request = GenerationRequest.of(200, 77);
        assertThat(loaded.generator().users(request).toList()).isEqualTo(model.users(request).toList());
        assertThat(loaded.manifest().kind()).isEqualTo("markov");
        assertThat(loaded.manifest().dataset().format()).isEqualTo("rees46");
        assertThat(loaded.manifest().java()).isEqualTo(System.getProperty("java.version"));
        assertThat(loaded.manifest().config()).containsEntry("k", "v");
    }

    @Test
    void aDatasetsProvenanceNamesItsFileDigestAndCounts() throws IOException {
        Path file = Files.writeString(dir.resolve("events.csv"), "abc"); // any bytes: only digested
        dev.sessiongan.data.SessionDataset data = ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/train.csv"), ReadOptions.DEFAULT.withMaxRows(300)).dataset();

        ModelManifest.DatasetProvenance provenance = ModelManifest.DatasetProvenance.of(file, "rees46", data);

        assertThat(provenance.file()).isEqualTo("events.csv");
        assertThat(provenance.format()).isEqualTo("rees46");
        // the SHA-256 test vector of "abc" (FIPS 180-2)
        assertThat(provenance.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(provenance.events()).isEqualTo(data.summary().events());
        assertThat(provenance.sessions()).isEqualTo(data.summary().sessions());
        assertThat(provenance.users()).isEqualTo(data.summary().users());
        assertThat(provenance.reference()).isNotNull();
        assertThatThrownBy(() -> ModelManifest.DatasetProvenance.of(dir.resolve("gone.csv"), "rees46", data))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aGeneratorOfAKindNoModelFileHoldsIsNotSaved() {
        PersistentGenerator custom = new PersistentGenerator() {
            @Override
            public String kind() {
                return "custom";
            }

            @Override
            public VirtualUser user(long index, GenerationRequest request) {
                return model.user(index, request);
            }

            @Override
            public void writeModel(OutputStream out) throws IOException {
                out.write('x');
            }
        };
        Path file = dir.resolve("custom.model");

        assertThatThrownBy(() -> ModelFile.save(file, custom, ModelManifest.now("custom", 0, null, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot save a model of kind 'custom': model files hold markov and gan models");
        assertThat(file).doesNotExist();
    }

    @Test
    void truncatedFileIsReportedNotCrashed() throws IOException {
        Path file = save();
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.model"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> ModelFile.load(cut)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(cut + ": corrupt");
    }

    @Test
    void foreignFileIsNamedAsSuch() throws IOException {
        Path csv = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");

        assertThatThrownBy(() -> ModelFile.load(csv)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(csv + ": not a SessionGAN model file");
    }

    @Test
    void foreignZipIsNamedAsSuch() throws IOException {
        Path zip = zipOfOne(dir.resolve("other.zip"), "readme.txt", "hello");

        assertThatThrownBy(() -> ModelFile.load(zip)).hasMessage(zip
                + ": corrupt, truncated or foreign model file: missing manifest.json");
    }

    @Test
    void aCheckpointGivenAsAModelAndAModelGivenAsACheckpointAreCalledWhatTheyAre() throws IOException {
        Path checkpoint = zipOfOne(dir.resolve("run.ckpt"), "magic", "sessiongan-checkpoint-1");
        Path model = save();

        assertThatThrownBy(() -> ModelFile.load(checkpoint)).hasMessage(checkpoint + ": a training checkpoint, not a"
                + " model file: continue the run with train --model gan --format F --data FILE --resume " + checkpoint
                + " --out MODEL");
        assertThatThrownBy(() -> dev.sessiongan.model.TrainingCheckpoint.load(model)).hasMessage(model + ": a model"
                + " file, not a training checkpoint: a run can be resumed only from the --checkpoint FILE it wrote");
    }

    @Test
    void newerLayoutVersionIsRefusedWithAFix() throws IOException {
        Path file = save();
        Path newer = dir.resolve("newer.model");
        rewriteManifest(file, newer, "\"formatVersion\" : 1", "\"formatVersion\" : 99");

        assertThatThrownBy(() -> ModelFile.load(newer)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("layout version 99 is not supported").hasMessageContaining("retrain");
    }

    @Test
    void damagedModelContentFailsOnLoadNotDuringGeneration() throws IOException {
        Path file = save();
        Path damaged = dir.resolve("damaged.model");
        rewriteEntry(file, damaged, ModelFile.MODEL, "\"timeResolutionMillis\":1000", "\"timeResolutionMillis\":0");

        assertThatThrownBy(() -> ModelFile.load(damaged)).isInstanceOf(InvalidInputException.class)
                .hasMessage(damaged + ": inconsistent Markov model: time resolution must be >= 1 ms");
    }

    @Test
    void aMarkovUserTooLargeToHoldIsRefusedOnLoadAndTimesPastTheReadersOnGeneration() throws IOException {
        Path file = save();
        String json = new String(entry(file, ModelFile.MODEL), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher sessions = java.util.regex.Pattern.compile("\"sessionsPerUserValues\":\\[(\\d+)")
                .matcher(json);
        assertThat(sessions.find()).isTrue();
        java.util.regex.Matcher offsets = java.util.regex.Pattern.compile("\"startOffsetQuantilesMillis\":\\[[^\\]]*\\]")
                .matcher(json);
        assertThat(offsets.find()).isTrue();
        Path huge = dir.resolve("huge.model");
        Path late = dir.resolve("late.model");
        rewriteEntry(file, huge, ModelFile.MODEL, sessions.group(), "\"sessionsPerUserValues\":[1000000000");
        // every user starts 7,900 years after the data: within the quantiles' bound, past 9999 from the year 9000
        String lateOffsets = "\"startOffsetQuantilesMillis\":[" + String.join(",", java.util.Collections.nCopies(
                offsets.group().split(",").length, "2.5E14")) + "]";
        rewriteEntry(file, late, ModelFile.MODEL, offsets.group(), lateOffsets);

        assertThatThrownBy(() -> ModelFile.load(huge)).isInstanceOf(InvalidInputException.class)
                .hasMessage(huge + ": inconsistent Markov model: sessions per user must be in [1, 100000], got 1000000000");
        GenerationRequest request = GenerationRequest.of(3, 1).withStart(GenerationRequest.LATEST_START);
        assertThatThrownBy(() -> ModelFile.load(late).generator().users(request).toList())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("user u1: session u1-s1 runs from +16922-")
                .hasMessageContaining("outside 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the times SessionGAN"
                        + " reads; give another start (--start, GenerationRequest.withStart)");
    }

    @Test
    void aPriceThatIsNoNumberOrADataStartOutOfTimeIsRefusedOnLoad() throws IOException {
        Path file = save();
        String json = new String(entry(file, ModelFile.MODEL), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher price = java.util.regex.Pattern.compile("\"prices\":\\[\"([^\"]+)\"").matcher(json);
        assertThat(price.find()).isTrue();
        java.util.regex.Matcher start = java.util.regex.Pattern.compile("\"dataStartEpochMillis\":(\\d+)")
                .matcher(json);
        assertThat(start.find()).isTrue();
        Path nan = dir.resolve("nan-price.model");
        Path early = dir.resolve("early.model");
        rewriteEntry(file, nan, ModelFile.MODEL, price.group(), "\"prices\":[\"NaN\"");
        rewriteEntry(file, early, ModelFile.MODEL, start.group(), "\"dataStartEpochMillis\":-9000000000000000000");

        assertThatThrownBy(() -> ModelFile.load(nan)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(nan + ": inconsistent Markov model: item ")
                .hasMessageEndingWith(": price \"NaN\" is not a plain decimal >= 0");
        assertThatThrownBy(() -> ModelFile.load(early)).isInstanceOf(InvalidInputException.class)
                .hasMessage(early + ": inconsistent Markov model: data start -9000000000000000000 ms is outside the"
                        + " years 1900-9999");
    }

    @Test
    void damagedJsonPartsNameTheFieldAndWhatIsWrong() throws IOException {
        Path file = save();
        Path seed = dir.resolve("seed.model");
        Path kind = dir.resolve("kind.model");
        Path empty = dir.resolve("empty.model");
        rewriteManifest(file, seed, "\"seed\" : 0", "\"seed\" : \"abc\"");
        rewriteManifest(file, kind, "\"kind\" : \"markov\",", "");
        rewriteEntry(file, empty, ModelFile.MODEL, new String(entry(file, ModelFile.MODEL),
                java.nio.charset.StandardCharsets.UTF_8), "{}");

        assertThatThrownBy(() -> ModelFile.load(seed)).hasMessage(seed + ": corrupt model manifest: manifest.json:"
                + " field 'seed': expected a whole number, got a string (\"abc\")");
        assertThatThrownBy(() -> ModelFile.load(kind)).hasMessage(kind + ": corrupt model manifest: manifest.json:"
                + " field 'kind' is missing or null");
        assertThatThrownBy(() -> ModelFile.load(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(empty + ": not a valid Markov model: model.json: field '")
                .hasMessageEndingWith("' is missing or null (expected a whole number)");
    }

    @Test
    void manifestFieldsFromANewerVersionAreIgnored() throws IOException {
        Path file = save();
        Path newer = dir.resolve("newer-field.model");
        rewriteManifest(file, newer, "\"formatVersion\" : 1", "\"formatVersion\" : 1, \"gpu\" : \"none\"");

        assertThat(ModelFile.load(newer).generator().kind()).isEqualTo("markov");
    }

    @Test
    void folderIsNotAModel() {
        assertThatThrownBy(() -> ModelFile.load(dir)).hasMessage(dir + ": is a folder, not a model file");
        // the empty path is the working folder: its message must still show a name
        assertThatThrownBy(() -> ModelFile.load(Path.of("")))
                .hasMessage("'' (an empty path): is a folder, not a model file");
    }

    @Test
    void missingFileIsReported() {
        Path missing = dir.resolve("none.model");

        assertThatThrownBy(() -> ModelFile.load(missing)).hasMessage(missing + ": model file not found");
    }

    /** A zip file holding one entry. */
    private static Path zipOfOne(Path file, String name, String content) throws IOException {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new java.util.zip.ZipEntry(name));
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return file;
    }

    private static byte[] entry(Path model, String name) throws IOException {
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(model))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IllegalStateException(name + " not in " + model);
    }

    private static void rewriteManifest(Path from, Path to, String find, String replace) throws IOException {
        rewriteEntry(from, to, ModelFile.MANIFEST, find, replace);
    }

    private static void rewriteEntry(Path from, Path to, String name, String find, String replace) throws IOException {
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(from));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(name)) {
                    String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(text).contains(find);
                    content = text.replace(find, replace).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
    }
}
