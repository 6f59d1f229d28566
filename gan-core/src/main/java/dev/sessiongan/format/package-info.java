/**
 * Clickstream readers: the built-in formats in {@link dev.sessiongan.format.ClickstreamFormats}, any
 * delimited file through a {@link dev.sessiongan.format.GenericFormatSpec}, streaming
 * {@link dev.sessiongan.format.EventReader}s and bad-row handling ({@link dev.sessiongan.format.ErrorPolicy}).
 */
package dev.sessiongan.format;
