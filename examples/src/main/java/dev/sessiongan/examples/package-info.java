/** Runnable examples that mirror the README snippets. */
package dev.sessiongan.examples;
