/**
 * The session GAN: {@link dev.sessiongan.model.GanTrainer} trains a generator
 * ({@link dev.sessiongan.model.GanGenerator}) by a maximum-likelihood warm start and then adversarially against a
 * critic, configured by {@link dev.sessiongan.model.GanOptions}, and records each epoch in a
 * {@link dev.sessiongan.model.TrainingHistory}; checkpoints ({@link dev.sessiongan.model.TrainingCheckpoint})
 * let a run resume exactly. The networks are DeepLearning4J's and stay inside this package: no DL4J type is in
 * its public API. docs/gan.md describes the pipeline and what it measured.
 */
package dev.sessiongan.model;
