package dev.sessiongan.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long write, on standard error so that standard output can carry the data: a redrawn bar
 * with rate and ETA on a terminal (me.tongfei progressbar), a plain line every
 * {@value #LINE_INTERVAL_NANOS} ns otherwise (a CI log or a file should not fill with carriage returns),
 * nothing when switched off.
 */
abstract class GenerationProgress implements AutoCloseable {

    /** How progress is shown. */
    enum Mode {
        /** A bar on a terminal, lines otherwise. */
        AUTO,
        /** Always the redrawn bar. */
        BAR,
        /** Always plain lines. */
        LINES,
        /** Nothing. */
        NONE
    }

    static final long LINE_INTERVAL_NANOS = 10_000_000_000L;

    /**
     * Starts showing progress towards {@code total} users.
     *
     * @param terminal whether the user watches a terminal (for {@link Mode#AUTO})
     */
    static GenerationProgress start(Mode mode, long total, boolean terminal, PrintWriter err) {
        Mode resolved = mode == Mode.AUTO ? (terminal ? Mode.BAR : Mode.LINES) : mode;
        return switch (resolved) {
            case NONE -> new Silent();
            case LINES -> new Lines(total, err, System.nanoTime());
            default -> new Bar(new ProgressBarBuilder()
                    .setTaskName("users")
                    .setInitialMax(total)
                    .setUnit(" users", 1)
                    .showSpeed()
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250)
                    .build());
        };
    }

    /** One more user written. */
    abstract void step();

    /** Shows the final state and stops. */
    @Override
    public abstract void close();

    private static final class Silent extends GenerationProgress {
        @Override
        void step() {
        }

        @Override
        public void close() {
        }
    }

    private static final class Bar extends GenerationProgress {
        private final ProgressBar bar;

        Bar(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        void step() {
            bar.step();
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** A line when a step lands {@value #LINE_INTERVAL_NANOS} ns after the last one, and a last line. */
    static final class Lines extends GenerationProgress {
        private final long total;
        private final PrintWriter err;
        private final long started;
        private long done;
        private long lastLine;

        Lines(long total, PrintWriter err, long startedNanos) {
            this.total = total;
            this.err = err;
            this.started = startedNanos;
            this.lastLine = startedNanos;
        }

        @Override
        void step() {
            done++;
            long now = System.nanoTime();
            if (now - lastLine >= LINE_INTERVAL_NANOS) {
                lastLine = now;
                err.println(line(done, total, now - started));
                err.flush();
            }
        }

        @Override
        public void close() {
            err.println(line(done, total, System.nanoTime() - started));
            err.flush();
        }

        /** e.g. {@code users 120,000/1,000,000 (12%), 4,100 users/s, ETA 3m34s}. */
        static String line(long done, long total, long elapsedNanos) {
            double seconds = Math.max(1e-9, elapsedNanos / 1e9);
            double rate = done / seconds;
            String eta = done >= total ? "done in " + duration(seconds)
                    : rate > 0 ? "ETA " + duration((total - done) / rate) : "ETA ?";
            return String.format(Locale.ROOT, "users %,d/%,d (%d%%), %,.0f users/s, %s", done, total,
                    total == 0 ? 100 : done * 100 / total, rate, eta);
        }

        private static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                    : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                    : String.format(Locale.ROOT, "%.1fs", seconds);
        }
    }
}
