/**
 * Virtual users replayed against a storefront over HTTP: each event becomes a request
 * ({@link dev.sessiongan.replay.RequestTemplate}), sent after the pause the user took before it, with the
 * user's cookies kept between requests; {@link dev.sessiongan.replay.StorefrontReplay} runs them on a pool
 * of workers and reports status codes, transport errors and latencies ({@link dev.sessiongan.replay.ReplayReport}).
 */
package dev.sessiongan.replay;
