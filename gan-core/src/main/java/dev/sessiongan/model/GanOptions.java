package dev.sessiongan.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.encoding.EncodingOptions;

/**
 * Everything that shapes a GAN training run, with defaults that work on the REES46 sample. Build one with
 * {@link #builder()}, or change one with {@link #toBuilder()}: an instance never changes.
 *
 * @param seed               drives every random choice: weights, batches, noise, validation split
 * @param encoding           sizes of the event encoding
 * @param hidden             LSTM units per layer
 * @param layers             LSTM layers in the generator
 * @param noise              per-user noise dimensions fed to the generator
 * @param batchSize          sequences per optimiser step
 * @param mleEpochs          epochs of maximum-likelihood warm start (teacher forcing)
 * @param adversarialEpochs  epochs of adversarial training after the warm start
 * @param learningRate       generator Adam learning rate (warm start)
 * @param validationFraction fraction of training users held out for the validation score
 * @param maxSessionsPerUser cap on generated sessions per user
 * @param discriminatorHidden LSTM (or token embedding) and dense units of the discriminator; a convolutional
 *                            critic has half as many filters of each width
 * @param packing             sequences the discriminator judges together (PacGAN; 1 = off)
 * @param discriminatorSteps  discriminator updates per generator update (the D:G ratio)
 * @param adversarialLearningRate generator learning rate in the adversarial phase
 * @param discriminatorLearningRate discriminator learning rate
 * @param labelSmoothing      one-sided label smoothing: real sequences are labelled {@code 1 - labelSmoothing}
 * @param mleWeight           weight of the maximum-likelihood term on real sequences in the adversarial phase
 * @param entropyWeight       weight of the entropy bonus (mean −log p of a sample's tokens) in its reward
 * @param dualityGapEvery     estimate the duality gap every this many adversarial epochs (0 = never)
 * @param weightAveraging     decay of the exponential moving average of the generator's weights that is
 *                            validated and kept (0 = off: the raw weights of each epoch)
 * @param calibrationRounds   rounds of calibrating the trained generator's draws to the training data's
 *                            token frequencies (0 = off)
 * @param attributeWeight     weight of the attribute critic's policy gradient on the profile tokens in the
 *                            adversarial phase (0 = no attribute critic)
 * @param rewardGate          weigh the session critic's policy gradient by how well the critic tells held-out real
 *                            sessions from fresh generated ones ({@code false} in models written before it existed,
 *                            which followed the critic fully)
 * @param patience            end a phase once its best validation score is this many epochs old (early stopping;
 *                            0 = off: every phase runs its epochs)
 * @param generatorSteps      generator steps per adversarial step, each on a fresh generated batch judged by the
 *                            same critic; with {@code discriminatorSteps} the D:G step ratio
 * @param critic              the network the session critic reads sequences with ({@code null} reads as the
 *                            usual {@link CriticNetwork#RECURRENT})
 * @param generatorGradient   how the generator learns from the session critic ({@code null} reads as the usual
 *                            {@link GeneratorGradient#POLICY})
 * @param guidancePasses      passes over the training users' first sessions of a convolutional critic trained,
 *                            once training is over, against the finished generator, to redraw at generation the
 *                            first sessions it takes for generated (0 = none)
 */
