/**
 * Files in and out: model files ({@link dev.sessiongan.io.ModelFile}, with their
 * {@link dev.sessiongan.io.ModelManifest}), the models embedded in the jar
 * ({@link dev.sessiongan.io.EmbeddedModels}), and the writers of generated users in every
 * {@link dev.sessiongan.io.OutputFormat}. Every file is written under a temporary name and moved into place
 * only when complete ({@link dev.sessiongan.io.AtomicFile}), so a failed run never leaves a half-written file.
 */
package dev.sessiongan.io;
