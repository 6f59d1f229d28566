package dev.sessiongan.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.sessiongan.InvalidInputException;
import java.util.Arrays;

/**
 * The network the session critic reads sequences with. Options and the CLI name it by its label, {@code lstm} or
 * {@code cnn}.
 */
public enum CriticNetwork {

    /** An LSTM over the tokens, max- and mean-pooled over time (the default). */
    RECURRENT("lstm"),

    /**
     * One-dimensional convolutions of several widths (one event to five) over embedded tokens, each max-pooled
     * over time, as SeqGAN's critic: it scores a sequence by its most telling stretch wherever it lies.
     */
    CONVOLUTIONAL("cnn");

    private final String label;

    CriticNetwork(String label) {
        this.label = label;
    }

    /** The name options and the CLI give the network. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The network labelled {@code label}. */
    @JsonCreator
    public static CriticNetwork ofLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown critic network \"" + label
                        + "\" (expected \"lstm\" or \"cnn\")"));
    }

    @Override
    public String toString() {
        return label;
    }
}
