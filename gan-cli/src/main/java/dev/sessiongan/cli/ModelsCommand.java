package dev.sessiongan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sessiongan models}: the models embedded in the library, with provenance and evaluation. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists the embedded models: what they are, what they were trained on, and how they scored"
                + " against held-out real users.")
final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (EmbeddedModels.Entry entry : EmbeddedModels.list()) {
            ModelManifest m = entry.load().manifest();
            out.printf("%s: %s%n", entry.name(), entry.description());
            out.printf("  resource     %s (%,d KB)%n", entry.resource(), (entry.size() + 1023) / 1024);
            out.printf("  kind         %s%n", m.kind());
            if (m.dataset() != null) {
                ModelManifest.DatasetProvenance d = m.dataset();
                out.printf("  trained on   %s (%s): %,d events, %,d sessions, %,d users; sha256 %s%n", d.file(),
                        d.format(), d.events(), d.sessions(), d.users(), d.sha256());
            }
            out.printf("  trained      %s, seed %d, SessionGAN %s, DL4J %s, Java %s%n", m.trainedAt(), m.seed(),
                    m.library(), m.dl4j(), m.java());
            printEvaluation(entry.evaluationReport(), out);
        }
        out.flush();
        return 0;
    }

    private static void printEvaluation(Optional<String> report, PrintWriter out) throws IOException {
        if (report.isEmpty()) {
            out.println("  evaluation   none shipped");
            return;
        }
        JsonNode json = new ObjectMapper().readTree(report.get());
        JsonNode inputs = json.path("inputs");
        out.printf("  evaluation   %s users (seed %s) against %s%n", inputs.path("users").asText("?"),
                inputs.path("seed").asText("?"), inputs.path("holdout").asText("?"));
        for (JsonNode column : json.path("columns")) {
            out.printf("    %-16s classifier AUC %.3f", column.path("name").asText(),
                    column.path("classifier_auc").asDouble(Double.NaN));
            // reports written before the feature groups have no group figures
            if (column.has("classifier_auc_behaviour") && column.has("classifier_auc_catalog")) {
                out.printf(" (behaviour features %.3f, catalog features %.3f)",
                        column.path("classifier_auc_behaviour").asDouble(),
                        column.path("classifier_auc_catalog").asDouble());
            }
            out.println();
        }
        for (JsonNode line : json.path("summary")) {
            out.println("    " + line.asText());
        }
    }
}
