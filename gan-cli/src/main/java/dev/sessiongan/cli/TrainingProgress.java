package dev.sessiongan.cli;

import dev.sessiongan.model.CalibrationReport;
import dev.sessiongan.model.GuidanceReport;
import dev.sessiongan.model.GanTrainer;
import dev.sessiongan.model.TrainingHistory;
import dev.sessiongan.model.TrainingPhase;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** One line per epoch on stderr: phase, losses, D(x) and D(G(z)), validation score, and time left. */
final class TrainingProgress implements GanTrainer.Listener {

    private final PrintWriter err;
    private final int warmStartEpochs;
    private final int adversarialEpochs;
    private double warmStartSeconds;
    private int warmStartDone;
    private double adversarialSeconds;
    private int adversarialDone;

    /**
     * @param earlier the epochs a resumed run trained before (none for a new run): their times start the
     *                estimate, so a run resumed in the adversarial phase does not extrapolate from nothing
     */
    TrainingProgress(PrintWriter err, int warmStartEpochs, int adversarialEpochs, List<TrainingHistory.Epoch> earlier) {
        this.err = err;
        this.warmStartEpochs = warmStartEpochs;
        this.adversarialEpochs = adversarialEpochs;
        earlier.forEach(this::time);
    }

    private void time(TrainingHistory.Epoch e) {
        if (e.phase() == TrainingPhase.WARM_START) {
            warmStartSeconds += e.wallSeconds();
            warmStartDone++;
        } else {
            adversarialSeconds += e.wallSeconds();
            adversarialDone++;
        }
    }

    @Override
    public void onEpoch(TrainingHistory.Epoch e, int total) {
        boolean warmStart = e.phase() == TrainingPhase.WARM_START;
        time(e);
        // the phases differ tenfold in epoch time, so each is extrapolated from its own epochs
        double perWarmStart = warmStartSeconds / Math.max(1, warmStartDone);
        double perAdversarial = adversarialDone > 0 ? adversarialSeconds / adversarialDone : 10 * perWarmStart;
        // epochs left from the epoch's number and the planned total, which shrinks when a phase stops early
        // (patience), so a resumed run's estimate is right too
        int warmStartLeft = warmStart ? total - adversarialEpochs - e.epoch() : 0;
        int adversarialLeft = warmStart ? adversarialEpochs : total - e.epoch();
        double eta = warmStartLeft * perWarmStart + adversarialLeft * perAdversarial;
        String adversarial = !warmStart
                ? String.format(Locale.ROOT, "  D loss %.3f  D(x) %.3f  D(G(z)) %.3f%s%s", e.discriminatorLoss(),
                        e.meanDReal(), e.meanDFake(), Double.isNaN(e.dualityGap()) ? ""
                                : String.format(Locale.ROOT, "  gap %.3f", e.dualityGap()),
                        Double.isNaN(e.attributeDReal()) ? "" : String.format(Locale.ROOT, "  A(x) %.3f  A(G(z)) %.3f",
                                e.attributeDReal(), e.attributeDFake()))
                        + (Double.isNaN(e.criticAuc()) ? "" : String.format(Locale.ROOT,
                                "  critic AUC %.3f  reward weight %.2f", e.criticAuc(), e.rewardWeight()))
                : "";
        String groups = Double.isNaN(e.validationAucBehaviour()) ? "" : String.format(Locale.ROOT,
                " (behaviour %.3f, catalog %.3f)", e.validationAucBehaviour(), e.validationAucCatalog());
        err.printf(Locale.ROOT, "epoch %d/%d %s: G loss %.3f%s  validation AUC %.3f%s  score %.3f  %.0fs  ETA %s%n",
                e.epoch(), total, e.phase(), e.generatorLoss(), adversarial, e.validationAuc(), groups,
                e.validationScore(), e.wallSeconds(), eta(eta));
        if (warmStart && warmStartLeft == 0 && e.epoch() < warmStartEpochs) {
            err.printf(Locale.ROOT, "warm start stopped early after epoch %d of %d (patience)%n", e.epoch(),
                    warmStartEpochs);
        }
        err.flush();
    }

    @Override
    public void onCalibration(CalibrationReport r) {
        err.printf(Locale.ROOT, "calibration (%d rounds of %,d users): token distance %.4f -> %.4f, validation AUC"
                + " %.3f -> %.3f, score %.3f -> %.3f: %s%n", r.rounds(), r.usersPerRound(), r.tokenDistanceBefore(),
                r.tokenDistanceAfter(), r.validationAucBefore(), r.validationAucAfter(), r.validationScoreBefore(),
                r.validationScoreAfter(), r.decision());
        err.flush();
    }

    @Override
    public void onGuidancePass(int pass, int passes, double criticLoss, double seconds) {
        err.printf(Locale.ROOT, "critic for generation: pass %d/%d, loss %.4f  %.0fs  ETA %s%n", pass, passes,
                criticLoss, seconds, eta(seconds * (passes - pass)));
        err.flush();
    }

    @Override
    public void onGuidance(GuidanceReport r) {
        err.println(r.describe());
        err.flush();
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
