package dev.sessiongan.examples;

import dev.sessiongan.UserSimulator;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.Evaluation;
import dev.sessiongan.diagnostics.SessionFeatures;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's {@code sessiongan evaluate} in Java: how far the embedded model's users are from real users it
 * never saw. The CLI adds the Markov baseline, real-vs-real, repeated draws and an HTML report, which the
 * Java API does not offer as one call.
 */
public final class EvaluateModelExample {

    private EvaluateModelExample() {
    }

    /** Evaluates against the REES46 holdout, or the REES46-format file given. */
    public static void main(String[] args) {
        Path holdoutFile = Path.of(args.length > 0 ? args[0] : "../shared/data/rees46_multicategory/holdout.csv");
        List<UserSession> holdout = ClickstreamFormats.rees46().read(holdoutFile, ReadOptions.DEFAULT).dataset()
                .sessions();
        List<UserSession> synthetic = UserSimulator.defaultModel().users(GenerationRequest.of(2_000, 1))
                .flatMap(user -> user.sessions().stream()).toList();

        Evaluation evaluation = Evaluation.of("embedded model", synthetic, holdout, null, 1);

        System.out.printf("classifier two-sample AUC %.3f (0.5 = indistinguishable from real)%n",
                evaluation.classifierAuc());
        System.out.printf("  on what the sessions do alone %.3f, on which items and categories alone %.3f%n",
                evaluation.classifierAuc(SessionFeatures.Group.BEHAVIOUR),
                evaluation.classifierAuc(SessionFeatures.Group.CATALOG));
        evaluation.fidelity().asMap().forEach((metric, distance) ->
                System.out.printf("  %-22s %.4f%n", metric, distance));
        System.out.println("mode collapse: " + evaluation.modeCollapse().verdict().label());
    }
}
