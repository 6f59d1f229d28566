package dev.sessiongan.model;

import dev.sessiongan.encoding.TokenLayout;
import java.util.Arrays;

/**
 * The per-position loss weights of a token sequence in the generator's optimiser steps: which positions a
 * real sequence's likelihood counts, and how a generated sequence's advantage is spread over its tokens.
 */
final class LossWeights {

    private LossWeights() {
    }

    /**
     * Per-position loss weights: the first event's TIME token is a placeholder and never counts; profile
     * tokens count only where the profile is the sequence's own (a user's first session, or a sample).
     */
    static float[] likelihood(int length, boolean profileCounts, float weight) {
        float[] w = new float[length];
        for (int p = 0; p < length; p++) {
            boolean profileToken = p < TokenLayout.PROFILE_TOKENS;
            w[p] = (profileToken && !profileCounts) || TokenLayout.isPlaceholder(p) ? 0f : weight;
        }
        return w;
    }

    /**
     * Per-position policy-gradient weights of a generated sequence. Each sample's total weight is its
     * standardised advantage, however long it is, so the policy gradient stays small beside the likelihood
     * term (weight 1 per real token). The session critic's advantage goes to the events only: left to it,
     * the header (profile and length class) drifted towards short sessions, which a discriminator finds
     * harder to catch. The profile tokens get the attribute critic's advantage ({@code profileAdvantage}, 0
     * without one), spread over them; the length class keeps its likelihood fit alone.
     */
    static float[] policyGradient(int length, float advantage, float profileAdvantage) {
        float[] w = new float[length];
        for (int p = 0; p < TokenLayout.PROFILE_TOKENS; p++) {
            w[p] = profileAdvantage / TokenLayout.PROFILE_TOKENS;
        }
        int counted = 0;
        for (int p = TokenLayout.HEADER_TOKENS; p < length; p++) {
            counted += TokenLayout.isPlaceholder(p) ? 0 : 1;
        }
        for (int p = TokenLayout.HEADER_TOKENS; p < length; p++) {
            w[p] = TokenLayout.isPlaceholder(p) ? 0f : advantage / Math.max(1, counted);
        }
        return w;
    }

    /** Loss weights with the header (profile and length class) masked out. */
    static float[] withoutHeader(float[] weights) {
        float[] w = weights.clone();
        Arrays.fill(w, 0, Math.min(w.length, TokenLayout.HEADER_TOKENS), 0f);
        return w;
    }

    /** Rewards centred on their mean and scaled by their standard deviation (REINFORCE's baseline). */
    static double[] standardised(double[] rewards) {
        double sum = 0;
        for (double r : rewards) {
            sum += r;
        }
        double mean = sum / rewards.length;
        double variance = 0;
        for (double r : rewards) {
            variance += (r - mean) * (r - mean);
        }
        double std = Math.sqrt(variance / rewards.length) + 1e-8;
        double[] out = new double[rewards.length];
        for (int i = 0; i < rewards.length; i++) {
            out[i] = (rewards[i] - mean) / std;
        }
        return out;
    }
}
