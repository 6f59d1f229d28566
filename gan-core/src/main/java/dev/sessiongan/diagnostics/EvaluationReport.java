package dev.sessiongan.diagnostics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.sessiongan.model.TrainingHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One evaluation report: the candidate's column, the Markov baseline's and real-vs-real when the
 * training data is known, the training history and equilibrium verdict when the candidate is a GAN, and a
 * plain-language summary. Written as {@code report.json}; the HTML report renders the same content.
 *
 * @param inputs      what was compared (files, users, seed)
 * @param columns     the candidate first, then the yardsticks
 * @param history     the GAN's training history, or {@code null}
 * @param equilibrium the verdict on that history, or {@code null}
 */
public record EvaluationReport(Map<String, Object> inputs, List<Evaluation> columns, TrainingHistory history,
        Verdict equilibrium) {

    public EvaluationReport {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least the candidate's column");
        }
    }

    /** A report on a candidate and its yardsticks; the equilibrium is judged from {@code history} when given. */
    public static EvaluationReport of(Map<String, Object> inputs, List<Evaluation> columns, TrainingHistory history) {
        return new EvaluationReport(inputs, columns, history, history == null ? null : Equilibrium.judge(history));
    }

    /** The candidate's column. */
    public Evaluation candidate() {
        return columns.get(0);
    }

    /** The column with this name, if any. */
    public Optional<Evaluation> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static String auc(Evaluation e) {
        int draws = e.classifierDraws().size();
        return draws < 2 ? String.format(Locale.ROOT, "%.3f", e.classifierAuc())
                : String.format(Locale.ROOT, "%.3f ± %.3f over %d draws", e.classifierAuc(), e.classifierAucSd(), draws);
    }

    private static String auc(Evaluation e, SessionFeatures.Group group) {
        return e.classifierDraws().size() < 2 ? String.format(Locale.ROOT, "%.3f", e.classifierAuc(group))
                : String.format(Locale.ROOT, "%.3f ± %.3f", e.classifierAuc(group), e.classifierAucSd(group));
    }

    /** Where a fidelity distance stands against a yardstick's. */
    public enum Standing {
        /** Closer to the holdout, beyond the draws' noise (or at all, with one draw). */
        CLOSER("closer on"),
        /** Within two standard errors of the difference: the draws cannot tell the two apart. */
        LEVEL("level on"),
        /** Further from the holdout, beyond the draws' noise (or at all, with one draw). */
        FURTHER("further on");

        private final String label;

        Standing(String label) {
            this.label = label;
        }
    }

    /**
     * Per fidelity metric, whether the candidate is closer to the holdout than {@code yardstick}, level with it
     * or further. With several draws on both sides, a difference within two standard errors (from each side's
     * spread over its draws) is level: one sample of a few thousand events moves a category or transition
     * distance by more than the gap between two good models, so a bare comparison of means names a winner
     * by chance. With one draw a side, any difference counts and only equal distances are level.
     */
    public Map<String, Standing> fidelityAgainst(Evaluation yardstick) {
        Evaluation c = candidate();
        Map<String, Double> mine = c.fidelity().asMap();
        Map<String, Double> theirs = yardstick.fidelity().asMap();
        Map<String, Double> mySd = c.fidelitySd().asMap();
        Map<String, Double> theirSd = yardstick.fidelitySd().asMap();
        int n = c.fidelityDraws().size();
        int m = yardstick.fidelityDraws().size();
        Map<String, Standing> standings = new LinkedHashMap<>();
        for (String metric : mine.keySet()) {
            double difference = mine.get(metric) - theirs.get(metric);
            double margin = n > 1 && m > 1
                    ? 2 * Math.sqrt(mySd.get(metric) * mySd.get(metric) / n + theirSd.get(metric) * theirSd.get(metric) / m)
                    : 0;
            standings.put(metric, Math.abs(difference) <= margin + 1e-9 ? Standing.LEVEL
                    : difference < 0 ? Standing.CLOSER : Standing.FURTHER);
        }
        return standings;
    }

    /** A few sentences a person reads first. */
    public List<String> summary() {
        Evaluation c = candidate();
        List<String> lines = new ArrayList<>();
        StringBuilder realism = new StringBuilder(String.format(Locale.ROOT,
                "Realism: a classifier tells %s sessions from unseen real ones with AUC %s (0.5 = indistinguishable",
                c.name(), auc(c)));
        for (Evaluation other : columns.subList(1, columns.size())) {
            realism.append(String.format(Locale.ROOT, "; %s %s", other.name(), auc(other)));
        }
        lines.add(realism.append(").").toString());
        if (columns.stream().allMatch(Evaluation::hasGroupAucs)) {
            StringBuilder groups = new StringBuilder(String.format(Locale.ROOT,
                    "Of which: on behaviour features alone (length, event types, timing, repeats) AUC %s; on catalog"
                            + " features alone (how popular its items and categories are) %s",
                    auc(c, SessionFeatures.Group.BEHAVIOUR), auc(c, SessionFeatures.Group.CATALOG)));
            for (Evaluation other : columns.subList(1, columns.size())) {
                groups.append(String.format(Locale.ROOT, "; %s %s and %s", other.name(),
                        auc(other, SessionFeatures.Group.BEHAVIOUR), auc(other, SessionFeatures.Group.CATALOG)));
            }
            lines.add(groups.append('.').toString());
        }
        if (columns.size() > 1) {
            Evaluation baseline = columns.get(1);
            Map<String, Standing> standings = fidelityAgainst(baseline);
            Map<Standing, List<String>> by = new EnumMap<>(Standing.class);
            standings.forEach((metric, standing) -> by.computeIfAbsent(standing, k -> new ArrayList<>()).add(metric));
            int n = c.fidelityDraws().size();
            int m = baseline.fidelityDraws().size();
            StringBuilder fidelity = new StringBuilder(String.format(Locale.ROOT,
                    "Fidelity: as close to the holdout as %s or closer on %d of %d metrics", baseline.name(),
                    standings.size() - by.getOrDefault(Standing.FURTHER, List.of()).size(), standings.size()));
            for (Standing standing : Standing.values()) {
                if (by.containsKey(standing)) {
                    fidelity.append("; ").append(standing.label).append(' ').append(String.join(", ", by.get(standing)));
                }
            }
            if (n > 1 && m > 1) {
                fidelity.append(String.format(Locale.ROOT, " (level: within two standard errors of the difference,"
                        + " over %s)", n == m ? n + " draws each" : n + " and " + m + " draws"));
            }
            lines.add(fidelity.append('.').toString());
        }
        lines.add("Mode collapse: " + c.modeCollapse().verdict() + ".");
        if (c.privacy() != null) {
            lines.add("Privacy: " + c.privacy().verdict() + ".");
        }
        String tstr = String.format(Locale.ROOT, "Train on synthetic, test on real: a next-item recommender fitted on"
                + " %s hits %.1f %% @ 20 on the holdout", c.name(), 100 * c.nextItem().hitRate());
        for (Evaluation other : columns.subList(1, columns.size())) {
            tstr += String.format(Locale.ROOT, " (%s %.1f %%)", other.name(), 100 * other.nextItem().hitRate());
        }
        lines.add(tstr + ".");
        if (equilibrium != null) {
            lines.add("Equilibrium: " + equilibrium + ".");
        }
        return lines;
    }

    /** The whole report as JSON ({@code NaN} written as {@code null}). */
    public void writeJson(OutputStream out) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("report", "sessiongan evaluation");
        m.put("inputs", inputs);
        m.put("summary", summary());
        m.put("columns", columns.stream().map(Evaluation::asMap).toList());
        if (columns.size() > 1) {
            Map<String, Object> against = new LinkedHashMap<>();
            against.put("yardstick", columns.get(1).name());
            fidelityAgainst(columns.get(1)).forEach((metric, s) -> against.put(metric, s.name().toLowerCase(Locale.ROOT)));
            m.put("fidelity_against_yardstick", against);
        }
        if (history != null) {
            m.put("training_history", history);
            m.put("equilibrium_verdict", equilibrium);
            m.put("equilibrium_d_loss", Equilibrium.LN2);
        }
        JSON.writeValue(out, m);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .registerModule(new SimpleModule().addSerializer(Double.class, new FiniteOrNull())
                    .addSerializer(Double.TYPE, new FiniteOrNull()));

    /** JSON has no NaN: undefined figures (e.g. D(x) in a warm-start epoch) are written as null. */
    private static final class FiniteOrNull extends StdSerializer<Double> {
        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
