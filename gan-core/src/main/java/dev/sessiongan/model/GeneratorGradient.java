package dev.sessiongan.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.sessiongan.InvalidInputException;
import java.util.Arrays;

/**
 * How the generator learns from the session critic in the adversarial phase. Options and the CLI name it by its
 * label, {@code policy} or {@code straight-through}.
 */
public enum GeneratorGradient {

    /**
     * A policy gradient (REINFORCE, as SeqGAN): each generated session's tokens are weighted by its standardised
     * reward log D(x), one number a session (the default).
     */
    POLICY("policy"),

    /**
     * Straight-through: the critic's gradient with respect to each sampled one-hot token, plus what the token does
     * to every later one as the generator's next input, carried back to the logits through the field's softmax
     * (the sampled token forward, the softmax's gradient backward), so every token learns which others would
     * have looked more real. Biased, as straight-through estimators are, with less variance than a policy
     * gradient. Needs a critic without packing.
     */
    STRAIGHT_THROUGH("straight-through");

    private final String label;

    GeneratorGradient(String label) {
        this.label = label;
    }

    /** The name options and the CLI give the gradient. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The gradient labelled {@code label}. */
    @JsonCreator
    public static GeneratorGradient ofLabel(String label) {
        return Arrays.stream(values()).filter(g -> g.label.equals(label)).findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown generator gradient \"" + label
                        + "\" (expected \"policy\" or \"straight-through\")"));
    }

    @Override
    public String toString() {
        return label;
    }
}
