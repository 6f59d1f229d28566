package dev.sessiongan.model;

import dev.sessiongan.data.EventType;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.encoding.TokenLayout.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples token sequences from the network, a batch in lockstep, feeding each sampled token back as the
 * next input. END is absorbing: a finished row receives END and its outputs are ignored until half the
 * batch has finished, when the finished rows leave the batch (sessions are mostly short, a few are long:
 * without this a batch ran as long as its longest session at full width).
 *
 * <p>The header is a promise the events keep: a session ends only within its length class, a non-buyer
 * never purchases, and a buyer's first session (the one that draws the profile) holds a purchase, drawn
 * where the network puts one or, failing that, as the class's last event. Without this 35 % of buyer
 * profiles came out without any purchase on REES46 (the length class ended them first), so generated
 * users bought a quarter less often than real ones.
 */
final class SequenceSampler {

    /** Below this many rows a batch is not worth compacting: the step's fixed cost dominates. */
    static final int MIN_COMPACTION = 16;

    private final TokenNetwork network;
    private final TokenLayout layout;
    private final int maxEvents;

    SequenceSampler(TokenNetwork network, TokenLayout layout, int maxEvents) {
        this.network = network;
        this.layout = layout;
        this.maxEvents = maxEvents;
    }

    /**
     * Samples one sequence per row.
     *
     * @param forcedProfiles per row, profile tokens to force (teacher-forced), or {@code null} to sample them
     * @param randoms        per row, its random source (consumed only by that row)
     * @param noise          per row, its noise vector
     */
    List<int[]> sample(int[][] forcedProfiles, SplittableRandom[] randoms, float[][] noise) {
        return sampleWithLikelihood(forcedProfiles, randoms, noise).sequences();
    }

    /**
     * Sequences with the mean log-probability of their sampled (not forced) tokens.
     *
     * @param sequences          one token sequence per row
     * @param meanLogProbability per row, the mean log-probability of the tokens it drew
     */
    record Sample(List<int[]> sequences, double[] meanLogProbability) {
    }

    /** As {@link #sample}, keeping each row's mean token log-probability (for entropy bonuses). */
    Sample sampleWithLikelihood(int[][] forcedProfiles, SplittableRandom[] randoms, float[][] noise) {
        int batch = randoms.length;
        int endToken = layout.offset(Field.TYPE) + SessionEncoding.END;
        List<List<Integer>> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            out.add(new ArrayList<>());
        }
        boolean[] done = new boolean[batch];
        int[] events = new int[batch];
        int[] lengthClass = new int[batch];
        double[] logProbability = new double[batch];
        int[] drawn = new int[batch];
        int purchaseToken = layout.offset(Field.TYPE) + EventType.PURCHASE.ordinal();
        boolean[] purchaseDue = new boolean[batch];
        boolean[] nonBuyer = new boolean[batch];
        // the rows still in the network's batch, by position; finished rows are dropped once they are half
        int[] active = new int[batch];
        for (int b = 0; b < batch; b++) {
            active[b] = b;
        }
        int[] previous = new int[batch];
        Arrays.fill(previous, -1);
        float[][] activeNoise = noise.clone();
        int remaining = batch;
        network.reset();
        for (int p = 0; remaining > 0; p++) {
            if (remaining <= active.length / 2 && active.length >= MIN_COMPACTION) {
                int[] keep = new int[remaining];
                int[] rows = new int[remaining];
                for (int i = 0, k = 0; i < active.length; i++) {
                    if (!done[active[i]]) {
                        keep[k] = i;
                        rows[k++] = active[i];
                    }
                }
                network.keepRows(keep);
                previous = select(previous, keep);
                activeNoise = new float[remaining][];
                for (int k = 0; k < remaining; k++) {
                    activeNoise[k] = noise[rows[k]];
                }
                active = rows;
            }
            Field field = TokenLayout.fieldAt(p);
            float[][] probabilities = network.step(previous, field, activeNoise);
            for (int i = 0; i < active.length; i++) {
                int b = active[i];
                if (done[b]) {
                    previous[i] = endToken;
                    continue;
                }
                int token;
                int limit = Math.min(maxEvents, TokenLayout.maxEvents(lengthClass[b]));
                if (p < TokenLayout.PROFILE_TOKENS && forcedProfiles != null && forcedProfiles[b] != null) {
                    token = forcedProfiles[b][p];
                } else if (field == Field.TYPE && events[b] >= limit) {
                    token = endToken;
                } else if (field == Field.TYPE && purchaseDue[b] && events[b] == limit - 1) {
                    token = purchaseToken; // the session's last event, and the buyer has not bought yet
                } else {
                    int from = layout.offset(field);
                    int size = layout.size(field);
                    int excluded = -1;
                    if (field == Field.TYPE) {
                        if (events[b] < TokenLayout.minEvents(lengthClass[b]) || purchaseDue[b]) {
                            size--; // END (the field's last token) only once the session has its length and purchase
                        }
                        if (nonBuyer[b]) {
                            excluded = purchaseToken;
                        }
                    }
                    token = TokenNetwork.draw(probabilities[i], from, size, excluded, randoms[b]);
                    double mass = 0;
                    for (int t = from; t < from + size; t++) {
                        mass += t == excluded ? 0 : probabilities[i][t];
                    }
                    logProbability[b] += Math.log(Math.max(1e-12, probabilities[i][token] / Math.max(1e-12, mass)));
                    drawn[b]++;
                }
                out.get(b).add(token);
                previous[i] = token;
                if (field == Field.BUYER) {
                    boolean buyer = layout.valueOf(token, Field.BUYER) == 1;
                    nonBuyer[b] = !buyer;
                    // a buyer buys in the session that draws its profile: the first one
                    purchaseDue[b] = buyer && (forcedProfiles == null || forcedProfiles[b] == null);
                }
                if (field == Field.LENGTH) {
                    lengthClass[b] = layout.valueOf(token, Field.LENGTH);
                }
                if (field == Field.TYPE) {
                    if (token == endToken) {
                        done[b] = true;
                        remaining--;
                    } else {
                        events[b]++;
                        purchaseDue[b] &= token != purchaseToken;
                    }
                }
            }
        }
        List<int[]> sequences = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            sequences.add(out.get(b).stream().mapToInt(Integer::intValue).toArray());
            logProbability[b] /= Math.max(1, drawn[b]);
        }
        return new Sample(sequences, logProbability);
    }

    private static int[] select(int[] values, int[] positions) {
        int[] out = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            out[k] = values[positions[k]];
        }
        return out;
    }
}
