package dev.sessiongan.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of the generator's weights (Polyak averaging; Yazıcı et al., "The Unusual
 * Effectiveness of Averaging in GAN Training", 2019). On a small dataset successive epochs' weights swing
 * the validation score by ±0.05; their average moves smoothly, so the epoch kept is less a matter of luck.
 * Early updates follow the weights closely, as TensorFlow's {@code ExponentialMovingAverage} does with
 * {@code num_updates}, so the average does not remember the random initialisation.
 */
final class WeightAverage {

    private final double decay;
    private final INDArray average;
    private long updates;

    WeightAverage(double decay, INDArray weights, long updates) {
        this.decay = decay;
        this.average = weights.dup();
        this.updates = updates;
    }

    /** Folds in the weights after one more optimiser step. */
    void update(INDArray weights) {
        updates++;
        double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
        average.muli(d).addi(weights.mul(1 - d));
    }

    /** The averaged weights (a live view: copy before keeping). */
    INDArray weights() {
        return average;
    }

    /** Optimiser steps folded in so far. */
    long updates() {
        return updates;
    }
}
