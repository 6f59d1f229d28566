package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.ClassifierTwoSampleTest;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;

import dev.sessiongan.TestData;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedModelsTest {

    @Test
    void defaultModelLoadsFromTheJarAndGeneratesReproducibly() {
        ModelFile.Loaded model = EmbeddedModels.defaultModel();

        List<VirtualUser> a = model.generator().users(GenerationRequest.of(100, 7)).toList();
        List<VirtualUser> b = EmbeddedModels.defaultModel().generator().users(GenerationRequest.of(100, 7)).toList();

        assertThat(a).hasSize(100).isEqualTo(b);
        assertThat(EmbeddedModels.list()).extracting(EmbeddedModels.Entry::name).containsExactly("default");
    }

    /**
     * The evaluation report shipped with the default model (what {@code sessiongan models} shows and
     * docs/default-model.md quotes) is the one this model earns: its first draw's classifier AUC and
     * category distance against the REES46 holdout are recomputed here with the report's own users and seed.
     */
    @Test
    void shippedEvaluationReportMatchesAFreshEvaluation() throws IOException {
        JsonNode report = new ObjectMapper().readTree(EmbeddedModels.list().get(0).evaluationReport().orElseThrow());
        JsonNode inputs = report.path("inputs");
        long users = inputs.path("users").asLong();
        long seed = inputs.path("seed").asLong();
        List<UserSession> holdout = ClickstreamFormats.rees46()
                .read(TestData.file("rees46_multicategory/holdout.csv"), ReadOptions.DEFAULT).dataset().sessions();

        List<UserSession> generated = EmbeddedModels.defaultModel().generator().users(GenerationRequest.of(users, seed))
                .flatMap(u -> u.sessions().stream()).toList();
        double auc = new ClassifierTwoSampleTest().run(generated, holdout, seed).auc();

        JsonNode column = report.path("columns").get(0);
        JsonNode draws = column.path("classifier_auc_draws");
        double firstDraw = draws.isArray() ? draws.get(0).asDouble() : column.path("classifier_auc").asDouble();
        assertThat(inputs.path("holdout").asText()).endsWith("rees46_multicategory/holdout.csv");
        assertThat(column.path("name").asText()).isEqualTo("embedded model");
        assertThat(firstDraw).isCloseTo(auc, within(1e-9));
        assertThat(column.path("fidelity_draws").get(0).path("category_js").asDouble())
                .isCloseTo(dev.sessiongan.diagnostics.Fidelity.of(generated, holdout, 0).categoryJs(), within(1e-9));
    }

    @Test
    void defaultModelWasTrainedOnTheRees46TrainSplitAsDocumented() throws IOException, NoSuchAlgorithmException {
        ModelManifest.DatasetProvenance dataset = EmbeddedModels.defaultModel().manifest().dataset();
        byte[] train = Files.readAllBytes(TestData.file("rees46_multicategory/train.csv"));

        assertThat(dataset.format()).isEqualTo("rees46");
        assertThat(dataset.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(train)));
        assertThat(dataset.events()).isEqualTo(14_074);
    }
}
