package dev.sessiongan.model;

import dev.sessiongan.internal.Auc;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How far the generator follows the session critic: the policy gradient's weight, from how well the critic
 * tells held-out real sessions from fresh generated ones before it trains on them. A critic at chance gives a
 * reward that is noise, and a policy gradient on noise is a random walk (on Taobao one adversarial epoch of
 * about 830 such steps scored 0.569 on the rematch's draws, 0.549 with the gate, the warm start 0.529); the
 * likelihood term goes on either way.
 *
 * <p>The critic's AUC over the last {@code window} steps is compared with what chance gives samples of that
 * size (the Mann–Whitney standard error under the null): the weight is 0 up to {@value #OPEN_FROM} standard
 * errors above 0.5, rises linearly, and is 1 from {@value #FULL_AT}.
 */
final class RewardGate {

    /** Standard errors above chance at which the critic starts to be followed. */
    static final double OPEN_FROM = 2;
    /** Standard errors above chance from which it is followed fully. */
    static final double FULL_AT = 4;

    private final int window;
    private final Deque<double[]> real = new ArrayDeque<>();
    private final Deque<double[]> fake = new ArrayDeque<>();
    /** The window's AUC, computed once per step: the trainer reads it and the weight from it. */
    private double auc = Double.NaN;

    /** @param window how many recent steps' scores to judge the critic by */
    RewardGate(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.window = window;
    }

    /** Records one step's critic outputs on held-out real and fresh generated sessions, before it trains. */
    void add(double[] realScores, double[] fakeScores) {
        real.addLast(realScores.clone());
        fake.addLast(fakeScores.clone());
        if (real.size() > window) {
            real.removeFirst();
            fake.removeFirst();
        }
        auc = windowAuc();
    }

    /** The critic's AUC (real outscoring generated) over the window; NaN before any step. */
    double auc() {
        return auc;
    }

    private double windowAuc() {
        int n1 = count(real);
        int n0 = count(fake);
        if (n1 == 0 || n0 == 0) {
            return Double.NaN;
        }
        return Auc.of(scores(real, n1), scores(fake, n0));
    }

    /** The window's steps' scores in one array of {@code n}. */
    private static double[] scores(Deque<double[]> steps, int n) {
        double[] all = new double[n];
        int i = 0;
        for (double[] step : steps) {
            System.arraycopy(step, 0, all, i, step.length);
            i += step.length;
        }
        return all;
    }

    /** The policy gradient's weight in [0, 1]; 0 before any step. */
    double weight() {
        if (Double.isNaN(auc)) {
            return 0;
        }
        return weight(auc, count(real), count(fake));
    }

    /** The weight for a critic of AUC {@code auc} on {@code n1} real and {@code n0} generated sessions. */
    static double weight(double auc, int n1, int n0) {
        double standardError = Math.sqrt((n1 + n0 + 1.0) / (12.0 * n1 * n0));
        double z = (auc - 0.5) / standardError;
        return Math.min(1, Math.max(0, (z - OPEN_FROM) / (FULL_AT - OPEN_FROM)));
    }

    private static int count(Deque<double[]> steps) {
        int n = 0;
        for (double[] step : steps) {
            n += step.length;
        }
        return n;
    }
}
