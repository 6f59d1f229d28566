/**
 * JUnit 5 support: {@link dev.sessiongan.junit.VirtualUsers} injects seeded virtual users into a test's
 * parameters, {@link dev.sessiongan.junit.VirtualUsersSource} runs a parameterized test once per user, and
 * {@link dev.sessiongan.junit.SessionGanExtension} resolves both and reports the seeds of a failed test so it can
 * be replayed.
 */
package dev.sessiongan.junit;
