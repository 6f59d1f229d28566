package dev.sessiongan.model;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.ClassifierTwoSampleTest;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.generate.GenerationRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the session GAN: a maximum-likelihood warm start of the generator (teacher forcing), scored
 * every epoch by a classifier two-sample test against users held out of the training data; the best
 * epoch's weights are kept. One seed drives everything.
 */
public final class GanTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(GanTrainer.class);

    /** Seed offset of the validation generation, so validation never shares draws with training. */
    private static final long VALIDATION_SEED_SALT = 0x5EED_0F_7A11L;

    /** Hears about each finished epoch (e.g. a progress display). */
    @FunctionalInterface
    public interface Listener {
        /** Called after each epoch with its record and the planned total. */
        void onEpoch(TrainingHistory.Epoch epoch, int totalEpochs);
    }

    private GanTrainer() {
    }

    /**
     * Trains a generator.
     *
     * @throws InvalidInputException if the dataset is too small to hold out validation users
     */
    public static GanGenerator train(SessionDataset dataset, GanOptions options, Listener listener) {
        List<UserHistory> users = new ArrayList<>(dataset.users());
        SplittableRandom random = new SplittableRandom(options.seed());
        shuffle(users, random);
        int validationCount = (int) Math.round(users.size() * options.validationFraction());
        if (validationCount < 10 || users.size() - validationCount < 10) {
            throw new InvalidInputException("need at least 10 training and 10 validation users, got " + users.size()
                    + " users with validation fraction " + options.validationFraction());
        }
        List<UserHistory> validation = users.subList(0, validationCount);
        List<UserHistory> training = users.subList(validationCount, users.size());
        SessionDataset trainingData = SessionDataset.of(sessionsOf(training));
        List<UserSession> validationSessions = sessionsOf(validation);

        SessionEncoding encoding = SessionEncoding.fit(trainingData, options.encoding());
        TokenLayout layout = new TokenLayout(encoding);
        UserTiming timing = UserTiming.fit(trainingData);
        List<int[]> sequences = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        for (UserHistory user : training) {
            int[] profile = encoding.profileOf(user);
            for (int k = 0; k < user.sessions().size(); k++) {
                int[] tokens = layout.tokens(profile, encoding.encode(user.sessions().get(k)));
                float[] w = new float[tokens.length];
                for (int p = 0; p < tokens.length; p++) {
                    boolean profileToken = p < TokenLayout.PROFILE_TOKENS;
                    w[p] = (profileToken && k > 0) || TokenLayout.isPlaceholder(p) ? 0f : 1f;
                }
                sequences.add(tokens);
                weights.add(w);
            }
        }
        TokenNetwork network = TokenNetwork.create(layout.vocabulary(), options.hidden(), options.layers(),
                options.noise(), options.learningRate(), random.nextLong());
        LOG.info("training on {} users ({} sequences), validating on {} users; vocabulary {}, {} parameters",
                training.size(), sequences.size(), validation.size(), layout.vocabulary(), network.parameterCount());

        TrainingHistory history = TrainingHistory.empty();
        INDArray best = null;
        double bestAuc = Double.MAX_VALUE;
        int total = options.mleEpochs();
        long validationUsers = Math.max(GanGenerator.SHARD, validation.size());
        for (int epoch = 1; epoch <= options.mleEpochs(); epoch++) {
            long started = System.nanoTime();
            double lossSum = 0;
            double gradientSum = 0;
            int steps = 0;
            for (int[] batch : batches(sequences, options.batchSize(), random)) {
                List<int[]> seqs = new ArrayList<>(batch.length);
                float[][] w = new float[batch.length][];
                float[][] z = new float[batch.length][options.noise()];
                for (int i = 0; i < batch.length; i++) {
                    seqs.add(sequences.get(batch[i]));
                    w[i] = weights.get(batch[i]);
                    for (int d = 0; d < options.noise(); d++) {
                        z[i][d] = (float) gaussian(random);
                    }
                }
                lossSum += network.fit(seqs, w, z);
                gradientSum += network.graph().gradient().gradient().norm2Number().doubleValue();
                steps++;
            }
            GanGenerator candidate = new GanGenerator(encoding, network, timing, options, history);
            List<UserSession> generated = candidate.users(GenerationRequest.of(validationUsers,
                    options.seed() ^ VALIDATION_SEED_SALT)).flatMap(u -> u.sessions().stream()).toList();
            double auc = new ClassifierTwoSampleTest().run(generated, validationSessions, options.seed()).auc();
            TrainingHistory.Epoch record = new TrainingHistory.Epoch(epoch, "mle", Double.NaN, Double.NaN, Double.NaN,
                    lossSum / steps, gradientSum / steps, Double.NaN, auc, (System.nanoTime() - started) / 1e9);
            history = history.plus(record);
            if (auc < bestAuc) {
                bestAuc = auc;
                best = network.graph().params().dup();
            }
            LOG.info("epoch {}/{} {}: loss {} validation AUC {} ({} s)", epoch, total, record.phase(),
                    String.format("%.4f", record.generatorLoss()), String.format("%.3f", auc),
                    String.format("%.1f", record.wallSeconds()));
            if (listener != null) {
                listener.onEpoch(record, total);
            }
        }
        if (best != null) {
            network.graph().setParams(best);
        }
        return new GanGenerator(encoding, network, timing, options, history);
    }

    /** Batches of similar length (less padding), in random order. */
    private static List<int[]> batches(List<int[]> sequences, int size, SplittableRandom random) {
        int n = sequences.size();
        double[] jitter = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            jitter[i] = random.nextDouble();
        }
        java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> sequences.get(i).length)
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

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
