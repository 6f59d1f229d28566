package dev.sessiongan.model;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link GanTrainer.Listener} that logs each epoch and the calibration through SLF4J at INFO. */
public final class LoggingListener implements GanTrainer.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingListener.class);

    @Override
    public void onEpoch(TrainingHistory.Epoch e, int totalEpochs) {
        if (LOG.isInfoEnabled()) {
            LOG.info(String.format(Locale.ROOT,
                    "epoch %d/%d %s: G loss %.4f, D loss %.4f, D(x) %.3f, D(G(z)) %.3f, |grad G| %.3f, |grad D| %.3f,"
                            + " critic AUC %.3f, reward weight %.2f, validation AUC %.3f (behaviour %.3f, catalog %.3f),"
                            + " score %.3f, %.1f s",
                    e.epoch(), totalEpochs, e.phase(), e.generatorLoss(), e.discriminatorLoss(), e.meanDReal(),
                    e.meanDFake(), e.generatorGradientNorm(), e.discriminatorGradientNorm(), e.criticAuc(),
                    e.rewardWeight(), e.validationAuc(), e.validationAucBehaviour(), e.validationAucCatalog(),
                    e.validationScore(), e.wallSeconds()));
        }
    }

    @Override
    public void onCalibration(CalibrationReport r) {
        if (LOG.isInfoEnabled()) {
            LOG.info(String.format(Locale.ROOT,
                    "calibration: token distance %.4f -> %.4f, validation AUC %.3f -> %.3f, score %.3f -> %.3f, %s",
                    r.tokenDistanceBefore(), r.tokenDistanceAfter(), r.validationAucBefore(), r.validationAucAfter(),
                    r.validationScoreBefore(), r.validationScoreAfter(), r.decision()));
        }
    }

    @Override
    public void onGuidancePass(int pass, int passes, double criticLoss, double seconds) {
        if (LOG.isInfoEnabled()) {
            LOG.info(String.format(Locale.ROOT, "critic for generation: pass %d/%d, loss %.4f, %.1f s", pass, passes,
                    criticLoss, seconds));
        }
    }

    @Override
    public void onGuidance(GuidanceReport r) {
        LOG.info("{}", r.describe());
    }
}
