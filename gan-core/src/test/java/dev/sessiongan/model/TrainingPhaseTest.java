package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrainingPhaseTest {

    private static final String EPOCH = "{\"initialValidationAuc\":0.9,\"epochs\":[{\"epoch\":1,\"phase\":\"%s\","
            + "\"meanDReal\":0.5,\"meanDFake\":0.5,\"discriminatorLoss\":0.69,\"generatorLoss\":3,"
            + "\"generatorGradientNorm\":1,\"discriminatorGradientNorm\":1,\"validationAuc\":0.6,\"wallSeconds\":2,"
            + "\"nonSaturatingLoss\":0.69,\"validationScore\":0.7,\"dualityGap\":0,\"attributeDReal\":0.5,"
            + "\"attributeDFake\":0.5}]}";

    @Test
    void aHistoryNamesThePhasesByTheLabelsModelFilesAlwaysHad() throws IOException {
        for (TrainingPhase phase : TrainingPhase.values()) {
            TrainingHistory read = GanModelIo.readHistory(json(phase.label()));

            assertThat(read.epochs().get(0).phase()).isEqualTo(phase);
            assertThat(new String(GanModelIo.JSON.writeValueAsBytes(read), StandardCharsets.UTF_8))
                    .contains("\"phase\":\"" + phase.label() + "\"");
            assertThat(read.epochsIn(phase)).isEqualTo(1);
        }
        assertThat(TrainingPhase.WARM_START).hasToString("mle");
        assertThat(TrainingPhase.ADVERSARIAL).hasToString("adversarial");
    }

    @Test
    void anUnknownPhaseIsRefusedByName() {
        assertThatThrownBy(() -> GanModelIo.readHistory(json("warmup")))
                .isInstanceOf(IOException.class)
                .hasMessage("history.json: field 'epochs[0].phase': unknown training phase \"warmup\" (expected"
                        + " \"mle\" or \"adversarial\")");
    }

    private static byte[] json(String phase) {
        return String.format(EPOCH, phase).getBytes(StandardCharsets.UTF_8);
    }
}
