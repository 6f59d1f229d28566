package dev.sessiongan.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The two phases of GAN training, in the order they run. The training history names them by their labels,
 * {@code mle} and {@code adversarial}, as model files always have.
 */
public enum TrainingPhase {

    /** Maximum likelihood with teacher forcing. */
    WARM_START("mle"),

    /** The generator against the critic, with the likelihood term as a regulariser. */
    ADVERSARIAL("adversarial");

    private final String label;

    TrainingPhase(String label) {
        this.label = label;
    }

    /** The name the history, {@code train} and {@code diagnose} give the phase. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The phase a history names {@code label}. */
    @JsonCreator
    public static TrainingPhase ofLabel(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown training phase \"" + label
                        + "\" (expected \"mle\" or \"adversarial\")"));
    }

    @Override
    public String toString() {
        return label;
    }
}
