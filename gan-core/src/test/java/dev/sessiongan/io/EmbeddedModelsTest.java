package dev.sessiongan.io;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(model.manifest().kind()).isEqualTo("markov");
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
