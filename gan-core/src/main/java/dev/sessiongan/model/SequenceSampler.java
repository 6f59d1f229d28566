package dev.sessiongan.model;

import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.encoding.TokenLayout.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples token sequences from the network, a batch in lockstep, feeding each sampled token back as the
 * next input. END is absorbing: a finished row keeps receiving END and its outputs are ignored.
 */
final class SequenceSampler {

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
        int[] previous = new int[batch];
        Arrays.fill(previous, -1);
        boolean[] done = new boolean[batch];
        int[] events = new int[batch];
        int[] lengthClass = new int[batch];
        double[] logProbability = new double[batch];
        int[] drawn = new int[batch];
        int remaining = batch;
        network.reset();
        for (int p = 0; remaining > 0; p++) {
            Field field = TokenLayout.fieldAt(p);
            float[][] probabilities = network.step(previous, field, noise);
            for (int b = 0; b < batch; b++) {
                if (done[b]) {
                    previous[b] = endToken;
                    continue;
                }
                int token;
                if (p < TokenLayout.PROFILE_TOKENS && forcedProfiles != null && forcedProfiles[b] != null) {
                    token = forcedProfiles[b][p];
                } else if (field == Field.TYPE && events[b] >= Math.min(maxEvents, TokenLayout.maxEvents(lengthClass[b]))) {
                    token = endToken;
                } else {
                    int from = layout.offset(field);
                    int size = layout.size(field);
                    if (field == Field.TYPE && events[b] < TokenLayout.minEvents(lengthClass[b])) {
                        size--; // END (the field's last token) only once the session reaches its length class
                    }
                    token = TokenNetwork.draw(probabilities[b], from, size, randoms[b]);
                    double mass = 0;
                    for (int i = from; i < from + size; i++) {
                        mass += probabilities[b][i];
                    }
                    logProbability[b] += Math.log(Math.max(1e-12, probabilities[b][token] / Math.max(1e-12, mass)));
                    drawn[b]++;
                }
                out.get(b).add(token);
                previous[b] = token;
                if (field == Field.LENGTH) {
                    lengthClass[b] = layout.valueOf(token, Field.LENGTH);
                }
                if (field == Field.TYPE) {
                    if (token == endToken) {
                        done[b] = true;
                        remaining--;
                    } else {
                        events[b]++;
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
}
