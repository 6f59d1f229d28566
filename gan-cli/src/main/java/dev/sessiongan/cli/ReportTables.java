package dev.sessiongan.cli;

import dev.sessiongan.diagnostics.Evaluation;
import dev.sessiongan.diagnostics.EvaluationReport;
import dev.sessiongan.diagnostics.SessionFeatures;
import dev.sessiongan.diagnostics.Verdict;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Prints an evaluation report as terminal tables: one column per sample, one row per metric. */
final class ReportTables {

    private static final int WIDTH = 16;

    private final PrintWriter out;

    ReportTables(PrintWriter out) {
        this.out = out;
    }

    void print(EvaluationReport report, String holdoutName) {
        List<Evaluation> columns = report.columns();
        out.println("sessions compared: " + String.join(", ", columns.stream()
                .map(c -> String.format(Locale.ROOT, "%s %,d", c.name(), c.sessions())).toList()));
        out.println("classifier two-sample AUC against " + holdoutName + " (0.5 = indistinguishable)");
        table(columns, c -> {
            Map<String, Double> auc = new LinkedHashMap<>();
            boolean spread = columns.get(0).classifierDraws().size() > 1;
            auc.put("classifier_auc", c.classifierAuc());
            if (spread) {
                auc.put("classifier_auc_sd", c.classifierAucSd());
            }
            if (columns.stream().allMatch(Evaluation::hasGroupAucs)) {
                for (SessionFeatures.Group group : SessionFeatures.Group.values()) {
                    auc.put("  " + group.key() + " features", c.classifierAuc(group));
                    if (spread) {
                        auc.put("  " + group.key() + " features sd", c.classifierAucSd(group));
                    }
                }
            }
            return auc;
        });
        if (columns.stream().anyMatch(c -> c.fidelityDraws().size() > 1)) {
            out.println("fidelity: distance to " + holdoutName + " (0 = identical; mean ± standard deviation over "
                    + "the draws: " + String.join(", ", columns.stream()
                            .map(c -> c.name() + " " + c.fidelityDraws().size()).toList()) + ")");
            spreadTable(columns);
        } else {
            out.println("fidelity: distance to " + holdoutName + " (0 = identical)");
            table(columns, c -> c.fidelity().asMap());
        }
        out.println("mode collapse (against " + holdoutName + "; coverage and ratios: higher = more diverse)");
        table(columns, c -> c.modeCollapse().asMap());
        List<Evaluation> withPrivacy = columns.stream().filter(c -> c.privacy() != null).toList();
        if (!withPrivacy.isEmpty()) {
            out.println("privacy: closeness to the training users (holdout_* = unseen real users, the yardstick)");
            table(withPrivacy, c -> c.privacy().asMap());
        }
        out.println("train on synthetic, test on real: next-item hit rate @ 20 on " + holdoutName);
        table(columns, c -> Map.of("hit_rate_at_20", c.nextItem().hitRate()));
        out.println("verdicts");
        for (Evaluation c : columns) {
            verdict(c.name() + ", mode collapse", c.modeCollapse().verdict());
            if (c.privacy() != null) {
                verdict(c.name() + ", privacy", c.privacy().verdict());
            }
        }
        if (report.equilibrium() != null) {
            verdict("equilibrium", report.equilibrium());
        }
        out.println("summary");
        report.summary().forEach(line -> out.println("  " + line));
    }

    private void verdict(String what, Verdict verdict) {
        out.printf(Locale.ROOT, "  %-34s %s%n", what, verdict.label());
        verdict.findings().forEach(f -> out.println("      " + f));
    }

    private void table(List<Evaluation> columns, Function<Evaluation, Map<String, Double>> metrics) {
        out.printf(Locale.ROOT, "  %-26s", "metric");
        columns.forEach(c -> out.printf(Locale.ROOT, " %" + WIDTH + "s", clip(c.name())));
        out.println();
        for (String metric : metrics.apply(columns.get(0)).keySet()) {
            out.printf(Locale.ROOT, "  %-26s", metric);
            columns.forEach(c -> out.printf(Locale.ROOT, " %" + WIDTH + ".3f", metrics.apply(c).get(metric)));
            out.println();
        }
    }

    /** The fidelity table with each mean followed by its spread over the draws (where a column has several). */
    private void spreadTable(List<Evaluation> columns) {
        out.printf(Locale.ROOT, "  %-26s", "metric");
        columns.forEach(c -> out.printf(Locale.ROOT, " %" + WIDTH + "s", clip(c.name())));
        out.println();
        for (String metric : columns.get(0).fidelity().asMap().keySet()) {
            out.printf(Locale.ROOT, "  %-26s", metric);
            columns.forEach(c -> out.printf(Locale.ROOT, " %" + WIDTH + "s", c.fidelityDraws().size() > 1
                    ? String.format(Locale.ROOT, "%.4f ± %.4f", c.fidelity().asMap().get(metric),
                            c.fidelitySd().asMap().get(metric))
                    : String.format(Locale.ROOT, "%.4f", c.fidelity().asMap().get(metric))));
            out.println();
        }
    }

    private static String clip(String name) {
        return name.length() > WIDTH ? name.substring(0, WIDTH) : name;
    }
}
