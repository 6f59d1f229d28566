package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.encoding.EncodingOptions;
import dev.sessiongan.model.CriticNetwork;
import dev.sessiongan.model.GanOptions;
import dev.sessiongan.model.GeneratorGradient;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** GAN hyper-parameters for {@code train --model gan}; every default is {@link GanOptions#DEFAULT}'s. */
final class GanTrainingOptions {

    @Option(names = "--seed", paramLabel = "SEED", description = "gan: seed for everything (default 1).")
    Long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "gan: maximum-likelihood warm-start epochs (default 40).")
    Integer mleEpochs;

    @Option(names = "--adversarial-epochs", paramLabel = "N", description = "gan: adversarial epochs after the warm start (default 4).")
    Integer adversarialEpochs;

    @Option(names = "--patience", paramLabel = "N",
            description = "gan: early stopping: end a phase once its lowest validation score is N epochs old; 0 = off,"
                    + " every phase runs its epochs (default 0).")
    Integer patience;

    @Option(names = "--batch-size", paramLabel = "N", description = "gan: sequences per step (default 64).")
    Integer batchSize;

    @Option(names = "--hidden", paramLabel = "N", description = "gan: generator LSTM units (default 128).")
    Integer hidden;

    @Option(names = "--top-categories", paramLabel = "K",
            description = "gan: categories with their own slot in the encoding; the rest share OTHER (default 50).")
    Integer topCategories;

    @Option(names = "--popularity-tiers", paramLabel = "N",
            description = "gan: popularity tiers the network chooses new items from (1 to 8; default 1: popularity is "
                    + "decoding's alone).")
    Integer popularityTiers;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "gan: warm-start learning rate (default 0.003).")
    Double learningRate;

    @Option(names = "--adversarial-learning-rate", paramLabel = "LR",
            description = "gan: generator learning rate in the adversarial phase (default 1e-4).")
    Double adversarialLearningRate;

    @Option(names = "--d-learning-rate", paramLabel = "LR", description = "gan: discriminator learning rate (default 1e-4).")
    Double discriminatorLearningRate;

    @Option(names = "--d-steps", paramLabel = "N", description = "gan: discriminator steps per adversarial step (default 1).")
    Integer discriminatorSteps;

    @Option(names = "--g-steps", paramLabel = "N", description = "gan: generator steps per adversarial step, each on a"
            + " fresh generated batch; with --d-steps the D:G step ratio (default 1).")
    Integer generatorSteps;

    @Option(names = "--critic", paramLabel = "NETWORK",
            description = "gan: the session critic's network: lstm, or cnn (convolutions one to five events wide, each"
                    + " max-pooled over the session, as SeqGAN's critic) (default lstm).")
    String critic;

    @Option(names = "--packing", paramLabel = "K", description = "gan: PacGAN: sequences judged together (default 1).")
    Integer packing;

    @Option(names = "--generator-gradient", paramLabel = "KIND",
            description = "gan: how the generator learns from the session critic: policy (a policy gradient on each"
                    + " session's reward, as SeqGAN) or straight-through (the critic's gradient with respect to each"
                    + " sampled token, carried through the tokens fed back and each token's softmax; needs --packing 1)"
                    + " (default policy).")
    String generatorGradient;

    @Option(names = "--label-smoothing", paramLabel = "X", description = "gan: real label is 1 - X (default 0.2).")
    Double labelSmoothing;

    @Option(names = "--mle-weight", paramLabel = "W",
            description = "gan: weight of the likelihood term in the adversarial phase (default 1).")
    Double mleWeight;

    @Option(names = "--entropy-weight", paramLabel = "W", description = "gan: entropy bonus in the reward (default 0).")
    Double entropyWeight;

    @Option(names = "--duality-gap-every", paramLabel = "N",
            description = "gan: estimate the duality gap every N adversarial epochs; 0 = never (default 1).")
    Integer dualityGapEvery;

    @Option(names = "--weight-averaging", paramLabel = "DECAY",
            description = "gan: validate and keep a moving average of the generator's weights with this decay;"
                    + " 0 = off (default 0.995).")
    Double weightAveraging;

    @Option(names = "--calibration-rounds", paramLabel = "N",
            description = "gan: rounds of calibrating the trained generator's draws to the training data's event-type,"
                    + " session-end, item-choice and profile frequencies (the mean of the later half's"
                    + " corrections), kept unless the validation AUC is worse beyond the draws' noise;"
                    + " 0 = off (default 20).")
    Integer calibrationRounds;

    @Option(names = "--attribute-weight", paramLabel = "W",
            description = "gan: train an attribute critic on users' profiles alone and let its policy gradient shape the"
                    + " profile with this weight in the adversarial phase; 0 = none (default 0).")
    Double attributeWeight;

    @Option(names = "--guidance-passes", paramLabel = "N",
            description = "gan: once training is over, train a convolutional critic for N passes against the finished"
                    + " generator and let it redraw at generation each first session it takes for generated (the"
                    + " user's profile, length class and purchase kept), if it tells held-out users apart and the"
                    + " validation AUC is lower with it beyond the draws' noise; 0 = none (default 0).")
    Integer guidancePasses;

    @Option(names = "--no-reward-gate",
            description = "gan: follow the session critic's reward fully, whatever the critic can tell; by default its"
                    + " policy gradient is weighed by how far the critic's AUC on held-out users is above chance"
                    + " (none within two standard errors, full from four).")
    Boolean noRewardGate;

    /**
     * The options, defaults filled in; validated one option at a time in the order below, so that an error
     * names the option that broke a rule (the later of two that do not go together).
     */
    GanOptions toOptions() {
        GanOptions.Builder b = GanOptions.builder();
        set(b, "--seed", seed, b::seed);
        set(b, "--epochs", mleEpochs, b::mleEpochs);
        set(b, "--adversarial-epochs", adversarialEpochs, b::adversarialEpochs);
        set(b, "--patience", patience, b::patience);
        set(b, "--batch-size", batchSize, b::batchSize);
        set(b, "--hidden", hidden, b::hidden);
        EncodingOptions e = GanOptions.DEFAULT.encoding();
        set(b, "--top-categories", topCategories, k -> b.encoding(
                new EncodingOptions(k, e.timeBuckets(), e.maxLength(), e.popularityTiers())));
        set(b, "--popularity-tiers", popularityTiers, n -> b.encoding(new EncodingOptions(
                topCategories != null ? topCategories : e.topCategories(), e.timeBuckets(), e.maxLength(), n)));
        set(b, "--learning-rate", learningRate, b::learningRate);
        set(b, "--adversarial-learning-rate", adversarialLearningRate, b::adversarialLearningRate);
        set(b, "--d-learning-rate", discriminatorLearningRate, b::discriminatorLearningRate);
        set(b, "--d-steps", discriminatorSteps, b::discriminatorSteps);
        set(b, "--g-steps", generatorSteps, b::generatorSteps);
        set(b, "--critic", critic, label -> b.critic(CriticNetwork.ofLabel(label)));
        set(b, "--packing", packing, b::packing);
        set(b, "--generator-gradient", generatorGradient,
                label -> b.generatorGradient(GeneratorGradient.ofLabel(label)));
        set(b, "--label-smoothing", labelSmoothing, b::labelSmoothing);
        set(b, "--mle-weight", mleWeight, b::mleWeight);
        set(b, "--entropy-weight", entropyWeight, b::entropyWeight);
        set(b, "--duality-gap-every", dualityGapEvery, b::dualityGapEvery);
        set(b, "--weight-averaging", weightAveraging, b::weightAveraging);
        set(b, "--calibration-rounds", calibrationRounds, b::calibrationRounds);
        set(b, "--attribute-weight", attributeWeight, b::attributeWeight);
        set(b, "--no-reward-gate", noRewardGate, off -> b.rewardGate(!off));
        set(b, "--guidance-passes", guidancePasses, b::guidancePasses);
        return b.build();
    }

    private static <T> void set(GanOptions.Builder b, String option, T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
            b.build();
        } catch (InvalidInputException e) {
            throw new UsageException(option + ": " + e.reason());
        }
    }

    /** Whether any GAN option was given (they are an error with the Markov model). */
    boolean any() {
        return anyButGuidance() || guidancePasses != null;
    }

    /** Whether any GAN option but {@code --guidance-passes} was given (they do not apply to {@code --guide}). */
    boolean anyButGuidance() {
        return seed != null || mleEpochs != null || adversarialEpochs != null || patience != null || batchSize != null
                || hidden != null
                || topCategories != null || popularityTiers != null
                || learningRate != null || adversarialLearningRate != null || discriminatorLearningRate != null
                || discriminatorSteps != null || generatorSteps != null || critic != null || packing != null
                || generatorGradient != null
                || labelSmoothing != null || mleWeight != null
                || entropyWeight != null || dualityGapEvery != null || weightAveraging != null
                || calibrationRounds != null || attributeWeight != null || noRewardGate != null;
    }
}
