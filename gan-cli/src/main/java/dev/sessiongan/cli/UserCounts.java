package dev.sessiongan.cli;

/** The bounds of {@code --users}: a typo of a few digits should fail at once, not fill a disk or the heap. */
final class UserCounts {

    /** Streamed to a file: a billion users' events CSV is about 300 GB. */
    static final long MOST_STREAMED = 1_000_000_000L;
    /** Evaluated or diagnosed: the users are held in memory. */
    static final long MOST_HELD = 1_000_000L;

    private UserCounts() {
    }

    static void require(long users, long most) {
        require(users, 1, most);
    }

    /** With a lower bound too: {@code evaluate}'s two-sample test needs a few users' sessions. */
    static void require(long users, long least, long most) {
        if (users < least || users > most) {
            throw new UsageException(String.format("--users must be between %,d and %,d%s, got %,d", least, most,
                    most == MOST_STREAMED ? " (a billion users' events CSV is about 300 GB)"
                            : " (they are held in memory)", users));
        }
    }
}
