/**
 * The {@code sessiongan} command line ({@link dev.sessiongan.cli.SessionGanCommand}): one picocli subcommand a
 * class, each a thin front over the library that parses options, checks them, and prints through the command
 * line's writers so tests capture what a user sees. Bad input ends in a clear message naming the file, line and
 * field where there is one, never a stack trace.
 */
package dev.sessiongan.cli;
