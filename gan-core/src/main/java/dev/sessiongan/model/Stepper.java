package dev.sessiongan.model;

import dev.sessiongan.encoding.TokenLayout;

/** A generator network advanced one token at a time over a batch of sequences, for sampling. */
interface Stepper {

    /** Starts a fresh batch. */
    void reset();

    /**
     * Advances every sequence of the batch by one position and returns the softmax over the vocabulary,
     * row per sequence.
     */
    float[][] step(int[] previousTokens, TokenLayout.Field field, float[][] noiseVectors);

    /** Keeps only the given rows of the batch (their recurrent state, in this order). */
    void keepRows(int[] rows);
}
