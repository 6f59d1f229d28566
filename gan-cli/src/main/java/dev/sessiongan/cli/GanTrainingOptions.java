package dev.sessiongan.cli;

import dev.sessiongan.encoding.EncodingOptions;
import dev.sessiongan.model.CriticNetwork;
import dev.sessiongan.model.GanOptions;
import picocli.CommandLine.Option;

/** GAN hyper-parameters for {@code train --model gan}; every default is {@link GanOptions#DEFAULT}'s. */
final class GanTrainingOptions {

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed for everything (default 1).")
    Long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum-likelihood warm-start epochs (default 40).")
    Integer mleEpochs;

    @Option(names = "--adversarial-epochs", paramLabel = "N", description = "Adversarial epochs after the warm start (default 4).")
    Integer adversarialEpochs;

    @Option(names = "--patience", paramLabel = "N",
            description = "Early stopping: end a phase once its lowest validation score is N epochs old; 0 = off,"
                    + " every phase runs its epochs (default 0).")
    Integer patience;

    @Option(names = "--batch-size", paramLabel = "N", description = "Sequences per step (default 64).")
    Integer batchSize;

    @Option(names = "--hidden", paramLabel = "N", description = "Generator LSTM units (default 128).")
    Integer hidden;

    @Option(names = "--top-categories", paramLabel = "K",
            description = "Categories with their own slot in the encoding; the rest share OTHER (default 50).")
    Integer topCategories;

    @Option(names = "--popularity-tiers", paramLabel = "N",
            description = "Popularity tiers the network chooses new items from (1 to 8; default 1: popularity is "
                    + "decoding's alone).")
    Integer popularityTiers;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Warm-start learning rate (default 0.003).")
    Double learningRate;

    @Option(names = "--adversarial-learning-rate", paramLabel = "LR",
            description = "Generator learning rate in the adversarial phase (default 1e-4).")
    Double adversarialLearningRate;

    @Option(names = "--d-learning-rate", paramLabel = "LR", description = "Discriminator learning rate (default 1e-4).")
    Double discriminatorLearningRate;

    @Option(names = "--d-steps", paramLabel = "N", description = "Discriminator steps per adversarial step (default 1).")
    Integer discriminatorSteps;

    @Option(names = "--g-steps", paramLabel = "N", description = "Generator steps per adversarial step, each on a"
            + " fresh generated batch; with --d-steps the D:G step ratio (default 1).")
    Integer generatorSteps;

    @Option(names = "--critic", paramLabel = "NETWORK",
            description = "The session critic's network: lstm, or cnn (convolutions one to five events wide, each"
                    + " max-pooled over the session, as SeqGAN's critic) (default lstm).")
    String critic;

    @Option(names = "--packing", paramLabel = "K", description = "PacGAN: sequences judged together (default 1).")
    Integer packing;

    @Option(names = "--label-smoothing", paramLabel = "X", description = "Real label is 1 - X (default 0.2).")
    Double labelSmoothing;

    @Option(names = "--mle-weight", paramLabel = "W",
            description = "Weight of the likelihood term in the adversarial phase (default 1).")
    Double mleWeight;

    @Option(names = "--entropy-weight", paramLabel = "W", description = "Entropy bonus in the reward (default 0).")
    Double entropyWeight;

    @Option(names = "--duality-gap-every", paramLabel = "N",
            description = "Estimate the duality gap every N adversarial epochs; 0 = never (default 1).")
    Integer dualityGapEvery;

    @Option(names = "--weight-averaging", paramLabel = "DECAY",
            description = "Validate and keep a moving average of the generator's weights with this decay;"
                    + " 0 = off (default 0.995).")
    Double weightAveraging;

    @Option(names = "--calibration-rounds", paramLabel = "N",
            description = "Rounds of calibrating the trained generator's draws to the training data's event-type,"
                    + " session-end, item-choice and profile frequencies (the mean of the later half's"
                    + " corrections), kept unless the validation AUC is worse beyond the draws' noise;"
                    + " 0 = off (default 20).")
    Integer calibrationRounds;

    @Option(names = "--attribute-weight", paramLabel = "W",
            description = "Train an attribute critic on users' profiles alone and let its policy gradient shape the"
                    + " profile with this weight in the adversarial phase; 0 = none (default 0).")
    Double attributeWeight;

    @Option(names = "--no-reward-gate",
            description = "Follow the session critic's reward fully, whatever the critic can tell; by default its"
                    + " policy gradient is weighed by how far the critic's AUC on held-out users is above chance"
                    + " (none within two standard errors, full from four).")
    Boolean noRewardGate;

    /** The options, defaults filled in; validated. */
    GanOptions toOptions() {
        GanOptions.Builder b = GanOptions.builder();
        if (seed != null) {
            b.seed(seed);
        }
        if (mleEpochs != null) {
            b.mleEpochs(mleEpochs);
        }
        if (adversarialEpochs != null) {
            b.adversarialEpochs(adversarialEpochs);
        }
        if (patience != null) {
            b.patience(patience);
        }
        if (batchSize != null) {
            b.batchSize(batchSize);
        }
        if (hidden != null) {
            b.hidden(hidden);
        }
        if (topCategories != null || popularityTiers != null) {
            EncodingOptions e = GanOptions.DEFAULT.encoding();
            b.encoding(new EncodingOptions(topCategories != null ? topCategories : e.topCategories(), e.timeBuckets(),
                    e.maxLength(), popularityTiers != null ? popularityTiers : e.popularityTiers()));
        }
        if (learningRate != null) {
            b.learningRate(learningRate);
        }
        if (adversarialLearningRate != null) {
            b.adversarialLearningRate(adversarialLearningRate);
        }
        if (discriminatorLearningRate != null) {
            b.discriminatorLearningRate(discriminatorLearningRate);
        }
        if (discriminatorSteps != null) {
            b.discriminatorSteps(discriminatorSteps);
        }
        if (generatorSteps != null) {
            b.generatorSteps(generatorSteps);
        }
        if (critic != null) {
            b.critic(CriticNetwork.ofLabel(critic));
        }
        if (packing != null) {
            b.packing(packing);
        }
        if (labelSmoothing != null) {
            b.labelSmoothing(labelSmoothing);
        }
        if (mleWeight != null) {
            b.mleWeight(mleWeight);
        }
        if (entropyWeight != null) {
            b.entropyWeight(entropyWeight);
        }
        if (dualityGapEvery != null) {
            b.dualityGapEvery(dualityGapEvery);
        }
        if (weightAveraging != null) {
            b.weightAveraging(weightAveraging);
        }
        if (calibrationRounds != null) {
            b.calibrationRounds(calibrationRounds);
        }
        if (attributeWeight != null) {
            b.attributeWeight(attributeWeight);
        }
        if (noRewardGate != null) {
            b.rewardGate(!noRewardGate);
        }
        return b.build();
    }

    /** Whether any GAN option was given (they are an error with the Markov model). */
    boolean any() {
        return seed != null || mleEpochs != null || adversarialEpochs != null || patience != null || batchSize != null
                || hidden != null
                || topCategories != null || popularityTiers != null
                || learningRate != null || adversarialLearningRate != null || discriminatorLearningRate != null
                || discriminatorSteps != null || generatorSteps != null || critic != null || packing != null
                || labelSmoothing != null || mleWeight != null
                || entropyWeight != null || dualityGapEvery != null || weightAveraging != null
                || calibrationRounds != null || attributeWeight != null || noRewardGate != null;
    }
}
