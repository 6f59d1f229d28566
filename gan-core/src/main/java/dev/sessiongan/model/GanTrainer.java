package dev.sessiongan.model;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.ClassifierTwoSampleTest;
import dev.sessiongan.diagnostics.SessionFeatures;
import dev.sessiongan.diagnostics.Fidelity;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.internal.SeedMix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the session GAN in two phases. First a maximum-likelihood warm start of the generator (teacher
 * forcing). Then adversarial training: a discriminator learns to tell real first sessions (with their
 * profile) from generated ones, and the generator, which samples each token and feeds it back, is pushed
 * towards sequences the discriminator takes for real by policy gradient (REINFORCE with the
 * non-saturating reward log D, as in SeqGAN), with the likelihood of real sequences kept as a regulariser.
 * Every epoch is scored by a classifier two-sample test against users held out of the training data, and
 * the best epoch's weights are kept. One seed drives everything.
 */
public final class GanTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(GanTrainer.class);

    /** Draws of generated sessions whose two-sample AUCs are averaged into one validation score. */
    private static final int VALIDATION_REPEATS = 3;

    /** A validation result: the mean two-sample AUC and the selection score built on it. */
    /** A validation's figures; the AUC by feature group is NaN where it was not measured (fresh-draw checks). */
    private record Validation(double auc, double score, double behaviourAuc, double catalogAuc) {
    }

    /** A generator's validation without and with a change, on the same draws, and their difference's noise. */
    private record Paired(Validation without, Validation with, double margin) {
    }

    /** Most users generated for one validation. */
    private static final int MAX_VALIDATION_USERS = 3_000;

    /** Optimisation steps of each copy in the duality-gap estimate. */
    private static final int GAP_STEPS = 5;

    /**
     * Most users generated per calibration round. At 8,192 two samples of generated Taobao users were further
     * apart in the fitted frequencies (0.0065) than the model was from the data (0.0056), so each round fitted
     * noise. Four times the sample, a quarter of the variance; only datasets of over 4,096 training users
     * generate more (REES46: 6,540 users a round, as before).
     */
    private static final int CALIBRATION_USERS = 32_768;

    /** Fresh validation draws averaged where two generators are compared (the rematch, the calibration check). */
    private static final int CHECKS = 3;

    /** The draw series of the rematch and of the calibration check (negative: never an epoch's). */
    private static final long REMATCH_DRAWS = -1;
    private static final long CALIBRATION_DRAWS = -2;
    private static final long GUIDANCE_DRAWS = -3;

    /** Seed offset of the validation generation, so validation never shares draws with training. */
    private static final long VALIDATION_SEED_SALT = 0x5EED_0F_7A11L;
    /** Most steps the reward gate judges the critic over (1,024 sessions of each kind at batch size 64). */
    private static final int GATE_WINDOW = 16;
    /** Keeps the reward gate's validation draws apart from the validation score's. */
    private static final long GATE_SEED_SALT = 0x6A7E_5A17L;

    /** Hears about each finished epoch (e.g. a progress display). */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called after each epoch with its record and the planned total: the options' epochs, fewer once a phase
         * has stopped early ({@link GanOptions#patience()}).
         */
        void onEpoch(TrainingHistory.Epoch epoch, int totalEpochs);

        /** Called once after the last epoch when the generator's draws were calibrated. */
        default void onCalibration(CalibrationReport report) {
        }

        /**
         * Called after each pass of the critic trained for generation ({@link GanOptions#guidancePasses}), with its
         * mean loss over the pass and the pass's wall time.
         */
        default void onGuidancePass(int pass, int passes, double criticLoss, double seconds) {
        }

        /** Called once at the end when a critic was trained for generation ({@link GanOptions#guidancePasses}). */
        default void onGuidance(GuidanceReport report) {
        }
    }

    private GanTrainer() {
    }

    /**
     * Trains a generator.
     *
     * @param listener told about each epoch, or {@code null}
     * @throws InvalidInputException if the dataset is too small to hold out validation users
     */
    public static GanGenerator train(SessionDataset dataset, GanOptions options, Listener listener) {
        return new Run(dataset, options, listener, null).execute();
    }

    /**
     * Trains a generator, saving a checkpoint as the policy says.
     *
     * @param listener told about each epoch, or {@code null}
     */
    public static GanGenerator train(SessionDataset dataset, GanOptions options, Listener listener,
            Checkpoints checkpoints) {
        return new Run(dataset, options, listener, checkpoints).execute();
    }

    /**
     * Continues a run from its checkpoint, exactly as if it had not stopped: same data, same options
     * (taken from the checkpoint), the same remaining epochs.
     *
     * @param checkpoints where to keep saving checkpoints, or {@code null}
     * @throws InvalidInputException if the data is not the data the checkpoint was trained on
     */
    public static GanGenerator resume(SessionDataset dataset, TrainingCheckpoint checkpoint, Listener listener,
            Checkpoints checkpoints) {
        Run run = new Run(dataset, checkpoint.options(), listener, checkpoints);
        run.restore(checkpoint);
        return run.execute();
    }

    /**
     * Trains the critic that generation uses ({@link GanOptions#guidancePasses}) for a model trained without one,
     * or again (any critic the model holds is dropped first): exactly what training with the option does once
     * the generator is finished, on the same training and validation users.
     *
     * @param dataset  the data the model was trained on, read with the same options
     * @param passes   the critic's passes over the training users' first sessions (at least 1)
     * @param listener told about the result, or {@code null}
     * @throws InvalidInputException if the model was not trained on this data
     */
    public static GanGenerator guide(SessionDataset dataset, GanGenerator model, int passes, Listener listener) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        if (passes < 1) {
            throw new InvalidInputException("guidance passes must be at least 1, got " + passes);
        }
        GanOptions options = model.options().toBuilder().guidancePasses(passes).build();
        Run run = new Run(dataset, options, listener, null);
        run.checkTrainedOn(model);
        return run.guide(model.withOptions(options));
    }

    /** The weights of a phase's epoch with the lowest selection score so far. */
    private static final class Best {
        private INDArray weights;
        private double score = Double.MAX_VALUE;
        private int epoch;

        /** Restores from a checkpoint: its weights and the phase's best score and epoch from the history. */
        void restore(INDArray saved, TrainingHistory history, TrainingPhase phase) {
            weights = saved;
            history.bestEpoch(phase).ifPresent(e -> {
                score = e.validationScore();
                epoch = e.epoch();
            });
        }
    }

    /** One training run's state. */
    private static final class Run {
        private final GanOptions options;
        /** When each phase ends, read from the history (early stopping included). */
        private final PhasePlan plan;
        private final Listener listener;
        /** Setup draws come from the seed; each epoch then draws from its own stream, so a resumed run matches. */
        private SplittableRandom random;
        private final SessionEncoding encoding;
        private final TokenLayout layout;
        private final UserTiming timing;
        private final List<int[]> sequences = new ArrayList<>();
        private final List<float[]> weights = new ArrayList<>();
        /** Training users' first sessions with their profile: what the discriminator sees as real. */
        private final List<int[]> firstSessions = new ArrayList<>();
        private final List<int[]> laterSessions = new ArrayList<>();
        private final List<UserSession> validationSessions;
        /** Validation users as token sequences (profile and first session), the real side of the duality gap. */
        private final List<int[]> validationFirst = new ArrayList<>();
        private final long validationUsers;
        /** Every user, validation users included: the finished model's catalog ({@link #execute}). */
        private final SessionDataset allUsers;
        private TokenNetwork network;
        private Discriminator discriminator;
        private AttributeDiscriminator attributeDiscriminator;
        private final Checkpoints checkpoints;
        private final String fingerprint;
        private TrainingHistory history = TrainingHistory.start(Double.NaN);
        /** The moving average of the generator's weights, or {@code null} when averaging is off. */
        private WeightAverage average;
        /** Per phase, the weights of the epoch with the lowest selection score so far. */
        private final Best bestWarmStart = new Best();
        private final Best bestAdversarial = new Best();
        /** The warm start's last epoch in a run with an adversarial phase: the weights the game started from. */
        private final Best lastWarmStart = new Best();
        private int epoch;

        Run(SessionDataset dataset, GanOptions options, Listener listener, Checkpoints checkpoints) {
            this.options = options;
            this.plan = PhasePlan.of(options);
            this.listener = listener;
            this.checkpoints = checkpoints;
            this.fingerprint = fingerprint(dataset);
            this.random = new SplittableRandom(options.seed());
            List<UserHistory> users = new ArrayList<>(dataset.users());
            shuffle(users, random);
            int validationCount = (int) Math.round(users.size() * options.validationFraction());
            if (validationCount < 10 || users.size() - validationCount < 10) {
                throw new InvalidInputException("need at least 10 training and 10 validation users, got "
                        + users.size() + " users with validation fraction " + options.validationFraction());
            }
            allUsers = SessionDataset.of(sessionsOf(users));
            List<UserHistory> training = users.subList(validationCount, users.size());
            SessionDataset trainingData = SessionDataset.of(sessionsOf(training));
            validationSessions = sessionsOf(users.subList(0, validationCount));
            // generation is the slow part of validation: enough users for the two-sample test's repeated draws,
            // capped so that a large dataset (Taobao holds out 5,335 users) does not spend minutes per epoch on it
            validationUsers = Math.max(GanGenerator.SHARD,
                    Math.min(VALIDATION_REPEATS * validationCount, MAX_VALIDATION_USERS));
            encoding = SessionEncoding.fit(trainingData, options.encoding());
            layout = new TokenLayout(encoding);
            timing = UserTiming.fit(trainingData);
            for (UserHistory user : training) {
                int[] profile = encoding.profileOf(user);
                for (int k = 0; k < user.sessions().size(); k++) {
                    int[] tokens = layout.tokens(profile, encoding.encode(user.sessions().get(k)));
                    (k == 0 ? firstSessions : laterSessions).add(tokens);
                    sequences.add(tokens);
                    weights.add(LossWeights.likelihood(tokens.length, k == 0, 1f));
                }
            }
            for (UserHistory user : users.subList(0, validationCount)) {
                validationFirst.add(layout.tokens(encoding.profileOf(user), encoding.encode(user.sessions().get(0))));
            }
            network = TokenNetwork.create(layout.vocabulary(), options.hidden(), options.layers(), options.noise(),
                    options.learningRate(), random.nextLong());
            average = options.weightAveraging() > 0
                    ? new WeightAverage(options.weightAveraging(), network.graph().params(), 0) : null;
            LOG.info("training on {} users ({} sequences), validating on {} users; vocabulary {}, {} parameters",
                    training.size(), sequences.size(), validationCount, layout.vocabulary(), network.parameterCount());
        }

        /** Continues from a checkpoint of a run with the same data and options. */
        void restore(TrainingCheckpoint checkpoint) {
            if (!fingerprint.equals(checkpoint.dataFingerprint())) {
                throw new InvalidInputException("this checkpoint was trained on other data (" + checkpoint.dataFingerprint()
                        + "), not on this dataset (" + fingerprint + "); resume with the same file and read options");
            }
            network = checkpoint.network(layout.vocabulary(), options.noise());
            discriminator = checkpoint.discriminator(layout.vocabulary(), options.packing());
            attributeDiscriminator = checkpoint.attributeDiscriminator(layout);
            history = checkpoint.history();
            bestWarmStart.restore(checkpoint.bestParameters(), history, TrainingPhase.WARM_START);
            bestAdversarial.restore(checkpoint.bestAdversarialParameters(), history, TrainingPhase.ADVERSARIAL);
            lastWarmStart.weights = checkpoint.lastWarmStartParameters();
            lastWarmStart.epoch = lastWarmStart.weights == null ? 0 : history.epochsIn(TrainingPhase.WARM_START);
            average = options.weightAveraging() > 0 ? checkpoint.average(options.weightAveraging()) : null;
            epoch = history.epochs().size();
        }

        GanGenerator execute() {
            if (epoch == 0) {
                history = TrainingHistory.start(validate().auc());
            }
            while (!plan.finished(history)) {
                random = new SplittableRandom(mix(options.seed(), epoch + 1));
                if (!plan.warmStartOver(history)) {
                    warmStartEpoch();
                } else {
                    if (discriminator == null) {
                        discriminator = Discriminator.create(options.critic(), layout.vocabulary(),
                                options.discriminatorHidden(), options.packing(), options.discriminatorLearningRate(),
                                mix(options.seed(), -1));
                    }
                    if (attributeDiscriminator == null && options.attributeWeight() > 0) {
                        attributeDiscriminator = AttributeDiscriminator.create(layout, options.discriminatorHidden(),
                                options.discriminatorLearningRate(), mix(options.seed(), -3));
                    }
                    network.graph().setLearningRate(options.adversarialLearningRate());
                    adversarialEpoch(discriminator);
                }
                if (checkpoints != null && checkpoints.due(epoch, plan.plannedEpochs(history))) {
                    checkpoints.save(new TrainingCheckpoint(options, fingerprint, history, network, discriminator,
                            attributeDiscriminator, bestWarmStart.weights, bestAdversarial.weights,
                            lastWarmStart.weights, average));
                }
            }
            select();
            GanGenerator trained = new GanGenerator(encoding, network, timing, options, history);
            GanGenerator finished = options.calibrationRounds() > 0 ? calibrate(trained) : trained;
            // selection and calibration are done: from here on the validation users' items, categories and
            // timings are the catalog's too, so the model deals from every training user's; the network's
            // tokens stay as they were
            GanGenerator model = finished.refittedTo(allUsers);
            return options.guidancePasses() > 0 ? guide(model) : model;
        }

        /**
         * Trains a critic against the finished model's draws and keeps it for generation when it tells held-out
         * users from generated ones (its AUC beyond two standard errors of chance) and the validation AUC with it
         * is lower than without beyond the draws' noise, on the same {@value #CHECKS} fresh draws. Lower, not
         * merely not worse (the calibration's rule): a critic costs generation time, and one that did see held-out
         * users apart, with a validation AUC worse within its noise, took a Taobao model further from the holdout
         * (AUC 0.515 against 0.509, the item head past the Markov chain's).
         */
        private GanGenerator guide(GanGenerator model) {
            model = model.withGuidance(null, null); // judged against the generator alone, never an earlier critic
            GuidanceTrainer.Trained trained = GuidanceTrainer.train(model, firstSessions, validationFirst, options,
                    options.guidancePasses(), mix(options.seed(), -4), listener);
            Paired check = paired(model, model.withGuidance(trained.guidance(), null), GUIDANCE_DRAWS);
            boolean kept = usesCritic(trained.criticAuc(), trained.heldOut(), trained.generated(),
                    check.without().auc(), check.with().auc(), check.margin());
            GuidanceReport report = new GuidanceReport(options.guidancePasses(), trained.criticAuc(),
                    trained.keptAtFirstDraw(), check.without().auc(), check.with().auc(), kept, check.margin());
            LOG.debug("guidance: {}", report);
            if (listener != null) {
                listener.onGuidance(report);
            }
            return model.withGuidance(kept ? trained.guidance() : null, report);
        }

        /** Refuses a model whose catalog is not the one this data and these options give. */
        void checkTrainedOn(GanGenerator model) {
            if (!Arrays.equals(json(encoding.refit(allUsers)), json(model.encoding()))) {
                throw new InvalidInputException("this model was not trained on this data (its encoding differs from"
                        + " the one this data gives with the model's options); use the file and read options it was"
                        + " trained with");
            }
        }

        /**
         * Keeps the better of the two phases' best epochs. Each phase's best is the lowest score over its own
         * epochs' validation draws, which is biased low, and more so for the phase with more epochs (the warm
         * start's 40 against the adversarial phase's 4), so the two are compared again on
         * {@value #CHECKS} fresh draws each (a rematch) before one is kept. A run without an adversarial phase
         * rematches its best epoch against its last: the lowest of 40 noisy scores can be an early epoch's by
         * luck (REES46, training seed 3: epoch 21, 0.011–0.023 of holdout AUC behind the last epoch). A run with
         * one brings the warm start's last epoch too, what the game started from, so that it keeps what a warm
         * start alone would have kept unless the game did better on the same draws.
         */
        private void select() {
            Best challenger = bestAdversarial;
            if (bestAdversarial.weights == null && bestWarmStart.weights != null && bestWarmStart.epoch < epoch) {
                challenger = new Best();
                challenger.weights = validatedWeights();
                challenger.epoch = epoch;
            }
            Best kept = challenger.weights == null ? bestWarmStart : bestWarmStart.weights == null ? challenger : null;
            if (kept == null) {
                Validation warmStart = checked(withWeights(bestWarmStart.weights), REMATCH_DRAWS);
                Validation other = checked(withWeights(challenger.weights), REMATCH_DRAWS);
                kept = other.score() < warmStart.score() ? challenger : bestWarmStart;
                boolean lastPlays = challenger == bestAdversarial && lastWarmStart.weights != null
                        && lastWarmStart.epoch != bestWarmStart.epoch;
                double lastScore = lastPlays ? checked(withWeights(lastWarmStart.weights), REMATCH_DRAWS).score()
                        : Double.NaN;
                if (lastScore < Math.min(warmStart.score(), other.score())) { // never with NaN
                    kept = lastWarmStart;
                }
                TrainingHistory.Selection rematch = new TrainingHistory.Selection(bestWarmStart.epoch,
                        warmStart.score(), challenger.epoch, other.score(), kept.epoch,
                        lastPlays ? lastWarmStart.epoch : 0, lastScore);
                history = history.withSelection(rematch);
                LOG.debug("rematch: {}", rematch.describe(history));
            }
            if (kept.weights != null) {
                network.graph().setParams(kept.weights);
            }
        }

        private GanGenerator withWeights(INDArray weights) {
            TokenNetwork copy = network.copy();
            copy.graph().setParams(weights);
            return new GanGenerator(encoding, copy, timing, options, history);
        }

        /**
         * Fits a {@link Calibration} of the kept generator's draws to the training users' token frequencies and
         * keeps it unless the validation AUC is worse beyond its noise ({@link #calibrationMargin}). Both sides
         * are scored on the same {@value #CHECKS} fresh draws: the kept epoch won its place on the epochs' own
         * validation draws, so scoring it on those again would favour it (winner's curse; measured on REES46:
         * 0.515 on its own draws, 0.547 calibrated, yet the calibrated model was the closer one to the holdout,
         * 0.572 against 0.595). The AUC alone, not the selection score: the score adds the transition and
         * length distances to the validation users, which the corrections fit directly and more precisely on
         * the training users, nine times as many; measured on the validation users they follow that one
         * sample's own deviation, which every draw shares (on Taobao, 50,000 users calibrated against the
         * training users came 0.0074 → 0.0047 closer on transitions and 0.0052 → 0.0022 on length, while all
         * three validation draws scored those two parts worse).
         */
        private GanGenerator calibrate(GanGenerator trained) {
            int users = (int) Math.min(CALIBRATION_USERS, Math.max(GanGenerator.SHARD, 2L * firstSessions.size()));
            Calibrator.Fit fit = Calibrator.fit(trained, Calibration.Counts.of(layout, firstSessions, laterSessions),
                    options.calibrationRounds(), users, mix(options.seed(), -2));
            Paired check = paired(trained, trained.withCalibration(fit.calibration(), null), CALIBRATION_DRAWS);
            Validation b = check.without();
            Validation a = check.with();
            boolean kept = a.auc() <= b.auc() + check.margin();
            CalibrationReport report = new CalibrationReport(options.calibrationRounds(), users, fit.distanceBefore(),
                    fit.distanceAfter(), b.auc(), a.auc(), b.score(), a.score(), kept, check.margin());
            LOG.debug("calibration: {}", report);
            if (listener != null) {
                listener.onCalibration(report);
            }
            return trained.withCalibration(kept ? fit.calibration() : null, report);
        }

        /**
         * A generator without and with a change (a calibration, a critic), validated on the same fresh draws of the
         * {@code draws} series: each one's mean validation, and the noise margin of their paired AUC difference
         * ({@link #calibrationMargin}).
         */
        private Paired paired(GanGenerator without, GanGenerator with, long draws) {
            List<Validation> before = checkedDraws(without, draws);
            List<Validation> after = checkedDraws(with, draws);
            return new Paired(mean(before), mean(after), calibrationMargin(aucs(before), aucs(after)));
        }

        /** The validation averaged over {@link #checkedDraws}. */
        private Validation checked(GanGenerator candidate, long draws) {
            return mean(checkedDraws(candidate, draws));
        }

        /**
         * The validation of {@value #CHECKS} fresh draws, none of them an epoch's, from the {@code draws} series
         * (the rematch and the calibration check each have their own).
         */
        private List<Validation> checkedDraws(GanGenerator candidate, long draws) {
            List<Validation> out = new ArrayList<>(CHECKS);
            for (int d = 0; d < CHECKS; d++) {
                out.add(validate(candidate, mix(options.seed() ^ VALIDATION_SEED_SALT, draws * CHECKS + d), false));
            }
            return out;
        }

        private void warmStartEpoch() {
            long started = System.nanoTime();
            double loss = 0;
            double gradient = 0;
            int steps = 0;
            for (int[] batch : batches(sequences, options.batchSize(), random)) {
                List<int[]> seqs = new ArrayList<>(batch.length);
                float[][] w = new float[batch.length][];
                for (int i = 0; i < batch.length; i++) {
                    seqs.add(sequences.get(batch[i]));
                    w[i] = LossWeights.withoutHeader(weights.get(batch[i]));
                }
                loss += network.fit(seqs, w, noise(batch.length));
                gradient += gradientNorm(network.graph());
                steps++;
                headerStep(batch.length);
                averageIn();
            }
            Validation v = validate();
            finish(new TrainingHistory.Epoch(++epoch, TrainingPhase.WARM_START, Double.NaN, Double.NaN, Double.NaN,
                    loss / steps, gradient / steps, Double.NaN, v.auc(), seconds(started), Double.NaN, v.score(),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, v.behaviourAuc(), v.catalogAuc()));
        }

        /**
         * One step on the headers (profile and length class) of randomly drawn sequences. The event batches
         * are grouped by length, which would tie each step's length target to one class; headers alone are
         * short, so a random mix costs nothing.
         */
        private void headerStep(int size) {
            List<int[]> headers = new ArrayList<>(size);
            float[][] w = new float[size][];
            for (int i = 0; i < size; i++) {
                int index = random.nextInt(sequences.size());
                headers.add(Arrays.copyOf(sequences.get(index), TokenLayout.HEADER_TOKENS));
                w[i] = Arrays.copyOf(weights.get(index), TokenLayout.HEADER_TOKENS);
            }
            network.fit(headers, w, noise(size));
        }

        private void adversarialEpoch(Discriminator discriminator) {
            long started = System.nanoTime();
            SequenceSampler sampler = new SequenceSampler(network, layout, encoding.options().maxLength());
            int batchSize = options.batchSize();
            int steps = Math.max(1, firstSessions.size() / batchSize);
            double dReal = 0;
            double dFake = 0;
            double dLoss = 0;
            double gLoss = 0;
            double gGradient = 0;
            double dGradient = 0;
            double nonSaturating = 0;
            double attributeReal = 0;
            double attributeFake = 0;
            RewardGate gate = options.rewardGate() ? new RewardGate(gateWindow()) : null;
            double criticAuc = 0;
            double rewardWeight = 0;
            for (int step = 0; step < steps; step++) {
                float[][] z = noise(batchSize);
                SequenceSampler.Sample fake = sampler.sampleWithLikelihood(null, rows(batchSize), z);
                List<int[]> real = pick(firstSessions, batchSize);
                if (gate != null) {
                    // judged before the critic trains on this batch: fresh fakes, validation users it never sees
                    gate.add(discriminator.score(heldOutBatch(step)), discriminator.score(fake.sequences()));
                    criticAuc += gate.auc();
                }
                double weight = gate == null ? 1 : gate.weight();
                rewardWeight += weight;
                for (int k = 0; k < options.discriminatorSteps(); k++) {
                    List<int[]> realForD = k == 0 ? real : pick(firstSessions, batchSize);
                    dLoss += discriminator.fit(realForD, fake.sequences(), 1 - options.labelSmoothing())
                            / options.discriminatorSteps();
                    dGradient += gradientNorm(discriminator.graph()) / options.discriminatorSteps();
                }
                double[] fakeScores = discriminator.score(fake.sequences());
                double[] realScores = discriminator.score(real);
                dFake += mean(fakeScores);
                for (double score : fakeScores) {
                    nonSaturating -= Math.log(Math.max(1e-6, score)) / fakeScores.length;
                }
                dReal += mean(realScores);
                double[] attributeScores = null;
                if (attributeDiscriminator != null) {
                    attributeDiscriminator.fit(real, fake.sequences(), 1 - options.labelSmoothing());
                    attributeScores = attributeDiscriminator.score(fake.sequences());
                    attributeFake += mean(attributeScores);
                    attributeReal += mean(attributeDiscriminator.score(real));
                }
                for (int g = 0; g < options.generatorSteps(); g++) {
                    if (g > 0) {
                        // a further step on a fresh batch, judged by the critic as it now stands
                        z = noise(batchSize);
                        fake = sampler.sampleWithLikelihood(null, rows(batchSize), z);
                        fakeScores = discriminator.score(fake.sequences());
                        attributeScores = attributeDiscriminator == null ? null
                                : attributeDiscriminator.score(fake.sequences());
                    }
                    gLoss += generatorStep(network, fake, fakeScores, weight, attributeScores, z, options.mleWeight(),
                            discriminator)
                            / options.generatorSteps();
                    gGradient += gradientNorm(network.graph()) / options.generatorSteps();
                    averageIn();
                }
            }
            int adversarialEpoch = history.epochsIn(TrainingPhase.ADVERSARIAL) + 1;
            double gap = options.dualityGapEvery() > 0 && adversarialEpoch % options.dualityGapEvery() == 0
                    ? dualityGap(discriminator, sampler) : Double.NaN;
            Validation v = validate();
            boolean attributes = attributeDiscriminator != null;
            finish(new TrainingHistory.Epoch(++epoch, TrainingPhase.ADVERSARIAL, dReal / steps, dFake / steps,
                    dLoss / steps, gLoss / steps, gGradient / steps, dGradient / steps, v.auc(), seconds(started),
                    nonSaturating / steps, v.score(), gap, attributes ? attributeReal / steps : Double.NaN,
                    attributes ? attributeFake / steps : Double.NaN, gate != null ? criticAuc / steps : Double.NaN,
                    rewardWeight / steps, v.behaviourAuc(), v.catalogAuc()));
        }

        /** Steps the reward gate judges the critic over: as many batches as the validation users fill, at most 16. */
        private int gateWindow() {
            return Math.max(1, Math.min(GATE_WINDOW, validationFirst.size() / options.batchSize()));
        }

        /**
         * A batch of validation users' first sessions for the reward gate, drawn from a stream of its own (the
         * epoch's and step's), so that the gate leaves the run's other draws as they were.
         */
        private List<int[]> heldOutBatch(int step) {
            SplittableRandom draw = new SplittableRandom(SeedMix.mix(SeedMix.mix(options.seed() ^ GATE_SEED_SALT)
                    + epoch) + step);
            List<int[]> out = new ArrayList<>(options.batchSize());
            for (int i = 0; i < options.batchSize(); i++) {
                out.add(validationFirst.get(draw.nextInt(validationFirst.size())));
            }
            return out;
        }

        /**
         * The session critic's signal on the generated batch plus likelihood of a real batch, in one optimiser
         * step. The events follow the session critic — its reward as a policy gradient, or with
         * {@link GeneratorGradient#STRAIGHT_THROUGH} {@code critic}'s input gradient — weighted by
         * {@code criticWeight} (see {@link RewardGate}); the profile tokens, when {@code attributeScores} are given,
         * the attribute critic's policy gradient (weighted by {@code attributeWeight}), and otherwise only
         * likelihood.
         */
        private double generatorStep(TokenNetwork generator, SequenceSampler.Sample fake, double[] packScores,
                double criticWeight, double[] attributeScores, float[][] fakeNoise, double mleWeight,
                Discriminator critic) {
            int n = fake.sequences().size();
            double[] reward = new double[n];
            double[] attributeReward = new double[n];
            for (int b = 0; b < n; b++) {
                reward[b] = Math.log(Math.max(1e-6, packScores[b / options.packing()]))
                        - options.entropyWeight() * fake.meanLogProbability()[b];
                attributeReward[b] = attributeScores == null ? 0 : Math.log(Math.max(1e-6, attributeScores[b]));
            }
            double[] advantage = LossWeights.standardised(reward);
            double[] attributeAdvantage = attributeScores == null ? new double[n]
                    : LossWeights.standardised(attributeReward);
            List<int[]> batch = new ArrayList<>(fake.sequences());
            List<float[]> w = new ArrayList<>();
            List<float[]> z = new ArrayList<>(List.of(fakeNoise));
            boolean pathwise = options.generatorGradient() == GeneratorGradient.STRAIGHT_THROUGH;
            for (int b = 0; b < n; b++) {
                w.add(LossWeights.policyGradient(fake.sequences().get(b).length,
                        pathwise ? 0f : (float) (criticWeight * advantage[b]),
                        (float) (options.attributeWeight() * attributeAdvantage[b])));
            }
            // the real rows that follow, if any, keep their tokens as targets (null)
            float[][][] targets = pathwise && criticWeight > 0 ? Arrays.copyOf(
                    StraightThrough.targets(layout, generator, critic, fake.sequences(), fakeNoise, criticWeight, w),
                    2 * n) : null;
            if (mleWeight > 0) {
                for (int i = 0; i < n; i++) {
                    int index = random.nextInt(sequences.size());
                    batch.add(sequences.get(index));
                    float[] base = weights.get(index);
                    float[] scaled = new float[base.length];
                    for (int p = 0; p < base.length; p++) {
                        scaled[p] = (float) (base[p] * mleWeight);
                    }
                    w.add(scaled);
                }
                z.addAll(List.of(noise(n)));
            }
            return generator.fitByLength(batch, targets, w.toArray(float[][]::new), z.toArray(float[][]::new));
        }

        /**
         * Estimates the duality gap (Grnarova et al., 2019) on the validation users: a copy of the discriminator
         * takes {@value #GAP_STEPS} steps against the current generator (the worst discriminator for it), a copy
         * of the generator takes as many steps against the current discriminator, as it is trained (policy
         * gradient or straight-through; the worst generator for it), and the gap is M(G, D_worst) − M(G_worst, D)
         * with the GAN objective M = E log D(x) + E log(1 − D(G(z))). It is 0 at the equilibrium and grows as
         * either side could still gain by changing alone. The copies are thrown away; training goes on unchanged.
         */
        private double dualityGap(Discriminator current, SequenceSampler sampler) {
            int n = Math.min(options.batchSize(), validationFirst.size());
            n -= n % options.packing();
            Discriminator worstD = current.copy();
            for (int k = 0; k < GAP_STEPS; k++) {
                worstD.fit(pick(validationFirst, n), sample(sampler, n).sequences(), 1.0);
            }
            TokenNetwork worstG = network.copy();
            SequenceSampler worstSampler = new SequenceSampler(worstG, layout, encoding.options().maxLength());
            for (int k = 0; k < GAP_STEPS; k++) {
                float[][] z = noise(n);
                SequenceSampler.Sample fake = worstSampler.sampleWithLikelihood(null, rows(n), z);
                generatorStep(worstG, fake, current.score(fake.sequences()), 1, null, z, 0, current);
            }
            // both sides judged on the same real sessions, so their difference is not swamped by which were drawn
            List<int[]> real = pick(validationFirst, 2 * n);
            return objective(worstD, real, sample(sampler, 2 * n).sequences())
                    - objective(current, real, sample(worstSampler, 2 * n).sequences());
        }

        private SequenceSampler.Sample sample(SequenceSampler from, int n) {
            return from.sampleWithLikelihood(null, rows(n), noise(n));
        }

        private SplittableRandom[] rows(int n) {
            SplittableRandom[] rows = new SplittableRandom[n];
            for (int b = 0; b < n; b++) {
                rows[b] = random.split();
            }
            return rows;
        }

        private List<int[]> pick(List<int[]> from, int count) {
            List<int[]> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(from.get(random.nextInt(from.size())));
            }
            return out;
        }

        /**
         * Scores the current generator against the held-out validation users: the classifier two-sample AUC,
         * averaged over {@value #VALIDATION_REPEATS} draws of generated sessions (one draw swings by ±0.05 on a
         * few hundred users, enough to pick a poor epoch by luck), plus the two fidelity distances the
         * classifier weighs least, transitions (TV) and session length (KS). Lower is better; 0.5 is the floor.
         */
        private Validation validate() {
            return validate(new GanGenerator(encoding, evaluated(), timing, options, history),
                    options.seed() ^ VALIDATION_SEED_SALT, true);
        }

        /**
         * @param byGroup also the AUC on each feature group alone (the epoch's record shows whether an epoch
         *                moved what the tokens decide or what decoding does); the overall AUC is the same
         */
        private Validation validate(GanGenerator candidate, long generationSeed, boolean byGroup) {
            List<UserSession> generated = candidate.users(GenerationRequest.of(validationUsers, generationSeed))
                    .flatMap(u -> u.sessions().stream()).toList();
            double auc = 0;
            double behaviour = byGroup ? 0 : Double.NaN;
            double catalog = byGroup ? 0 : Double.NaN;
            for (int r = 0; r < VALIDATION_REPEATS; r++) {
                ClassifierTwoSampleTest test = new ClassifierTwoSampleTest();
                ClassifierTwoSampleTest.Result result = byGroup
                        ? test.runByGroup(generated, validationSessions, options.seed() + r)
                        : test.run(generated, validationSessions, options.seed() + r);
                auc += result.auc() / VALIDATION_REPEATS;
                if (byGroup) {
                    behaviour += result.byGroup().get(SessionFeatures.Group.BEHAVIOUR) / VALIDATION_REPEATS;
                    catalog += result.byGroup().get(SessionFeatures.Group.CATALOG) / VALIDATION_REPEATS;
                }
            }
            // one equal-size cut, as models have always been selected (the evaluation compares whole samples):
            // changing it would change which epoch training keeps
            Fidelity fidelity = Fidelity.ofEqualSizes(generated, validationSessions, 0);
            return new Validation(auc, auc + fidelity.transitionTv() + fidelity.sessionLengthKs(), behaviour, catalog);
        }

        private void finish(TrainingHistory.Epoch record) {
            history = history.plus(record);
            Best best = record.phase() == TrainingPhase.ADVERSARIAL ? bestAdversarial : bestWarmStart;
            if (record.validationScore() < best.score) {
                best.score = record.validationScore();
                best.epoch = record.epoch();
                best.weights = validatedWeights();
            }
            if (best == bestWarmStart && plan.warmStartOver(history) && options.adversarialEpochs() > 0) {
                lastWarmStart.epoch = record.epoch();
                lastWarmStart.weights = best.epoch == record.epoch() ? best.weights : validatedWeights();
            }
            int total = plan.plannedEpochs(history);
            if (plan.stoppedEarly(history, record.phase())) {
                LOG.info("{} stopped early after epoch {}: its lowest validation score is epoch {}'s, {} epochs ago",
                        best == bestWarmStart ? "warm start" : "adversarial phase", record.epoch(), best.epoch,
                        record.epoch() - best.epoch);
            }
            LOG.debug("epoch {}/{} {}: G loss {}, D(real) {}, D(fake) {}, validation AUC {} ({} s)", record.epoch(),
                    total, record.phase(), fmt(record.generatorLoss()), fmt(record.meanDReal()),
                    fmt(record.meanDFake()), fmt(record.validationAuc()), fmt(record.wallSeconds()));
            if (listener != null) {
                listener.onEpoch(record, total);
            }
        }

        private void averageIn() {
            if (average != null) {
                average.update(network.graph().params());
            }
        }

        /** A copy of the weights that are validated and kept: the weight average's, or the network's own. */
        private INDArray validatedWeights() {
            return (average != null ? average.weights() : network.graph().params()).dup();
        }

        /** The generator that is validated and kept: the weight average, or the trained network itself. */
        private TokenNetwork evaluated() {
            if (average == null) {
                return network;
            }
            TokenNetwork averaged = network.copy();
            averaged.graph().setParams(average.weights());
            return averaged;
        }

        private float[][] noise(int rows) {
            float[][] z = new float[rows][options.noise()];
            for (float[] row : z) {
                for (int d = 0; d < row.length; d++) {
                    row[d] = (float) gaussian(random);
                }
            }
            return z;
        }
    }

    /**
     * Batches of similar length (less padding: an epoch runs about five times faster than with random
     * batches), in random order. In such a batch every LENGTH target agrees, so the header is trained apart,
     * on random batches of headers alone (see {@code headerBatch}).
     */
    private static List<int[]> batches(List<int[]> sequences, int size, SplittableRandom random) {
        int n = sequences.size();
        double[] jitter = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            jitter[i] = random.nextDouble();
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> sequences.get(i).length)
                .thenComparingDouble(i -> jitter[i]));
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < n; from += size) {
            int to = Math.min(n, from + size);
            int[] batch = new int[to - from];
            for (int i = from; i < to; i++) {
                batch[i - from] = order[i];
            }
            batches.add(batch);
        }
        shuffle(batches, random);
        return batches;
    }

    /** The GAN objective E log D(x) + E log(1 − D(G(z))) of a discriminator on real and generated packs. */
    private static double objective(Discriminator d, List<int[]> real, List<int[]> fake) {
        double sum = 0;
        double[] r = d.score(real);
        for (double v : r) {
            sum += Math.log(Math.max(1e-6, v)) / r.length;
        }
        double[] f = d.score(fake);
        for (double v : f) {
            sum += Math.log(Math.max(1e-6, 1 - v)) / f.length;
        }
        return sum;
    }

    private static double gradientNorm(org.deeplearning4j.nn.graph.ComputationGraph graph) {
        return graph.gradient() == null ? Double.NaN : graph.gradient().gradient().norm2Number().doubleValue();
    }

    private static List<UserSession> sessionsOf(List<UserHistory> users) {
        List<UserSession> sessions = new ArrayList<>();
        users.forEach(u -> sessions.addAll(u.sessions()));
        sessions.sort(Comparator.comparing(UserSession::start));
        return sessions;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /**
     * How much worse the calibrated generator's validation AUC may be than the uncalibrated one's, draw by draw
     * on the same draws, and its corrections still be kept: two standard errors of the mean paired difference.
     * Why: the corrections are fitted to the training users' token frequencies, and one validation draw's AUC
     * moves by ±0.01 (Taobao) to ±0.05 (REES46's 363 validation users), so "not worse at all" would keep or
     * drop corrections that change little by the draws' luck.
     */
    static double calibrationMargin(double[] before, double[] after) {
        int n = before.length;
        if (n < 2) {
            return 0;
        }
        double[] difference = new double[n];
        for (int i = 0; i < n; i++) {
            difference[i] = after[i] - before[i];
        }
        return 2 * new StandardDeviation().evaluate(difference) / Math.sqrt(n);
    }

    /**
     * Whether generation uses a critic: one whose AUC on {@code heldOut} real and {@code generated} sessions is
     * over two standard errors above chance, and with which the validation AUC is lower beyond {@code margin}.
     */
    static boolean usesCritic(double criticAuc, int heldOut, int generated, double aucWithout, double aucWith,
            double margin) {
        return RewardGate.weight(criticAuc, heldOut, generated) > 0 && aucWith < aucWithout - margin;
    }

    private static byte[] json(SessionEncoding encoding) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            encoding.writeJson(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // never: the stream is in memory
        }
        return bytes.toByteArray();
    }

    private static double[] aucs(List<Validation> draws) {
        return draws.stream().mapToDouble(Validation::auc).toArray();
    }

    private static Validation mean(List<Validation> draws) {
        double auc = 0;
        double score = 0;
        for (Validation v : draws) {
            auc += v.auc() / draws.size();
            score += v.score() / draws.size();
        }
        return new Validation(auc, score, Double.NaN, Double.NaN); // fresh-draw checks are not split by group
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Counts and a digest of every event, so a resumed run can tell it has the same data. */
    static String fingerprint(SessionDataset dataset) {
        long h = 1125899906842597L;
        for (UserSession session : dataset.sessions()) {
            h = 31 * h + session.userId().hashCode();
            h = 31 * h + session.sessionId().hashCode();
            for (dev.sessiongan.data.ClickEvent e : session.events()) {
                h = 31 * h + e.timestamp().hashCode();
                h = 31 * h + e.type().ordinal();
                h = 31 * h + e.itemId().hashCode();
            }
        }
        return dataset.summary().events() + " events, " + dataset.summary().sessions() + " sessions, digest "
                + Long.toHexString(h);
    }

    /** A well-mixed seed for stream {@code index} of a run. */
    static long mix(long seed, long index) {
        return SeedMix.mix(seed * 0x9E3779B97F4A7C15L + index);
    }

    /** A standard normal draw (Box-Muller) from the given stream only, so noise is reproducible. */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
