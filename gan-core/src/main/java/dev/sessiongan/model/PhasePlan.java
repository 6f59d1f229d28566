package dev.sessiongan.model;

/**
 * Which phase a training run is in and how many epochs it plans, read from its history: the warm start
 * runs its epochs, then the adversarial phase runs its own, and early stopping ends a phase once its lowest
 * validation score is {@code patience} epochs old (a tie is not lower). Decided from the history alone, so a
 * run resumed from a checkpoint decides exactly as the run that wrote it would have.
 *
 * @param warmStartEpochs   the warm start's planned epochs
 * @param adversarialEpochs the adversarial phase's planned epochs
 * @param patience          epochs a phase may go without a lower score before it ends; 0 = never ends early
 */
record PhasePlan(int warmStartEpochs, int adversarialEpochs, int patience) {

    static PhasePlan of(GanOptions options) {
        return new PhasePlan(options.mleEpochs(), options.adversarialEpochs(), options.patience());
    }

    /** Whether the warm start has run all its epochs or stopped early. */
    boolean warmStartOver(TrainingHistory history) {
        return over(history, TrainingPhase.WARM_START);
    }

    /** Whether the adversarial phase has run all its epochs or stopped early (true while none are planned). */
    boolean adversarialPhaseOver(TrainingHistory history) {
        return over(history, TrainingPhase.ADVERSARIAL);
    }

    /** Whether both phases are over. */
    boolean finished(TrainingHistory history) {
        return warmStartOver(history) && adversarialPhaseOver(history);
    }

    /** The run's epochs as planned now: fewer than the options' once a phase has stopped early. */
    int plannedEpochs(TrainingHistory history) {
        return planned(history, TrainingPhase.WARM_START) + planned(history, TrainingPhase.ADVERSARIAL);
    }

    /** Whether {@code phase} ended before its planned epochs. */
    boolean stoppedEarly(TrainingHistory history, TrainingPhase phase) {
        return history.epochsIn(phase) < epochs(phase) && over(history, phase);
    }

    /** The phase's epochs: as many as it ran once it is over, else the options'. */
    private int planned(TrainingHistory history, TrainingPhase phase) {
        return over(history, phase) ? history.epochsIn(phase) : epochs(phase);
    }

    private boolean over(TrainingHistory history, TrainingPhase phase) {
        int done = history.epochsIn(phase);
        return done >= epochs(phase) || done > 0 && stale(history, phase);
    }

    private int epochs(TrainingPhase phase) {
        return phase == TrainingPhase.WARM_START ? warmStartEpochs : adversarialEpochs;
    }

    /** The phase's lowest score is {@code patience} epochs old, counting every epoch trained since. */
    private boolean stale(TrainingHistory history, TrainingPhase phase) {
        if (patience == 0) {
            return false;
        }
        int best = history.bestEpoch(phase).map(TrainingHistory.Epoch::epoch).orElse(0);
        return history.epochs().size() - best >= patience;
    }
}
