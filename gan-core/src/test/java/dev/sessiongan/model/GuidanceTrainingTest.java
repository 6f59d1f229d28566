package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.TestData;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.encoding.EncodingOptions;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training the critic that generation uses, with training or afterwards for a finished model. */
class GuidanceTrainingTest {

    private static final GanOptions QUICK = GanOptions.builder().seed(4).hidden(16).mleEpochs(1).adversarialEpochs(0)
            .batchSize(32).learningRate(0.01).calibrationRounds(0).discriminatorHidden(16)
            .encoding(new EncodingOptions(10, 10, 20, 3)).build();

    private static SessionDataset slice;
    private static GanGenerator guided;
    private static final List<GuidanceReport> HEARD = new ArrayList<>();
    private static final List<String> PASSES = new ArrayList<>();

    @BeforeAll
    static void train() {
        slice = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT.withMaxRows(3_000)).dataset();
        guided = GanTrainer.train(slice, QUICK.toBuilder().guidancePasses(2).build(), new GanTrainer.Listener() {
            @Override
            public void onEpoch(TrainingHistory.Epoch epoch, int totalEpochs) {
            }

            @Override
            public void onGuidancePass(int pass, int passes, double criticLoss, double seconds) {
                PASSES.add(pass + "/" + passes);
                assertThat(criticLoss).isBetween(0.0, 5.0);
            }

            @Override
            public void onGuidance(GuidanceReport report) {
                HEARD.add(report);
            }
        });
    }

    @Test
    void trainingWithGuidancePassesEndsWithTheCriticAndReportsIt() {
        GuidanceReport report = guided.guidanceReport().orElseThrow();

        assertThat(HEARD).containsExactly(report);
        assertThat(PASSES).containsExactly("1/2", "2/2");
        assertThat(report.passes()).isEqualTo(2);
        assertThat(report.criticAuc()).isBetween(0.0, 1.0);
        assertThat(report.keptAtFirstDraw()).isBetween(0.0, 1.0);
        assertThat(report.validationAucBefore()).isBetween(0.5, 1.0);
        assertThat(report.validationAucMargin()).isPositive();
        // used exactly when the report says so, and then only when validation was better beyond its noise
        assertThat(guided.guidance() != null).isEqualTo(report.kept());
        if (report.kept()) {
            assertThat(report.validationAucAfter()).isLessThan(report.validationAucBefore()
                    - report.validationAucMargin());
            assertThat(report.criticAuc()).isGreaterThan(0.5);
        }
    }

    /**
     * The critic trained afterwards for the same model (saved and read back, as the CLI does), on the same data,
     * is the one training would have made: its report's figures (its AUC, the share it keeps) are its own.
     */
    @Test
    void aCriticTrainedAfterwardsIsTheOneTrainingMakes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GanTrainer.train(slice, QUICK, null).writeModel(bytes);
        GanGenerator plain = GanGenerator.readModel(new ByteArrayInputStream(bytes.toByteArray()), "plain.model");
        assertThat(plain.guidanceReport()).isEmpty();

        GanGenerator later = GanTrainer.guide(slice, plain, 2, null);

        assertThat(later.guidanceReport()).isEqualTo(guided.guidanceReport());
        if (guided.guidance() != null) {
            assertThat(later.guidance().topLogit()).isEqualTo(guided.guidance().topLogit());
        }
        // guiding a guided model again drops its critic first: the same critic, judged against the generator alone
        assertThat(GanTrainer.guide(slice, later, 2, null).guidanceReport()).isEqualTo(guided.guidanceReport());
        assertThat(later.options()).isEqualTo(guided.options());
        GenerationRequest request = GenerationRequest.of(300, 9);
        assertThat(later.users(request).toList()).isEqualTo(guided.users(request).toList());
    }

    @Test
    void generationUsesOnlyACriticThatSeesHeldOutUsersAndLowersTheValidationAuc() {
        // 363 held-out and 2,048 generated sessions (REES46): chance's standard error is about 0.017
        assertThat(GanTrainer.usesCritic(0.56, 363, 2_048, 0.531, 0.510, 0.010)).isTrue();
        assertThat(GanTrainer.usesCritic(0.52, 363, 2_048, 0.531, 0.510, 0.010)).as("at chance").isFalse();
        assertThat(GanTrainer.usesCritic(0.56, 363, 2_048, 0.531, 0.525, 0.010)).as("lower within noise").isFalse();
        // the Taobao case: a critic that sees held-out users apart, and a validation AUC worse within its noise
        assertThat(GanTrainer.usesCritic(0.538, 2_668, 2_668, 0.507, 0.513, 0.015)).isFalse();
    }

    @Test
    void aCriticIsNotTrainedForAModelOfOtherData() {
        SessionDataset other = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT.withMaxRows(2_000)).dataset();

        assertThatThrownBy(() -> GanTrainer.guide(other, guided, 1, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not trained on this data");
        assertThatThrownBy(() -> GanTrainer.guide(slice, guided, 0, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least 1");
    }
}
