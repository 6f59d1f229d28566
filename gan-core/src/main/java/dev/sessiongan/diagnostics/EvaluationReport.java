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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
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
    public java.util.Optional<Evaluation> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static String auc(Evaluation e) {
        int draws = e.classifierAucDraws().size();
        return draws < 2 ? String.format(Locale.ROOT, "%.3f", e.classifierAuc())
                : String.format(Locale.ROOT, "%.3f ± %.3f over %d draws", e.classifierAuc(), e.classifierAucSd(), draws);
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
        if (columns.size() > 1) {
            Evaluation baseline = columns.get(1);
            Map<String, Double> mine = c.fidelity().asMap();
            Map<String, Double> theirs = baseline.fidelity().asMap();
            List<String> behind = new ArrayList<>();
            for (String metric : mine.keySet()) {
                if (mine.get(metric) > theirs.get(metric) + 1e-9) {
                    behind.add(metric);
                }
            }
            lines.add(String.format(Locale.ROOT, "Fidelity: as close to the holdout as %s or closer on %d of %d metrics%s",
                    baseline.name(), mine.size() - behind.size(), mine.size(),
                    behind.isEmpty() ? "." : "; further on " + String.join(", ", behind) + "."));
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
