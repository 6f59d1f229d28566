package dev.sessiongan.cli;

import dev.sessiongan.model.GanTrainer;
import dev.sessiongan.model.TrainingHistory;
import java.io.PrintWriter;
import java.util.Locale;

/** One line per epoch on stderr: phase, losses, D(x) and D(G(z)), validation score, and time left. */
final class TrainingProgress implements GanTrainer.Listener {

    private final PrintWriter err;
    private double seconds;

    TrainingProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onEpoch(TrainingHistory.Epoch e, int total) {
        seconds += e.wallSeconds();
        double eta = seconds / e.epoch() * (total - e.epoch());
        String adversarial = "adversarial".equals(e.phase())
                ? String.format(Locale.ROOT, "  D loss %.3f  D(x) %.3f  D(G(z)) %.3f", e.discriminatorLoss(),
                        e.meanDReal(), e.meanDFake())
                : "";
        err.printf(Locale.ROOT, "epoch %d/%d %-11s G loss %.3f%s  validation AUC %.3f  %.0fs  ETA %s%n", e.epoch(), total,
                e.phase(), e.generatorLoss(), adversarial, e.validationAuc(), e.wallSeconds(), eta(eta));
        err.flush();
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
