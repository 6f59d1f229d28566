package dev.sessiongan.model;

import dev.sessiongan.internal.Auc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the critic that generation uses ({@link Guidance}) against a finished generator: a fresh
 * convolutional critic learns to tell the training users' first sessions (with their profile) from the
 * generator's, as the model will generate them, and is then judged on held-out users it never saw.
 */
final class GuidanceTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(GuidanceTrainer.class);

    /** Fewest generated first sessions the critic is judged on and {@code r_top} is read from. */
    static final int JUDGED = 2_048;

    /**
     * A trained critic and what it gives.
     *
     * @param guidance        the critic as generation uses it
     * @param criticAuc       its AUC on the held-out users' first sessions against fresh generated ones
     * @param keptAtFirstDraw the mean probability that a fresh generated first session is kept at its first draw
     * @param heldOut         held-out users judged
     * @param generated       fresh generated first sessions judged
     */
    record Trained(Guidance guidance, double criticAuc, double keptAtFirstDraw, int heldOut, int generated) {
    }

    private GuidanceTrainer() {
    }

    /**
     * @param real     the training users' first sessions with their profile, as token sequences
     * @param heldOut  the validation users' first sessions, never trained on
     * @param seed     drives the critic's weights, its batches and the generated users it sees
     * @param listener told about each pass, or {@code null}
     */
    static Trained train(GanGenerator model, List<int[]> real, List<int[]> heldOut, GanOptions options, int passes,
            long seed, GanTrainer.Listener listener) {
        model = model.withGuidance(null, null); // the critic learns the generator's own draws
        Discriminator critic = Discriminator.create(CriticNetwork.CONVOLUTIONAL, model.layout().vocabulary(),
                options.discriminatorHidden(), 1, options.discriminatorLearningRate(), Draws.stream(seed, 1));
        SplittableRandom picks = new SplittableRandom(Draws.stream(seed, 2));
        FirstSessions generated = new FirstSessions(model, Draws.stream(seed, 3));
        // judged on what it never trained on: held-out users, and generated users of a stream of their own
        List<int[]> fresh = new FirstSessions(model, Draws.stream(seed, 4)).next(Math.max(JUDGED, heldOut.size()));
        int batch = options.batchSize();
        int steps = Math.max(1, real.size() / batch);
        for (int pass = 0; pass < passes; pass++) {
            long started = System.nanoTime();
            double loss = 0;
            for (int step = 0; step < steps; step++) {
                List<int[]> realBatch = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    realBatch.add(real.get(picks.nextInt(real.size())));
                }
                // real labelled 1, no smoothing: the critic's odds then estimate the density ratio that
                // rejection sampling needs
                loss += critic.fit(realBatch, generated.next(batch), 1.0);
            }
            if (listener != null) {
                listener.onGuidancePass(pass + 1, passes, loss / steps, (System.nanoTime() - started) / 1e9);
            }
            if (LOG.isDebugEnabled()) {
                // judged as the finished critic is, below: how the passes went, for choosing their number
                CriticScorer now = CriticScorer.of(critic);
                LOG.debug("guidance critic pass {}/{}: loss {}, AUC on held-out users {}", pass + 1, passes,
                        loss / steps, Auc.of(logits(now, heldOut), logits(now, fresh)));
            }
        }
        CriticScorer scorer = CriticScorer.of(critic);
        double[] freshLogits = logits(scorer, fresh);
        double auc = Auc.of(logits(scorer, heldOut), freshLogits);
        double[] sorted = freshLogits.clone();
        Arrays.sort(sorted);
        Guidance guidance = new Guidance(critic, sorted[(int) (Guidance.TOP_QUANTILE * (sorted.length - 1))],
                Guidance.ROUNDS);
        double kept = Arrays.stream(freshLogits).map(guidance::keep).average().orElse(1);
        return new Trained(guidance, auc, kept, heldOut.size(), fresh.size());
    }

    private static double[] logits(CriticScorer scorer, List<int[]> sessions) {
        return sessions.stream().mapToDouble(scorer::logit).toArray();
    }

    /** The first sessions of a generator's users, in user order, a shard at a time. */
    private static final class FirstSessions {
        private final GanGenerator model;
        private final long seed;
        private final List<int[]> buffer = new ArrayList<>();
        private long shard;

        FirstSessions(GanGenerator model, long seed) {
            this.model = model;
            this.seed = seed;
        }

        List<int[]> next(int count) {
            while (buffer.size() < count) {
                for (List<int[]> user : model.sampleShard(shard++, seed).sessions()) {
                    buffer.add(user.get(0));
                }
            }
            List<int[]> out = new ArrayList<>(buffer.subList(0, count));
            buffer.subList(0, count).clear();
            return out;
        }
    }
}
