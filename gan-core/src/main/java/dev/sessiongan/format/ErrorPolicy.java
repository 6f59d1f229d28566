package dev.sessiongan.format;

/** What a reader does with a bad row. */
public enum ErrorPolicy {
    /** Stop at the first bad row with an error naming file, line and field (the default). */
    FAIL,
    /** Skip bad rows and count them by reason in the {@link ReadReport}. */
    SKIP
}
