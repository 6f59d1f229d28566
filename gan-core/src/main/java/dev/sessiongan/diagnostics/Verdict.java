package dev.sessiongan.diagnostics;

import java.util.List;

/**
 * A diagnostic's conclusion in words, with the rules that produced it, so a reader can check the
 * reasoning: e.g. {@code discriminator dominating} because "mean D(real) > 0.8 and D(G(z)) < 0.2 from
 * epoch 43 on".
 *
 * @param label    short conclusion, e.g. {@code converging} or {@code mode collapse}
 * @param ok       whether the conclusion is good news
 * @param findings one sentence per rule that fired (or, when none did, the rules that were checked)
 */
public record Verdict(String label, boolean ok, List<String> findings) {

    public Verdict {
        findings = List.copyOf(findings);
    }

    @Override
    public String toString() {
        return label + (findings.isEmpty() ? "" : ": " + String.join("; ", findings));
    }
}