public record GanOptions(
        long seed,
        EncodingOptions encoding,
        int hidden,
        int layers,
        int noise,
        int batchSize,
        int mleEpochs,
        int adversarialEpochs,
        double learningRate,
        double validationFraction,
        int maxSessionsPerUser,
        int discriminatorHidden,
        int packing,
        int discriminatorSteps,
        double adversarialLearningRate,
        double discriminatorLearningRate,
        double labelSmoothing,
        double mleWeight,
        double entropyWeight,
        int dualityGapEvery,
        double weightAveraging,
        int calibrationRounds,
        double attributeWeight,
        // left out when off, so a model from before the gate is saved again as it was
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean rewardGate,
        // left out when off, so a model from before early stopping is saved again as it was
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int patience,
        // left out at one step, so a model from before the option is saved again as it was
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JsonFilters.OneStep.class)
        int generatorSteps,
        // left out when recurrent, so a model from before the option is saved again as it was
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JsonFilters.RecurrentCritic.class)
        CriticNetwork critic,
        // left out for the policy gradient, so a model from before the option is saved again as it was
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = JsonFilters.PolicyGradient.class)
        GeneratorGradient generatorGradient,
        // left out when off, so a model from before the option is saved again as it was
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int guidancePasses) {

    /** Defaults: see the field documentation of {@link Builder}. */
    public static final GanOptions DEFAULT = new GanOptions(1, EncodingOptions.DEFAULT, 128, 1, 8, 64, 40, 4, 3e-3,
            0.1, 20, 64, 1, 1, 1e-4, 1e-4, 0.2, 1.0, 0.0, 1, 0.995, 20, 0.0, true, 0, 1, CriticNetwork.RECURRENT,
            GeneratorGradient.POLICY, 0);

    public GanOptions {
        check(hidden >= 4 && hidden <= 2048, "hidden must be in [4, 2048], got " + hidden);
        check(layers >= 1 && layers <= 4, "layers must be in [1, 4], got " + layers);
        check(noise >= 0 && noise <= 256, "noise must be in [0, 256], got " + noise);
        check(batchSize >= 1 && batchSize <= 4096, "batch size must be in [1, 4096], got " + batchSize);
        check(mleEpochs >= 0 && mleEpochs <= 10_000, "mle epochs must be in [0, 10000], got " + mleEpochs);
        check(adversarialEpochs >= 0 && adversarialEpochs <= 10_000,
                "adversarial epochs must be in [0, 10000], got " + adversarialEpochs);
        check(mleEpochs + adversarialEpochs >= 1, "train for at least one epoch");
        check(learningRate > 0 && learningRate < 1 && !Double.isNaN(learningRate),
                "learning rate must be in (0, 1), got " + learningRate);
        check(validationFraction > 0 && validationFraction < 0.5,
                "validation fraction must be in (0, 0.5), got " + validationFraction);
        check(maxSessionsPerUser >= 1 && maxSessionsPerUser <= 1_000,
                "max sessions per user must be in [1, 1000], got " + maxSessionsPerUser);
        check(discriminatorHidden >= 4 && discriminatorHidden <= 2048,
                "discriminator hidden must be in [4, 2048], got " + discriminatorHidden);
        check(packing >= 1 && packing <= 16, "packing must be in [1, 16], got " + packing);
        check(discriminatorSteps >= 1 && discriminatorSteps <= 20,
                "discriminator steps must be in [1, 20], got " + discriminatorSteps);
        check(generatorSteps >= 1 && generatorSteps <= 20,
                "generator steps must be in [1, 20], got " + generatorSteps);
        check(adversarialLearningRate > 0 && adversarialLearningRate < 1,
                "adversarial learning rate must be in (0, 1), got " + adversarialLearningRate);
        check(discriminatorLearningRate > 0 && discriminatorLearningRate < 1,
                "discriminator learning rate must be in (0, 1), got " + discriminatorLearningRate);
        check(labelSmoothing >= 0 && labelSmoothing < 0.5, "label smoothing must be in [0, 0.5), got " + labelSmoothing);
        check(mleWeight >= 0 && mleWeight <= 100 && !Double.isNaN(mleWeight),
                "mle weight must be in [0, 100], got " + mleWeight);
        check(entropyWeight >= 0 && entropyWeight <= 10 && !Double.isNaN(entropyWeight),
                "entropy weight must be in [0, 10], got " + entropyWeight);
        check(dualityGapEvery >= 0 && dualityGapEvery <= 10_000,
                "duality gap interval must be in [0, 10000], got " + dualityGapEvery);
        check(weightAveraging >= 0 && weightAveraging < 1 && !Double.isNaN(weightAveraging),
                "weight averaging decay must be in [0, 1), got " + weightAveraging);
        check(calibrationRounds >= 0 && calibrationRounds <= 100,
                "calibration rounds must be in [0, 100], got " + calibrationRounds);
        check(attributeWeight >= 0 && attributeWeight <= 10 && !Double.isNaN(attributeWeight),
                "attribute weight must be in [0, 10], got " + attributeWeight);
        check(patience >= 0 && patience <= 10_000, "patience must be in [0, 10000] epochs, got " + patience);
        check(guidancePasses >= 0 && guidancePasses <= 100, "guidance passes must be in [0, 100], got "
                + guidancePasses);
        check(batchSize % packing == 0, "batch size " + batchSize + " must be a multiple of packing " + packing);
        if (encoding == null) {
            encoding = EncodingOptions.DEFAULT;
        }
        if (critic == null) {
            critic = CriticNetwork.RECURRENT;
        }
        if (generatorGradient == null) {
            generatorGradient = GeneratorGradient.POLICY;
        }
        check(generatorGradient == GeneratorGradient.POLICY || packing == 1,
                "a straight-through generator gradient needs packing 1, got " + packing
                        + " (a packed critic judges several sessions as one)");
        check(generatorGradient == GeneratorGradient.POLICY || entropyWeight == 0,
                "the entropy bonus is part of the policy gradient's reward; a straight-through generator gradient"
                        + " has no reward to add it to (entropy weight " + entropyWeight + "): leave the entropy"
                        + " weight at 0 or use the policy gradient");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }

    /** A builder starting from {@link #DEFAULT}. */
    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link GanOptions}; {@link #build()} validates. */
    public static final class Builder {
        private long seed;
        private EncodingOptions encoding;
        private int hidden;
        private int layers;
        private int noise;
        private int batchSize;
        private int mleEpochs;
        private int adversarialEpochs;
        private double learningRate;
        private double validationFraction;
        private int maxSessionsPerUser;
        private int discriminatorHidden;
        private int packing;
        private int discriminatorSteps;
        private double adversarialLearningRate;
        private double discriminatorLearningRate;
        private double labelSmoothing;
        private double mleWeight;
        private double entropyWeight;
        private int dualityGapEvery;
        private double weightAveraging;
        private int calibrationRounds;
        private double attributeWeight;
        private boolean rewardGate;
        private int patience;
        private int generatorSteps;
        private CriticNetwork critic;
        private GeneratorGradient generatorGradient;
        private int guidancePasses;

        private Builder(GanOptions o) {
            seed = o.seed;
            encoding = o.encoding;
            hidden = o.hidden;
            layers = o.layers;
            noise = o.noise;
            batchSize = o.batchSize;
            mleEpochs = o.mleEpochs;
            adversarialEpochs = o.adversarialEpochs;
            learningRate = o.learningRate;
            validationFraction = o.validationFraction;
            maxSessionsPerUser = o.maxSessionsPerUser;
            discriminatorHidden = o.discriminatorHidden;
            packing = o.packing;
            discriminatorSteps = o.discriminatorSteps;
            adversarialLearningRate = o.adversarialLearningRate;
            discriminatorLearningRate = o.discriminatorLearningRate;
            labelSmoothing = o.labelSmoothing;
            mleWeight = o.mleWeight;
            entropyWeight = o.entropyWeight;
            dualityGapEvery = o.dualityGapEvery;
            weightAveraging = o.weightAveraging;
            calibrationRounds = o.calibrationRounds;
            attributeWeight = o.attributeWeight;
            rewardGate = o.rewardGate;
            patience = o.patience;
            generatorSteps = o.generatorSteps;
            critic = o.critic;
            generatorGradient = o.generatorGradient;
            guidancePasses = o.guidancePasses;
        }

        /** Seed for everything (default 1). */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Encoding sizes (default {@link EncodingOptions#DEFAULT}). */
        public Builder encoding(EncodingOptions value) {
            encoding = value;
            return this;
        }

        /** LSTM units (default 128). */
        public Builder hidden(int value) {
            hidden = value;
            return this;
        }

        /** LSTM layers (default 1). */
        public Builder layers(int value) {
            layers = value;
            return this;
        }

        /** Noise dimensions (default 8). */
        public Builder noise(int value) {
            noise = value;
            return this;
        }

        /** Batch size (default 64). */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Warm-start epochs (default 40: on REES46 20 left sessions too short). */
        public Builder mleEpochs(int value) {
            mleEpochs = value;
            return this;
        }

        /** Adversarial epochs (default 4). */
        public Builder adversarialEpochs(int value) {
            adversarialEpochs = value;
            return this;
        }

        /** Learning rate (default 0.003). */
        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /** Validation fraction of users (default 0.1). */
        public Builder validationFraction(double value) {
            validationFraction = value;
            return this;
        }

        /** Cap on sessions per generated user (default 20). */
        public Builder maxSessionsPerUser(int value) {
            maxSessionsPerUser = value;
            return this;
        }

        /** Discriminator units (default 64). */
        public Builder discriminatorHidden(int value) {
            discriminatorHidden = value;
            return this;
        }

        /** PacGAN packing (default 1 = off). */
        public Builder packing(int value) {
            packing = value;
            return this;
        }

        /** Discriminator updates per generator update (default 1). */
        public Builder discriminatorSteps(int value) {
            discriminatorSteps = value;
            return this;
        }

        /**
         * Generator steps per adversarial step (default 1), each on a fresh generated batch judged by the same
         * critic; with {@link #discriminatorSteps} it sets the D:G step ratio (2 here and 1 there: 1:2).
         */
        public Builder generatorSteps(int value) {
            generatorSteps = value;
            return this;
        }

        /**
         * The network the session critic reads sequences with (default {@link CriticNetwork#RECURRENT}, an LSTM);
         * {@link CriticNetwork#CONVOLUTIONAL} judges a sequence by its most telling stretch of one to five events.
         */
        public Builder critic(CriticNetwork value) {
            critic = value;
            return this;
        }

        /**
         * How the generator learns from the session critic (default {@link GeneratorGradient#POLICY}, a policy
         * gradient on each session's reward); {@link GeneratorGradient#STRAIGHT_THROUGH} follows the critic's
         * gradient with respect to each token.
         */
        public Builder generatorGradient(GeneratorGradient value) {
            generatorGradient = value;
            return this;
        }

        /**
         * Passes of the critic used at generation (default 0 = none): once training is over, a convolutional
         * critic trains for this many passes over the training users' first sessions against the finished
         * generator's, and generation draws again each first session it takes for generated, keeping the
         * user's profile, length class and purchase (discriminator rejection sampling). It is kept only when it
         * tells held-out users from generated ones and the validation AUC is lower with it beyond its noise.
         */
        public Builder guidancePasses(int value) {
            guidancePasses = value;
            return this;
        }

        /** Generator learning rate in the adversarial phase (default 1e-4). */
        public Builder adversarialLearningRate(double value) {
            adversarialLearningRate = value;
            return this;
        }

        /** Discriminator learning rate (default 1e-4: at 1e-3 it wins within two epochs on REES46). */
        public Builder discriminatorLearningRate(double value) {
            discriminatorLearningRate = value;
            return this;
        }

        /** One-sided label smoothing (default 0.2). */
        public Builder labelSmoothing(double value) {
            labelSmoothing = value;
            return this;
        }

        /** Maximum-likelihood regulariser weight in the adversarial phase (default 1). */
        public Builder mleWeight(double value) {
            mleWeight = value;
            return this;
        }

        /** Entropy bonus weight (default 0). */
        public Builder entropyWeight(double value) {
            entropyWeight = value;
            return this;
        }

        /** Estimate the duality gap every this many adversarial epochs; 0 = never (default 1). */
        public Builder dualityGapEvery(int value) {
            dualityGapEvery = value;
            return this;
        }

        /**
         * Decay of the moving average of generator weights that is validated and kept; 0 = off (default
         * 0.995, a horizon of about 200 steps: three REES46 epochs).
         */
        public Builder weightAveraging(double value) {
            weightAveraging = value;
            return this;
        }

        /**
         * Rounds of calibrating the trained generator's draws to the training data's token frequencies (event
         * type after event type, END within the length class, item choice, the header's few-valued fields),
         * kept unless the validation AUC is worse beyond the draws' noise; 0 = off (default 20). The model keeps
         * the mean of the later half's corrections, so more rounds average away more of the rounds' sampling
         * noise.
         */
        public Builder calibrationRounds(int value) {
            calibrationRounds = value;
            return this;
        }

        /**
         * Weight of the attribute critic (a discriminator on the profile alone) whose policy gradient shapes the
         * profile tokens in the adversarial phase; 0 = none, the profile keeps its likelihood fit (default 0).
         */
        public Builder attributeWeight(double value) {
            attributeWeight = value;
            return this;
        }

        /**
         * Whether the session critic's policy gradient is weighed by how well the critic tells held-out real
         * sessions from fresh generated ones before it trains on them: not at all while its AUC is within two
         * standard errors of chance (its reward is noise then), fully from four (default on). Off, the
         * generator follows the critic whatever it knows, as models trained before the gate did.
         */
        public Builder rewardGate(boolean value) {
            rewardGate = value;
            return this;
        }

        /**
         * Early stopping: a phase ends once its lowest validation score is this many epochs old, and training
         * goes on to the next phase (0 = off, the default: every phase runs all its epochs). Off by default
         * because on a few hundred validation users one epoch's score is noisy enough that the lowest can
         * be an early epoch's by luck; worth it on a large dataset, or with many more epochs than needed.
         */
        public Builder patience(int value) {
            patience = value;
            return this;
        }

        /** The options; validated. */
        public GanOptions build() {
            return new GanOptions(seed, encoding, hidden, layers, noise, batchSize, mleEpochs, adversarialEpochs,
                    learningRate, validationFraction, maxSessionsPerUser, discriminatorHidden, packing,
                    discriminatorSteps, adversarialLearningRate, discriminatorLearningRate, labelSmoothing, mleWeight,
                    entropyWeight, dualityGapEvery, weightAveraging, calibrationRounds, attributeWeight,
                    rewardGate, patience, generatorSteps, critic, generatorGradient, guidancePasses);
        }
    }
}
