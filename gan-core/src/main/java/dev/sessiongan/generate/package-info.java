/**
 * Generating virtual users: the {@link dev.sessiongan.generate.SessionGenerator} every model implements,
 * {@link dev.sessiongan.generate.GenerationRequest}, and the {@link dev.sessiongan.generate.VirtualUser}
 * and {@link dev.sessiongan.generate.UserProfile} it produces.
 */
package dev.sessiongan.generate;
