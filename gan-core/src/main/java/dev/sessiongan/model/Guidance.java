package dev.sessiongan.model;

import dev.sessiongan.encoding.TokenLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The session critic used at generation (discriminator rejection sampling, Azadi et al. 2019, within a
 * user's header): a first session the critic takes for generated is drawn again with the same profile,
 * length class and purchase, so the critic changes which sessions a user gets, never the mix of users.
 *
 * <p>Each round a session is kept with probability {@code min(1, r / r_top)}, where {@code r = D / (1 − D)}
 * is the critic's odds that it is real (for the optimal critic, the ratio of the real density to the
 * generated one) and {@code r_top} a high quantile of {@code r} over the generator's own first sessions; a
 * session not kept is drawn again, up to {@code rounds} draws in all, the last kept whatever it scores. A
 * session's coins come from its user's random stream, so guided output is deterministic by seed.
 *
 */
final class Guidance {

    /** Most draws of one first session by default: a session is kept at the latest at its eighth draw. */
    static final int ROUNDS = 8;

    /** Most draws a model may ask for (a damaged file could otherwise ask for billions). */
    static final int MOST_ROUNDS = 100;

    /** Largest {@code |log r_top|} a model may hold: beyond it every session would be kept, or none. */
    static final double MOST_TOP_LOGIT = 50;

    /** The quantile of the generator's own odds that a session at least as real-looking is always kept at. */
    static final double TOP_QUANTILE = 0.9;

    private final Discriminator network;
    private final CriticScorer critic;
    private final double topLogit;
    private final int rounds;

    /**
     * @param network  the convolutional critic without packing (what the model file keeps)
     * @param topLogit {@code log r_top}
     * @param rounds   most draws of one first session
     * @throws IllegalArgumentException if the critic cannot score at generation, or the numbers are out of range
     */
    Guidance(Discriminator network, double topLogit, int rounds) {
        if (rounds < 1 || rounds > MOST_ROUNDS) {
            throw new IllegalArgumentException("rounds must be in [1, " + MOST_ROUNDS + "], got " + rounds);
        }
        if (!(Math.abs(topLogit) <= MOST_TOP_LOGIT)) { // NaN too
            throw new IllegalArgumentException("topLogit must be in [-" + MOST_TOP_LOGIT + ", " + MOST_TOP_LOGIT
                    + "], got " + topLogit);
        }
        this.network = network;
        this.critic = CriticScorer.of(network);
        this.topLogit = topLogit;
        this.rounds = rounds;
    }

    Discriminator network() {
        return network;
    }

    CriticScorer critic() {
        return critic;
    }

    double topLogit() {
        return topLogit;
    }

    int rounds() {
        return rounds;
    }

    /** The probability that a session of critic log-odds {@code logit} is kept. */
    double keep(double logit) {
        return Math.min(1, Math.exp(logit - topLogit));
    }

    /**
     * Draws again, until kept, the first sessions the critic rejects, each with its own header and purchase
     * kept; returns the rows drawn again.
     */
    List<Integer> redrawn(SequenceSampler sampler, List<int[]> first, SplittableRandom[] randoms, float[][] noise) {
        List<Integer> open = new ArrayList<>(first.size());
        for (int b = 0; b < first.size(); b++) {
            open.add(b);
        }
        boolean[] changed = new boolean[first.size()];
        for (int round = 1; round < rounds && !open.isEmpty(); round++) {
            List<Integer> rejected = new ArrayList<>();
            for (int b : open) {
                if (randoms[b].nextDouble() >= keep(critic.logit(first.get(b)))) {
                    rejected.add(b);
                }
            }
            if (rejected.isEmpty()) {
                break;
            }
            SubBatch again = SubBatch.of(rejected, b -> Arrays.copyOf(first.get(b), TokenLayout.HEADER_TOKENS),
                    randoms, noise);
            // a session that bought is drawn again until it buys, one that did not never buys
            List<int[]> drawn = sampler.samplePlanned(again.profiles(),
                    again.flags(b -> sampler.purchases(first.get(b))),
                    again.flags(b -> !sampler.purchases(first.get(b))), again.randoms(), again.noise());
            for (int i = 0; i < rejected.size(); i++) {
                int b = rejected.get(i);
                first.set(b, drawn.get(i));
                changed[b] = true;
            }
            open = rejected;
        }
        List<Integer> rows = new ArrayList<>();
        for (int b = 0; b < changed.length; b++) {
            if (changed[b]) {
                rows.add(b);
            }
        }
        return rows;
    }
}
