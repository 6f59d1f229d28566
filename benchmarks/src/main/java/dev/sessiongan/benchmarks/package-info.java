/** JMH benchmarks; figures and commands are recorded in docs/benchmarks.md. */
package dev.sessiongan.benchmarks;
