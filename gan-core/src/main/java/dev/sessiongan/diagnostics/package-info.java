/**
 * Judging generators: behavioural {@link dev.sessiongan.diagnostics.SessionFeatures} and the
 * {@link dev.sessiongan.diagnostics.ClassifierTwoSampleTest} (can a classifier tell synthetic sessions
 * from real ones?).
 */
package dev.sessiongan.diagnostics;
