/**
 * The canonical data model: {@link dev.sessiongan.data.ClickEvent}, {@link dev.sessiongan.data.UserSession},
 * {@link dev.sessiongan.data.UserHistory} and {@link dev.sessiongan.data.SessionDataset}, and the
 * {@link dev.sessiongan.data.Sessionizer} that turns a stream of events into sessions.
 */
package dev.sessiongan.data;
