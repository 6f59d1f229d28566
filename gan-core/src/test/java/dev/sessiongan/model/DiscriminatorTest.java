package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sessiongan.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DiscriminatorTest {

    private static final int VOCABULARY = 12;

    @ParameterizedTest
    @EnumSource(CriticNetwork.class)
    void aSequenceScoresAlikeAloneAndPaddedInABatch(CriticNetwork network) {
        Discriminator critic = Discriminator.create(network, VOCABULARY, 16, 1, 1e-3, 3);
        SplittableRandom random = new SplittableRandom(1);
        int[] shortOne = sequence(random, 7, -1);
        int[] longOne = sequence(random, 40, -1);

        double alone = critic.score(List.of(shortOne))[0];
        double[] padded = critic.score(List.of(shortOne, longOne));

        assertThat(padded[0]).isCloseTo(alone, within(1e-5));
        assertThat(padded[1]).isCloseTo(critic.score(List.of(longOne))[0], within(1e-5));
    }

    /** Real sequences hold tokens 1, 2, 3 in a row somewhere; generated ones never do. */
    @ParameterizedTest
    @EnumSource(CriticNetwork.class)
    void learnsAPatternWhereverItLies(CriticNetwork network) {
        Discriminator critic = Discriminator.create(network, VOCABULARY, 16, 1, 3e-3, 5);
        SplittableRandom random = new SplittableRandom(2);
        for (int step = 0; step < 150; step++) {
            critic.fit(batch(random, true), batch(random, false), 1.0);
        }
        double real = Arrays.stream(critic.score(batch(random, true))).average().orElseThrow();
        double fake = Arrays.stream(critic.score(batch(random, false))).average().orElseThrow();

        assertThat(real - fake).as("%s critic: real %s, generated %s", network, real, fake).isGreaterThan(0.5);
    }

    @Test
    void aSavedConvolutionalCriticScoresAsItDid() throws IOException {
        Discriminator critic = Discriminator.create(CriticNetwork.CONVOLUTIONAL, VOCABULARY, 16, 2, 1e-3, 7);
        SplittableRandom random = new SplittableRandom(3);
        critic.fit(batch(random, true), batch(random, false), 0.8);
        List<int[]> judged = batch(random, true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        critic.write(bytes);

        Discriminator read = Discriminator.read(new ByteArrayInputStream(bytes.toByteArray()), VOCABULARY, 2);

        assertThat(read.score(judged)).containsExactly(critic.score(judged));
    }

    @Test
    void optionsNameTheCriticByItsLabelAndLeaveTheUsualOneOut() throws IOException {
        GanOptions cnn = GanOptions.builder().critic(CriticNetwork.CONVOLUTIONAL).build();
        String written = new String(GanModelIo.JSON.writeValueAsBytes(cnn), StandardCharsets.UTF_8);
        String usual = new String(GanModelIo.JSON.writeValueAsBytes(GanOptions.DEFAULT), StandardCharsets.UTF_8);

        assertThat(written).contains("\"critic\":\"cnn\"");
        assertThat(GanModelIo.readOptions(written.getBytes(StandardCharsets.UTF_8))).isEqualTo(cnn);
        // saved as options were before the option existed, and read back as the recurrent critic
        assertThat(usual).doesNotContain("critic\"");
        assertThat(GanModelIo.readOptions(usual.getBytes(StandardCharsets.UTF_8)).critic())
                .isEqualTo(CriticNetwork.RECURRENT);
        assertThat(CriticNetwork.ofLabel("lstm")).isEqualTo(CriticNetwork.RECURRENT);
        assertThat(CriticNetwork.CONVOLUTIONAL).hasToString("cnn");
    }

    @Test
    void anUnknownCriticIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> CriticNetwork.ofLabel("transformer"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown critic network \"transformer\" (expected \"lstm\" or \"cnn\")");
        String json = new String(GanModelIo.JSON.writeValueAsBytes(GanOptions.DEFAULT), StandardCharsets.UTF_8);
        byte[] foreign = json.replace("\"seed\":", "\"critic\":\"transformer\",\"seed\":").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> GanModelIo.readOptions(foreign))
                .isInstanceOf(IOException.class)
                .hasMessage("options.json: field 'critic': unknown critic network \"transformer\" (expected \"lstm\""
                        + " or \"cnn\")");
    }

    @Test
    void optionsNameTheGeneratorGradientByItsLabelAndLeaveTheUsualOneOut() throws IOException {
        GanOptions straight = GanOptions.builder().generatorGradient(GeneratorGradient.STRAIGHT_THROUGH).build();
        String written = new String(GanModelIo.JSON.writeValueAsBytes(straight), StandardCharsets.UTF_8);
        String usual = new String(GanModelIo.JSON.writeValueAsBytes(GanOptions.DEFAULT), StandardCharsets.UTF_8);

        assertThat(written).contains("\"generatorGradient\":\"straight-through\"");
        assertThat(GanModelIo.readOptions(written.getBytes(StandardCharsets.UTF_8))).isEqualTo(straight);
        assertThat(usual).doesNotContain("generatorGradient");
        assertThat(GanModelIo.readOptions(usual.getBytes(StandardCharsets.UTF_8)).generatorGradient())
                .isEqualTo(GeneratorGradient.POLICY);
        assertThatThrownBy(() -> GeneratorGradient.ofLabel("gumbel"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown generator gradient \"gumbel\" (expected \"policy\" or"
                        + " \"straight-through\")");
        assertThatThrownBy(() -> straight.toBuilder().packing(4).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a straight-through generator gradient needs packing 1, got 4");
        assertThatThrownBy(() -> straight.toBuilder().entropyWeight(0.1).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the entropy bonus is part of the policy gradient's reward");
        byte[] foreign = usual.replace("\"seed\":", "\"generatorGradient\":\"gumbel\",\"seed\":")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> GanModelIo.readOptions(foreign))
                .isInstanceOf(IOException.class)
                .hasMessage("options.json: field 'generatorGradient': unknown generator gradient \"gumbel\""
                        + " (expected \"policy\" or \"straight-through\")");
    }

    /**
     * The straight-through generator step follows the critic's input gradient: where a generated sequence lacks
     * only the last token of the pattern real ones hold, that token is one whose input the critic's loss falls
     * fastest along.
     */
    @ParameterizedTest
    @EnumSource(CriticNetwork.class)
    void theInputGradientPointsToTheTokenThatLooksReal(CriticNetwork network) {
        Discriminator critic = Discriminator.create(network, VOCABULARY, 16, 1, 3e-3, 5);
        SplittableRandom random = new SplittableRandom(2);
        for (int step = 0; step < 150; step++) {
            critic.fit(batch(random, true), batch(random, false), 1.0);
        }
        int[] almost = sequence(random, 20, -1);
        almost[8] = 1;
        almost[9] = 2;
        int[] longer = sequence(random, 33, -1);

        float[][] alone = critic.inputGradients(List.of(almost))[0];
        float[][][] batched = critic.inputGradients(List.of(almost, longer));

        float[] atGap = alone[10];
        Integer[] tokens = new Integer[VOCABULARY];
        Arrays.setAll(tokens, k -> k);
        Arrays.sort(tokens, (a, b) -> Float.compare(atGap[a], atGap[b]));
        // the convolutions learn the pattern in order; the LSTM more as a set of its tokens, of which 3 is one
        assertThat(Arrays.asList(tokens).subList(0, network == CriticNetwork.CONVOLUTIONAL ? 1 : 2))
                .as("%s critic: %s", network, Arrays.toString(atGap)).contains(3);
        assertThat(atGap[3]).isNegative();
        assertThat(batched[1]).hasDimensions(33, VOCABULARY);
        for (int t = 0; t < almost.length; t++) {
            for (int k = 0; k < VOCABULARY; k++) {
                assertThat(batched[0][t][k]).isCloseTo(alone[t][k], within(1e-5f)); // padding changes nothing
            }
        }
    }

    /** The input gradient is the slope of the generator's loss −log D(x) along each one-hot input. */
    @ParameterizedTest
    @EnumSource(CriticNetwork.class)
    void theInputGradientIsTheLossesSlope(CriticNetwork network) {
        Discriminator critic = Discriminator.create(network, VOCABULARY, 16, 1, 1e-3, 3);
        int[] s = sequence(new SplittableRandom(4), 9, 2);
        float[][] gradient = critic.inputGradients(List.of(s))[0];
        double h = 1e-2;

        for (int[] at : new int[][] {{1, 5}, {2, 1}, {3, 2}, {4, s[4]}, {6, 9}, {8, 0}}) {
            double slope = (loss(critic, s, at, h) - loss(critic, s, at, -h)) / (2 * h);
            assertThat((double) gradient[at[0]][at[1]]).as("%s at %s", network, Arrays.toString(at))
                    .isCloseTo(slope, within(0.05 * Math.abs(slope) + 1e-4));
        }
    }

    /** −log D of {@code s} one-hot, with {@code delta} added to input {@code at} = {position, token}. */
    private static double loss(Discriminator critic, int[] s, int[] at, double delta) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, VOCABULARY, s.length);
        for (int t = 0; t < s.length; t++) {
            x.putScalar(new int[] {0, s[t], t}, 1f);
        }
        x.putScalar(new int[] {0, at[1], at[0]}, x.getDouble(0, at[1], at[0]) + delta);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 1, s.length);
        double d = critic.graph().output(false, new INDArray[] {x}, new INDArray[] {mask})[0].getDouble(0);
        return -Math.log(d);
    }

    static List<int[]> batch(SplittableRandom random, boolean real) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int length = 8 + random.nextInt(25);
            out.add(sequence(random, length, real ? random.nextInt(length - 3) : -1));
        }
        return out;
    }

    /** Random tokens from 4 up, with 1, 2, 3 at {@code pattern} unless it is negative. */
    private static int[] sequence(SplittableRandom random, int length, int pattern) {
        int[] s = new int[length];
        for (int p = 0; p < length; p++) {
            s[p] = 4 + random.nextInt(VOCABULARY - 4);
        }
        if (pattern >= 0) {
            s[pattern] = 1;
            s[pattern + 1] = 2;
            s[pattern + 2] = 3;
        }
        return s;
    }
}
