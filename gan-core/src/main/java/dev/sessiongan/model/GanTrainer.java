package dev.sessiongan.model;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
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

    /**
     * Most users generated per calibration round. At 8,192 two samples of generated Taobao users were further
     * apart in the fitted frequencies (0.0065) than the model was from the data (0.0056), so each round fitted
     * noise. Four times the sample, a quarter of the variance; only datasets of over 4,096 training users
     * generate more (REES46: 6,540 users a round, as before).
     */
    private static final int CALIBRATION_USERS = 32_768;

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
        /** Scores epochs and candidates against the validation users. */
        private final Validator validator;
        /** What the adversarial phase's epochs play with. */
        private final AdversarialEpoch.Game game;
        /**
         * Validation users as token sequences (profile and first session): the real side of the reward gate, the
         * duality gap and the critic for generation's judging.
         */
        private final List<int[]> validationFirst = new ArrayList<>();
        /** Every user, validation users included: the finished model's catalog ({@link #execute}). */
        private final SessionDataset allUsers;
        /** Seeds a fresh run's generator, drawn whether or not it is needed so that later draws stay put. */
        private final long networkSeed;
        private final int trainingUsers;
        /** The generator: created when a fresh run starts, or the checkpoint's; none when only guiding. */
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
            validator = new Validator(sessionsOf(users.subList(0, validationCount)), validationCount, options.seed());
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
            networkSeed = random.nextLong();
            // the lists are complete here and never change after: the game reads them, it does not copy them
            game = new AdversarialEpoch.Game(options, layout, encoding.options().maxLength(), sequences, weights,
                    firstSessions, validationFirst);
            trainingUsers = training.size();
        }

        /** Continues from a checkpoint of a run with the same data and options. */
        void restore(TrainingCheckpoint checkpoint) {
            if (!fingerprint.equals(checkpoint.dataFingerprint())) {
                throw new InvalidInputException("this checkpoint was trained on other data ("
                        + checkpoint.dataFingerprint() + "), not on this dataset (" + fingerprint
                        + "); resume with the same file and read options");
            }
            network = checkpoint.network(layout.vocabulary(), options.noise());
            discriminator = checkpoint.discriminator(layout.vocabulary(), options.packing());
            attributeDiscriminator = checkpoint.attributeDiscriminator(layout);
            history = checkpoint.history();
            long parameters = network.parameterCount();
            bestWarmStart.restore(checkpoint.bestParameters(parameters), history, TrainingPhase.WARM_START);
            bestAdversarial.restore(checkpoint.bestAdversarialParameters(parameters), history,
                    TrainingPhase.ADVERSARIAL);
            lastWarmStart.weights = checkpoint.lastWarmStartParameters(parameters);
            lastWarmStart.epoch = lastWarmStart.weights == null ? 0 : history.epochsIn(TrainingPhase.WARM_START);
            average = options.weightAveraging() > 0 ? checkpoint.average(options.weightAveraging(), parameters) : null;
            epoch = history.epochs().size();
        }

        GanGenerator execute() {
            if (network == null) { // a fresh run; a resumed one has the checkpoint's
                network = TokenNetwork.create(layout.vocabulary(), options.hidden(), options.layers(),
                        options.noise(), options.learningRate(), networkSeed);
                average = options.weightAveraging() > 0
                        ? new WeightAverage(options.weightAveraging(), network.graph().params(), 0) : null;
            }
            LOG.info("training on {} users ({} sequences), validating on {} users; vocabulary {}, {} parameters",
                    trainingUsers, sequences.size(), validationFirst.size(), layout.vocabulary(),
                    network.parameterCount());
            if (epoch == 0) {
                history = TrainingHistory.start(validate().auc());
            }
            while (!plan.finished(history)) {
                random = new SplittableRandom(Draws.stream(options.seed(), epoch + 1));
                if (!plan.warmStartOver(history)) {
                    warmStartEpoch();
                } else {
                    if (discriminator == null) {
                        discriminator = Discriminator.create(options.critic(), layout.vocabulary(),
                                options.discriminatorHidden(), options.packing(), options.discriminatorLearningRate(),
                                Draws.stream(options.seed(), -1));
                    }
                    if (attributeDiscriminator == null && options.attributeWeight() > 0) {
                        attributeDiscriminator = AttributeDiscriminator.create(layout, options.discriminatorHidden(),
                                options.discriminatorLearningRate(), Draws.stream(options.seed(), -3));
                    }
                    network.graph().setLearningRate(options.adversarialLearningRate());
                    adversarialEpoch();
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
         * is lower than without beyond the draws' noise, on the same {@value Validator#CHECKS} fresh draws. Lower, not
         * merely not worse (the calibration's rule): a critic costs generation time, and one that did see held-out
         * users apart, with a validation AUC worse within its noise, took a Taobao model further from the holdout
         * (AUC 0.515 against 0.509, the item head past the Markov chain's).
         */
        private GanGenerator guide(GanGenerator model) {
            model = model.withGuidance(null, null); // judged against the generator alone, never an earlier critic
            GuidanceTrainer.Trained trained = GuidanceTrainer.train(model, firstSessions, validationFirst, options,
                    options.guidancePasses(), Draws.stream(options.seed(), -4), listener);
            Validator.Paired check = validator.compare(model, model.withGuidance(trained.guidance(), null),
                    Validator.GUIDANCE_DRAWS);
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
         * {@value Validator#CHECKS} fresh draws each (a rematch) before one is kept. A run without an adversarial phase
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
                Validator.Validation warmStart = validator.validateFresh(withWeights(bestWarmStart.weights),
                        Validator.REMATCH_DRAWS);
                Validator.Validation other = validator.validateFresh(withWeights(challenger.weights),
                        Validator.REMATCH_DRAWS);
                kept = other.score() < warmStart.score() ? challenger : bestWarmStart;
                boolean lastPlays = challenger == bestAdversarial && lastWarmStart.weights != null
                        && lastWarmStart.epoch != bestWarmStart.epoch;
                double lastScore = lastPlays
                        ? validator.validateFresh(withWeights(lastWarmStart.weights), Validator.REMATCH_DRAWS).score()
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
         * keeps it unless the validation AUC is worse beyond its noise ({@link Validator#margin}). Both sides
         * are scored on the same {@value Validator#CHECKS} fresh draws: the kept epoch won its place on the epochs' own
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
                    options.calibrationRounds(), users, Draws.stream(options.seed(), -2));
            Validator.Paired check = validator.compare(trained, trained.withCalibration(fit.calibration(), null),
                    Validator.CALIBRATION_DRAWS);
            Validator.Validation b = check.without();
            Validator.Validation a = check.with();
            boolean kept = a.auc() <= b.auc() + check.margin();
            CalibrationReport report = new CalibrationReport(options.calibrationRounds(), users, fit.distanceBefore(),
                    fit.distanceAfter(), b.auc(), a.auc(), b.score(), a.score(), kept, check.margin());
            LOG.debug("calibration: {}", report);
            if (listener != null) {
                listener.onCalibration(report);
            }
            return trained.withCalibration(kept ? fit.calibration() : null, report);
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
                gradient += network.gradientNorm();
                steps++;
                headerStep(batch.length);
                averageIn();
            }
            Validator.Validation v = validate();
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

        private void adversarialEpoch() {
            long started = System.nanoTime();
            AdversarialEpoch.Figures f = new AdversarialEpoch(game, network, discriminator, attributeDiscriminator,
                    random, this::averageIn).play(epoch, history.epochsIn(TrainingPhase.ADVERSARIAL) + 1);
            Validator.Validation v = validate();
            finish(new TrainingHistory.Epoch(++epoch, TrainingPhase.ADVERSARIAL, f.dReal(), f.dFake(), f.dLoss(),
                    f.gLoss(), f.gGradient(), f.dGradient(), v.auc(), seconds(started), f.nonSaturating(), v.score(),
                    f.dualityGap(), f.attributeReal(), f.attributeFake(), f.criticAuc(), f.rewardWeight(),
                    v.behaviourAuc(), v.catalogAuc()));
        }

        /** Scores the current generator (its weight average, when averaging is on) against the validation users. */
        private Validator.Validation validate() {
            return validator.validateEpoch(new GanGenerator(encoding, evaluated(), timing, options, history));
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
            return Draws.noise(random, rows, options.noise());
        }
    }

    /**
     * Batches of similar length (less padding: an epoch runs about five times faster than with random
     * batches), in random order. In such a batch every LENGTH target agrees, so the header is trained apart,
     * on random batches of headers alone (see {@code Run.headerStep}).
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
}
