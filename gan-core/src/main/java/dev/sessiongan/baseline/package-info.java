/**
 * The honest baseline: a first-order Markov chain over (event type, category) states
 * ({@link dev.sessiongan.baseline.MarkovTrainer}, {@link dev.sessiongan.baseline.MarkovGenerator}).
 */
package dev.sessiongan.baseline;
