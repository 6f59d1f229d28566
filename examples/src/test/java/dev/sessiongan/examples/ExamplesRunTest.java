package dev.sessiongan.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example programs run as a reader would run them, and print what the README says they print. */
class ExamplesRunTest {

    /** The REES46 holdout beside the project root (tests run in the examples folder). */
    private static final Path HOLDOUT = Path.of("..", "..", "shared", "data", "rees46_multicategory", "holdout.csv");

    @Test
    void gatlingFeederExampleWritesBothFeeders(@TempDir Path dir) throws Exception {
        String printed = run(() -> GatlingFeederExample.main(new String[] {dir.toString()}));

        assertThat(printed).contains("journeys.csv");
        assertThat(Files.readAllLines(dir.resolve("journeys.csv")).get(0))
                .isEqualTo("user_id,session_id,start,events,steps,think_times_ms");
        assertThat(Files.readString(dir.resolve("users.json"))).startsWith("[").contains("\"userId\":\"u1000\"");
    }

    @Test
    void storefrontReplayExampleReplaysTheUsersAgainstAStandIn() throws Exception {
        String printed = run(() -> StorefrontReplayExample.main(new String[0]));

        assertThat(printed).startsWith("replayed 20 users, ").containsPattern("responses  200: \\d+\\R")
                .doesNotContain("no response");
    }

    @Test
    void evaluateModelExamplePrintsTheClassifierAucAndFidelity() throws Exception {
        String printed = run(() -> EvaluateModelExample.main(new String[] {HOLDOUT.toString()}));

        assertThat(printed).containsPattern("classifier two-sample AUC 0\\.\\d{3}")
                .containsPattern("on what the sessions do alone 0\\.\\d{3}, on which items and categories alone"
                        + " 0\\.\\d{3}")
                .contains("event_type_tv").contains("mode collapse: ");
    }

    @Test
    void trainOnYourCsvExampleReadsTaobaoThroughTheGenericMapping(@TempDir Path dir) throws Exception {
        Path log = Path.of("..", "..", "shared", "data", "taobao_userbehavior", "train.csv");
        Path out = dir.resolve("synthetic.csv");

        String printed = run(() -> TrainOnYourCsvExample.main(new String[] {log.toString(), out.toString()}));

        assertThat(printed).containsPattern("read \\d+ events in \\d+ sessions").contains("wrote 1000 synthetic users");
        assertThat(Files.readAllLines(out).get(0)).startsWith("user_id,session_id,seq,timestamp,event_type");
    }

    @Test
    void trainGanExampleSavesAModelThatGenerates(@TempDir Path dir) throws Exception {
        Path train = Path.of("..", "..", "shared", "data", "rees46_multicategory", "train.csv");
        Path model = dir.resolve("gan.model");

        String printed = run(() -> TrainGanExample.main(new String[] {train.toString(), model.toString(), "1200"}));

        assertThat(printed).containsPattern("trained \\d+ epochs, kept epoch \\d+").contains("wrote " + model)
                .containsPattern("u1: \\d+ session\\(s\\), first of \\d+ events");
        assertThat(model).isRegularFile();
    }

    private interface Body {
        void run() throws Exception;
    }

    private static String run(Body body) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
