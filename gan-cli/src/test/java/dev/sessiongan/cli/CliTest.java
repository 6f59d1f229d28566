package dev.sessiongan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.model.TrainingHistory;
import dev.sessiongan.model.TrainingPhase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI through picocli with captured output, on the real REES46 split. */
class CliTest {

    private static final Path DATA = dataDir();
    private static final String TRAIN = DATA.resolve("rees46_multicategory/train.csv").toString();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err, byte[] stdout) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine cli = SessionGanCommand.commandLine(bytes);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString(), bytes.toByteArray());
    }

    @Test
    void inspectSummarisesTheRealSplit() {
        Run run = run("inspect", "--format", "rees46", TRAIN);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("events      14,074").contains("purchase").contains("date range  2019-10-01T00:00:00Z");
    }

    @Test
    void trainThenGenerateTwiceGivesIdenticalBytes() throws IOException {
        Path model = dir.resolve("m.model");
        assertThat(run("train", "--model", "markov", "--format", "rees46", "--data", TRAIN, "--out", model.toString())
                .exitCode()).isZero();

        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        assertThat(run("generate", "--model-file", model.toString(), "--users", "500", "--seed", "1", "--out", a.toString())
                .exitCode()).isZero();
        run("generate", "--model-file", model.toString(), "--users", "500", "--seed", "1", "--out", b.toString());
        run("generate", "--model-file", model.toString(), "--users", "500", "--seed", "2", "--out", c.toString());

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b)).isNotEqualTo(Files.readAllBytes(c));
        assertThat(Files.readAllLines(a).get(0)).isEqualTo("user_id,session_id,seq,timestamp,event_type,item_id,category_id,price");
    }

    @Test
    void trainsATinyGanAndGeneratesFromIt() throws IOException {
        Path model = dir.resolve("gan.model");

        Run train = run("train", "--model", "gan", "--format", "rees46", "--limit", "2000", "--data", TRAIN,
                "--epochs", "1", "--adversarial-epochs", "1", "--hidden", "16", "--seed", "5",
                "--attribute-weight", "1", "--calibration-rounds", "2", "--out", model.toString());

        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.err()).contains("epoch 1/2 mle: G loss").contains("A(G(z)) ")
                .containsPattern("validation AUC 0\\.\\d{3} \\(behaviour 0\\.\\d{3}, catalog 0\\.\\d{3}\\)")
                .containsPattern("calibration \\(2 rounds of [0-9,]+ users\\): token distance .* (kept|not kept) \\(validation AUC");
        Run diagnose = run("diagnose", "--model-file", model.toString());
        assertThat(diagnose.exitCode()).as(diagnose.err()).isZero();
        assertThat(diagnose.out()).contains("(gan)").contains("    2 adversarial").contains("equilibrium: ")
                .contains("behav.").contains("catalog features alone")
                .containsPattern("calibration: 2 rounds of [0-9,]+ users; .*(kept|not kept) \\(validation AUC");
        Path users = dir.resolve("users.jsonl");
        Run generate = run("generate", "--model-file", model.toString(), "--users", "20", "--output-format", "jsonl",
                "--out", users.toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        assertThat(Files.readAllLines(users)).hasSize(20);
        assertThat(run("train", "--model", "markov", "--format", "rees46", "--data", TRAIN, "--epochs", "3", "--out",
                dir.resolve("m.model").toString()).err()).contains("only apply to --model gan");

        // a critic for generation, trained afterwards for the finished model on the same data
        Path guided = dir.resolve("guided.model");
        Run guide = run("train", "--model", "gan", "--format", "rees46", "--limit", "2000", "--data", TRAIN,
                "--guide", model.toString(), "--guidance-passes", "1", "--out", guided.toString());
        assertThat(guide.exitCode()).as(guide.err()).isZero();
        String report = "critic for generation \\(1 pass\\): AUC 0\\.\\d{3} on held-out users, \\d+ % of first sessions"
                + " kept at their first draw; validation AUC 0\\.\\d{3} -> 0\\.\\d{3}: (used|not used) \\(";
        assertThat(guide.err()).containsPattern(report)
                .containsPattern("critic for generation: pass 1/1, loss 0\\.\\d{4}  \\d+s  ETA 0m00s");
        assertThat(guide.out()).startsWith("trained a critic for the gan on ").contains(" events (");
        assertThat(guide.err()).doesNotContain("kept epoch");
        assertThat(run("diagnose", "--model-file", guided.toString()).out()).containsPattern(report);
        Run wrongSlice = run("train", "--model", "gan", "--format", "rees46", "--limit", "1500", "--data", TRAIN,
                "--guide", model.toString(), "--out", dir.resolve("g2.model").toString());
        assertThat(wrongSlice.exitCode()).isEqualTo(1);
        assertThat(wrongSlice.err()).contains("this model was not trained on this data");
        Path otherFile = dir.resolve("first-rows.csv");
        List<String> otherRows = new ArrayList<>(Files.readAllLines(Path.of(TRAIN)).subList(0, 2_001));
        otherRows.add("a row the reader would skip");
        Files.write(otherFile, otherRows);
        Run wrongFile = run("train", "--model", "gan", "--format", "rees46", "--data", otherFile.toString(),
                "--guide", model.toString(), "--out", dir.resolve("g2.model").toString());
        assertThat(wrongFile.exitCode()).isEqualTo(2);
        assertThat(wrongFile.err()).contains("was trained on train.csv (SHA-256 ").contains("not on first-rows.csv")
                .doesNotContain("skipped"); // refused before the file is read
        byte[] before = Files.readAllBytes(model);
        assertThat(run("train", "--model", "gan", "--format", "rees46", "--limit", "2000", "--data", TRAIN, "--guide",
                model.toString(), "--out", model.toString()).err())
                .startsWith("error: --out " + model + " names the same file as --guide");
        assertThat(Files.readAllBytes(model)).isEqualTo(before);
        Path markov = dir.resolve("m.model");
        assertThat(run("train", "--format", "rees46", "--limit", "2000", "--data", TRAIN, "--out", markov.toString())
                .exitCode()).isZero();
        assertThat(run("train", "--model", "gan", "--format", "rees46", "--limit", "2000", "--data", TRAIN, "--guide",
                markov.toString(), "--out", dir.resolve("g2.model").toString()).err())
                .contains("is a markov model; a critic guides GAN models only");
        assertThat(dir.resolve("g2.model")).doesNotExist();
    }

    @Test
    void theProgressDisplaySaysWhenTheWarmStartStopsEarlyAndCountsDownWhatIsLeft() {
        StringWriter text = new StringWriter();
        TrainingProgress progress = new TrainingProgress(new PrintWriter(text), 10, 2, List.of());
        // ten warm-start epochs and two adversarial planned; the warm start stops after epoch 3 (total 12 -> 5)
        progress.onEpoch(epoch(1, TrainingPhase.WARM_START, 10), 12);
        progress.onEpoch(epoch(2, TrainingPhase.WARM_START, 10), 12);
        progress.onEpoch(epoch(3, TrainingPhase.WARM_START, 10), 5);
        progress.onEpoch(epoch(4, TrainingPhase.ADVERSARIAL, 100), 5);

        List<String> lines = text.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("epoch 1/12 mle").endsWith("ETA 4m50s"); // 9 x 10 s + 2 x 100 s
        assertThat(lines.get(2)).startsWith("epoch 3/5 mle").endsWith("ETA 3m20s"); // 2 x 100 s
        assertThat(lines.get(3)).isEqualTo("warm start stopped early after epoch 3 of 10 (patience)");
        assertThat(lines.get(4)).startsWith("epoch 4/5 adversarial").endsWith("ETA 1m40s");
        assertThat(lines).hasSize(5);
    }

    @Test
    void aResumedRunsProgressEstimatesFromTheEpochsBeforeTheResume() {
        StringWriter text = new StringWriter();
        // resumed after three warm-start epochs (10 s each) and one adversarial (100 s), of 3 + 3 planned
        List<TrainingHistory.Epoch> earlier = List.of(epoch(1, TrainingPhase.WARM_START, 10),
                epoch(2, TrainingPhase.WARM_START, 10), epoch(3, TrainingPhase.WARM_START, 10),
                epoch(4, TrainingPhase.ADVERSARIAL, 100));
        TrainingProgress progress = new TrainingProgress(new PrintWriter(text), 3, 3, earlier);

        progress.onEpoch(epoch(5, TrainingPhase.ADVERSARIAL, 80), 6);

        assertThat(text.toString().lines().toList()).singleElement().asString()
                .startsWith("epoch 5/6 adversarial").endsWith("ETA 1m30s"); // one epoch of (100 s + 80 s) / 2
    }

    private static TrainingHistory.Epoch epoch(int n, TrainingPhase phase, double seconds) {
        double nan = Double.NaN;
        return new TrainingHistory.Epoch(n, phase, 0.5, 0.5, 0.69, 1.0, 1.0, 1.0, 0.6, seconds,
                0.69, 0.7, nan, nan, nan, nan, nan, nan, nan);
    }

    @Test
    void checkpointThenResume() throws IOException {
        Path checkpoint = dir.resolve("run.ckpt");
        String[] common = {"train", "--model", "gan", "--format", "rees46", "--limit", "2000", "--data", TRAIN};
        Run first = run(concat(common, "--epochs", "1", "--adversarial-epochs", "0", "--hidden", "16", "--checkpoint",
                checkpoint.toString(),
                "--out", dir.resolve("a.model").toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(checkpoint).exists();

        Run resumed = run(concat(common, "--resume", checkpoint.toString(), "--out", dir.resolve("b.model").toString()));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(run(concat(common, "--resume", checkpoint.toString(), "--epochs", "4", "--out",
                dir.resolve("c.model").toString())).err()).contains("takes the run's options from the checkpoint");
        assertThat(run(concat(common, "--resume", TRAIN, "--out", dir.resolve("d.model").toString())).err())
                .contains("not a SessionGAN training checkpoint");
        // a resumed run may go on saving to the checkpoint it resumed from (read whole first), not its model there
        Run again = run(concat(common, "--resume", checkpoint.toString(), "--checkpoint", checkpoint.toString(),
                "--out", dir.resolve("e.model").toString()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(run(concat(common, "--resume", checkpoint.toString(), "--out", checkpoint.toString())).err())
                .startsWith("error: --out " + checkpoint + " names the same file as --resume");
        assertThat(run(concat(common, "--resume", checkpoint.toString(), "--out", dir.resolve("f.model").toString()))
                .exitCode()).isZero();
    }

    @Test
    void realVersusRealDrawsWholeTrainingUsersUntilTheyHaveTheCandidatesSessions() {
        SessionDataset training = ClickstreamFormats.rees46().read(Path.of(TRAIN), ReadOptions.DEFAULT).dataset();

        List<UserSession> sample = EvaluateCommand.realSample(training, 1_000, 3);

        assertThat(sample.size()).isBetween(1_000, 1_019);
        Map<String, Long> perUser = sample.stream().collect(Collectors.groupingBy(UserSession::userId,
                Collectors.counting()));
        training.users().stream().filter(u -> perUser.containsKey(u.userId()))
                .forEach(u -> assertThat(perUser.get(u.userId())).isEqualTo(u.sessions().size()));
        assertThat(EvaluateCommand.realSample(training, 1_000, 3)).isEqualTo(sample);
        assertThat(EvaluateCommand.realSample(training, 1_000, 4)).isNotEqualTo(sample);
        assertThat(EvaluateCommand.realSample(training, 5_000, 3)).isSameAs(training.sessions());
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void evaluatePutsTheModelBesideTheBaselineAndRealVersusReal() throws IOException {
        String holdout = DATA.resolve("rees46_multicategory/holdout.csv").toString();
        Path report = dir.resolve("report");

        Run run = run("evaluate", "--format", "rees46", "--holdout", holdout, "--train", TRAIN, "--users", "1000",
                "--out", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("warning");
        assertThat(run.out()).containsPattern("sessions compared: embedded model 1,\\d{3}, markov baseline 1,\\d{3},"
                + " real vs real 1,\\d{3}");
        assertThat(run.out()).contains("embedded model").contains("markov baseline").contains("real vs real")
                .contains("event_type_tv").contains("item_rank_shape_js").contains("prdc_coverage")
                .contains("membership_auc").contains("hit_rate_at_20").contains("summary");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.resolve("report.json").toFile());
        assertThat(json.get("columns")).hasSize(3);
        assertThat(json.at("/columns/2/name").asText()).isEqualTo("real vs real");
        assertThat(json.at("/columns/2/classifier_auc").asDouble()).isBetween(0.45, 0.6);
        // the same test on behaviour and on catalog features alone, for every column
        assertThat(json.at("/columns/2/classifier_auc_catalog").asDouble()).isBetween(0.4, 0.62);
        assertThat(json.at("/columns/0/classifier_auc_behaviour").asDouble()).isBetween(0.4, 0.7);
        assertThat(run.out()).contains("behaviour features").contains("catalog features").contains("Of which");
        // 1,000 users have fewer sessions than the 4,080 training ones: real vs real compares as many, whole users
        int sessions = json.at("/columns/0/sessions").asInt();
        assertThat(sessions).isBetween(1_000, 2_000);
        assertThat(json.at("/columns/2/sessions").asInt()).isBetween(sessions, sessions + 20);
        assertThat(json.at("/columns/0/privacy_verdict/label").asText()).isEqualTo("no sign of copying");
        assertThat(json.at("/columns/0/charts/lengthShare")).hasSize(20);
        assertThat(json.get("summary").size()).isGreaterThanOrEqualTo(4);
        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).contains("echarts.init").contains("\"classifier_auc_catalog\"").contains("Apache")
                .contains("data-charts-rendered");
        // the inlined JSON and library cannot close the script element they sit in
        String data = html.substring(html.indexOf("id=\"report-data\">"));
        assertThat(data.substring(0, data.indexOf("</script>"))).contains("\"columns\"");
    }

    @Test
    void evaluateReportsTheBaselineAlone() throws IOException {
        Path report = dir.resolve("baseline");

        Run run = run("evaluate", "--format", "rees46", "--baseline", "--holdout",
                DATA.resolve("rees46_multicategory/holdout.csv").toString(), "--train", TRAIN, "--users", "500",
                "--repeats", "3", "--out", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.resolve("report.json").toFile());
        assertThat(json.get("columns")).hasSize(2);
        assertThat(json.at("/columns/0/name").asText()).isEqualTo("markov baseline");
        // three draws, each its own sample: they differ, and the reported AUC is their mean
        com.fasterxml.jackson.databind.JsonNode draws = json.at("/columns/0/classifier_auc_draws");
        assertThat(draws).hasSize(3);
        assertThat(draws.get(0).asDouble()).isNotEqualTo(draws.get(1).asDouble());
        assertThat(json.at("/columns/0/classifier_auc").asDouble()).isCloseTo(
                (draws.get(0).asDouble() + draws.get(1).asDouble() + draws.get(2).asDouble()) / 3,
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.at("/columns/0/classifier_auc_sd").asDouble()).isPositive();
        assertThat(run.out()).contains("classifier_auc_sd").contains("over 3 draws").contains("behaviour features sd");
        assertThat(json.at("/columns/0/classifier_auc_behaviour_draws")).hasSize(3);
        // the fidelity distances carry their spread over the draws, in the JSON and the table
        assertThat(json.at("/columns/0/fidelity_sd/category_js").asDouble()).isPositive();
        assertThat(json.at("/columns/0/fidelity_draws")).hasSize(3);
        assertThat(run.out()).contains("mean ± standard deviation over the draws: markov baseline 3")
                .containsPattern("category_js +0\\.\\d{4} ± 0\\.\\d{4}");
        assertThat(run("evaluate", "--format", "rees46", "--baseline", "--holdout", TRAIN).err())
                .contains("--baseline needs --train");
    }

    @Test
    void evaluateAndDiagnoseWarnWhenTheHoldoutIsAnotherSourcesData() {
        String taobao = DATA.resolve("taobao_userbehavior/UserBehavior_first43users.csv").toString();
        Run evaluate = run("evaluate", "--format", "taobao", "--users", "100", "--holdout", taobao);
        Run diagnose = run("diagnose", "--format", "taobao", "--users", "100", "--holdout", taobao);

        for (Run run : List.of(evaluate, diagnose)) {
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).contains("warning: the model was trained on rees46 data (train.csv) and the holdout"
                    + " is read as taobao: its items and categories will hardly match");
        }
    }

    @Test
    void aSessionGapThatSplitsNothingIsSaid() {
        String note = "note: --session-gap not used: every event has its session id";
        String taobao = DATA.resolve("taobao_userbehavior/UserBehavior_first43users.csv").toString();

        Run withIds = run("inspect", "--format", "rees46", "--limit", "300", "--session-gap", "10m", TRAIN);
        Run withoutIds = run("inspect", "--format", "taobao", "--session-gap", "10m", taobao);
        Run notGiven = run("inspect", "--format", "rees46", "--limit", "300", TRAIN);

        assertThat(withIds.exitCode()).as(withIds.err()).isZero();
        assertThat(withIds.err()).contains(TRAIN + ": " + note);
        assertThat(withoutIds.exitCode()).as(withoutIds.err()).isZero();
        assertThat(withoutIds.err()).doesNotContain(note);
        assertThat(notGiven.err()).doesNotContain(note);
    }

    @Test
    void evaluateChecksItsReportFolderBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "keep me");
        Files.createDirectories(dir.resolve("rep/report.json"));

        Run onAFile = run("evaluate", "--format", "rees46", "--holdout", TRAIN, "--out", file.toString());
        Run under = run("evaluate", "--format", "rees46", "--holdout", TRAIN, "--out", file.resolve("sub").toString());
        Run taken = run("evaluate", "--format", "rees46", "--holdout", TRAIN, "--out", dir.resolve("rep").toString());
        Run stdout = run("evaluate", "--format", "rees46", "--holdout", TRAIN, "--out", "-");

        for (Run run : List.of(onAFile, under, taken, stdout)) {
            // the file system's state exits 1, a form no folder can take 2
            assertThat(run.exitCode()).as(run.err()).isEqualTo(run == stdout ? 2 : 1);
            assertThat(run.out()).isEmpty(); // no report printed before the error
        }
        assertThat(onAFile.err()).startsWith("error: --out " + file + ": " + file + " is a file, not a folder");
        assertThat(under.err()).startsWith("error: --out " + file.resolve("sub") + ": " + file + " is a file");
        assertThat(taken.err()).contains("report.json: it is a folder");
        assertThat(stdout.err()).startsWith("error: --out -: evaluate writes a folder");
        assertThat(Files.readString(file)).isEqualTo("keep me");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertThat(run("evaluate", "--format", "rees46", "--holdout", TRAIN, "--out", "/proc/rep").err())
                    .startsWith("error: --out /proc/rep: cannot create a folder in /proc");
        }
    }

    @Test
    void tooFewSessionsAreNamedWithTheirFileBeforeAnyGenerating() throws IOException {
        Path one = Files.writeString(dir.resolve("one.csv"), "user_id,session_id,seq,timestamp,event_type,item_id,"
                + "category_id,price\nu1,s1,0,2026-01-01T00:00:00Z,view,i1,c1,\nu1,s1,1,2026-01-01T00:01:00Z,view,i2,c1,\n");
        StringBuilder singles = new StringBuilder("user_id,session_id,seq,timestamp,event_type,item_id,category_id,price\n");
        for (int u = 0; u < 6; u++) {
            singles.append("u").append(u).append(",s").append(u).append(",0,2026-01-01T00:00:00Z,view,i1,c1,\n");
        }
        Path single = Files.writeString(dir.resolve("single.csv"), singles);

        Run evaluate = run("evaluate", "--format", "events-csv", "--holdout", one.toString());
        Run diagnose = run("diagnose", "--format", "events-csv", "--holdout", one.toString());
        Run privacy = run("evaluate", "--format", "events-csv", "--holdout", single.toString(), "--train",
                single.toString());

        assertThat(evaluate.exitCode()).isEqualTo(1);
        assertThat(evaluate.err()).isEqualTo("error: " + one + ": 1 session; evaluate needs at least 5 held-out"
                + " sessions (the two-sample test's folds)" + System.lineSeparator());
        assertThat(diagnose.exitCode()).isEqualTo(1);
        assertThat(diagnose.err()).startsWith("error: " + one + ": 1 session; the mode-collapse check needs at least 2");
        assertThat(diagnose.out()).isEmpty(); // the history is not half printed
        assertThat(privacy.err()).startsWith("error: " + single + ": no session has 2 or more events; the privacy"
                + " figures (with --train) compare such sessions");
        // training sessions of one event but a few: the baseline fitted on them draws none of two, said before the work
        Path few = Files.writeString(dir.resolve("few.csv"), singles + "u9,s9,0,2026-01-01T00:00:00Z,view,i1,c1,\n"
                + "u9,s9,1,2026-01-01T00:01:00Z,view,i2,c1,\n");
        Run baseline = run("evaluate", "--format", "events-csv", "--baseline", "--holdout", few.toString(), "--train",
                few.toString(), "--users", "5");
        assertThat(baseline.err()).startsWith("error: the Markov baseline's 5 generated users: no session has 2 or"
                + " more events");
        assertThat(baseline.out()).isEmpty();
    }

    @Test
    void diagnosePrintsTheVerdicts() throws IOException {
        Run withoutData = run("diagnose");
        Run withData = run("diagnose", "--format", "rees46", "--holdout",
                DATA.resolve("rees46_multicategory/holdout.csv").toString(), "--users", "500");

        assertThat(withoutData.exitCode()).as(withoutData.err()).isZero();
        assertThat(withoutData.out()).contains("embedded model (gan)").contains("kept epoch")
                .containsPattern("equilibrium: (converging|drifting|oscillating|discriminator dominating|generator stalled)")
                .contains("mode collapse: no mode collapse").contains("training data's profile");
        assertThat(withData.exitCode()).as(withData.err()).isZero();
        assertThat(withData.out()).contains("mode collapse: no mode collapse").contains("prdc_coverage");
    }

    @Test
    void generateOnSeveralThreadsWritesTheSameBytes() throws IOException {
        Path one = dir.resolve("one.csv");
        Path three = dir.resolve("three.csv");
        // a pass of the embedded model's tail and some more: two blocks, generated at once
        assertThat(run("generate", "--users", "4000", "--seed", "3", "--progress", "none", "--out", one.toString())
                .exitCode()).isZero();
        Run ahead = run("generate", "--users", "4000", "--seed", "3", "--threads", "3", "--progress", "none",
                "--out", three.toString());

        assertThat(ahead.exitCode()).as(ahead.err()).isZero();
        assertThat(Files.readAllBytes(three)).isEqualTo(Files.readAllBytes(one));
        Run absurd = run("generate", "--users", "5", "--threads", "0", "--out", dir.resolve("x.csv").toString());
        assertThat(absurd.exitCode()).isEqualTo(2);
        assertThat(absurd.err()).contains("--threads must be between 1 and 256, got 0");
    }

    @Test
    void generateWritesJsonlToStdout() throws IOException {
        Path model = dir.resolve("m.model");
        run("train", "--format", "rees46", "--limit", "2000", "--data", TRAIN, "--out", model.toString());

        Run run = run("generate", "--model-file", model.toString(), "--users", "3", "--output-format", "jsonl", "--out", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(new String(run.stdout(), java.nio.charset.StandardCharsets.UTF_8).lines())
                .hasSize(3).allMatch(l -> l.startsWith("{\"userId\":\"u"));
    }

    @Test
    void generateConditionsUsersAndFailsCleanlyWhenItCannot() throws IOException {
        Path buyers = dir.resolve("buyers.jsonl");
        Path none = dir.resolve("none.csv");

        Run ok = run("generate", "--users", "50", "--buyers-only", "--condition", "min-session-length=2",
                "--output-format", "jsonl", "--out", buyers.toString());
        Run impossible = run("generate", "--users", "5", "--condition", "preferred-category=nope", "--out",
                none.toString());
        Run tooLong = run("generate", "--users", "5", "--condition", "min-session-length=1000", "--out",
                none.toString());
        Run bad = run("generate", "--users", "5", "--condition", "colour=red", "--out", none.toString());

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(Files.readAllLines(buyers)).hasSize(50).allMatch(l -> l.contains("\"buyer\":true"));
        assertThat(impossible.exitCode()).isEqualTo(1);
        assertThat(impossible.err()).contains("preferred-category=nope").contains("can never be met")
                .contains("no category 'nope'");
        assertThat(tooLong.exitCode()).isEqualTo(1);
        assertThat(tooLong.err()).contains("min-session-length=1000").contains("at most 50 events");
        assertThat(none).doesNotExist();
        assertThat(bad.err()).contains("unknown key 'colour'");
    }

    @Test
    void newItemsStandInForADealtOutLongTailOnlyWhenAskedAndOnlyWhereAModelCan() throws IOException {
        Path closed = dir.resolve("closed.csv");
        Path open = dir.resolve("open.csv");
        Path none = dir.resolve("none.csv");
        Path markov = dir.resolve("m.model");
        run("train", "--format", "rees46", "--data", TRAIN, "--out", markov.toString());

        Run plain = run("generate", "--users", "3000", "--seed", "4", "--out", closed.toString(), "--progress", "none");
        Run withNew = run("generate", "--users", "3000", "--seed", "4", "--new-items", "--out", open.toString(),
                "--progress", "none");
        Run refused = run("generate", "--model-file", markov.toString(), "--users", "5", "--new-items", "--out",
                none.toString());
        Run notWithBaseline = run("evaluate", "--format", "rees46", "--baseline", "--new-items", "--holdout",
                DATA.resolve("rees46_multicategory/holdout.csv").toString(), "--train", TRAIN);

        assertThat(withNew.exitCode()).as(withNew.err()).isZero();
        List<String> real = Files.readAllLines(closed);
        List<String> grown = Files.readAllLines(open);
        // the same sessions' lengths (the network's draws do not depend on items); dealt-out tail draws became
        // new items
        assertThat(grown).hasSameSizeAs(real);
        assertThat(real).noneMatch(l -> l.contains(",new-"));
        long fresh = grown.stream().filter(l -> l.contains(",new-4-0-")).count();
        assertThat(fresh).isPositive().isLessThan(grown.size() / 10);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("cannot emit items new to the catalog");
        assertThat(none).doesNotExist();
        assertThat(notWithBaseline.exitCode()).isEqualTo(2);
        assertThat(notWithBaseline.err()).contains("--new-items");
    }

    @Test
    void generateWritesOneFilePerUserForJMeterAndAnInteractionLog() throws IOException {
        Path folder = dir.resolve("users");
        Path log = dir.resolve("log.csv");

        Run perUser = run("generate", "--users", "12", "--output-format", "per-user-csv", "--out", folder.toString(),
                "--progress", "lines");
        Run interactions = run("generate", "--users", "12", "--output-format", "interactions-csv", "--out",
                log.toString(), "--progress", "none");
        Run again = run("generate", "--users", "3", "--output-format", "per-user-csv", "--out", folder.toString());
        Run piped = run("generate", "--users", "3", "--output-format", "per-user-csv", "--out", "-");

        assertThat(perUser.exitCode()).as(perUser.err()).isZero();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(12).contains("user-1.csv", "user-12.csv");
        }
        assertThat(Files.readAllLines(folder.resolve("user-1.csv")).get(0)).isEqualTo(
                "session,step,event_type,item_id,category_id,price,think_time_ms,timestamp");
        assertThat(perUser.err()).containsPattern("users 12/12 \\(100%\\), [0-9,]+ users/s, done in ");
        assertThat(interactions.exitCode()).as(interactions.err()).isZero();
        assertThat(interactions.err()).doesNotContain("users/s");
        assertThat(Files.readAllLines(log)).allMatch(l -> l.matches("\\d+,\\d+,[1-4],\\d+"));
        assertThat(Files.readAllLines(dir.resolve("log-ids.csv"))).startsWith("kind,number,id", "user,1,u1");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("needs a new or empty folder");
        assertThat(piped.exitCode()).isEqualTo(2);
        assertThat(piped.err()).contains("cannot go to standard output");
    }

    @Test
    void modelsListsTheEmbeddedModelWithItsEvaluation() {
        Run run = run("models");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("default: ").contains("trained on   train.csv (rees46): 14,074 events")
                .containsPattern("real vs real +classifier AUC 0\\.5\\d\\d \\(behaviour features 0\\.\\d{3}, catalog"
                        + " features 0\\.\\d{3}\\)").contains("Realism: ").contains("Of which: ");
    }

    @Test
    void convertWritesCanonicalEvents() throws IOException {
        Path out = dir.resolve("events.csv");

        Run run = run("convert", "--format", "taobao", DATA.resolve("taobao_userbehavior/UserBehavior_first43users.csv")
                .toString(), "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(4_322);
        assertThat(run.out()).contains("43 users, 722 sessions, 4,321 events");
    }

    @Test
    void badInputIsOneLineOnStderrWithExitCodeOne() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"),
                "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n"
                        + "2019-13-01 00:00:00 UTC,view,1,10,,acme,5.00,7,s1\n");

        Run run = run("inspect", "--format", "rees46", bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly("error: " + bad + ":2: column 'event_time': cannot parse"
                + " '2019-13-01 00:00:00 UTC' as time (pattern yyyy-MM-dd HH:mm:ss 'UTC')");
    }

    @Test
    void theSyntheticFileIsReadAsEveryInputIsAndCheckedBeforeTheBaselineIsDrawn() throws IOException {
        String header = "user_id,session_id,seq,timestamp,event_type,item_id,category_id,price\n";
        StringBuilder users = new StringBuilder(header);
        for (int u = 0; u < 6; u++) {
            users.append("u").append(u).append(",s").append(u).append(",0,2026-01-01T00:00:00Z,view,i1,c1,\n")
                    .append("u").append(u).append(",s").append(u).append(",1,2026-01-01T00:01:00Z,view,i").append(u)
                    .append(",c1,\n");
        }
        Path holdout = Files.writeString(dir.resolve("real.csv"), users);
        Path synthetic = Files.writeString(dir.resolve("synthetic.csv"), users + "u9,s9,0,not a time,view,i1,c1,\n");
        Path one = Files.writeString(dir.resolve("one.csv"), header + "u1,s1,0,2026-01-01T00:00:00Z,view,i1,c1,\n"
                + "u1,s1,1,2026-01-01T00:01:00Z,view,i2,c1,\n");

        Run skipped = run("evaluate", "--format", "events-csv", "--on-error", "skip", "--holdout", holdout.toString(),
                "--synthetic", synthetic.toString());
        // training users of one event but one: the baseline fitted on them would fail too, after the file
        StringBuilder singles = new StringBuilder(header);
        for (int u = 0; u < 6; u++) {
            singles.append("u").append(u).append(",s").append(u).append(",0,2026-01-01T00:00:00Z,view,i1,c1,\n");
        }
        Path few = Files.writeString(dir.resolve("few.csv"), singles + "u9,s9,0,2026-01-01T00:00:00Z,view,i1,c1,\n"
                + "u9,s9,1,2026-01-01T00:01:00Z,view,i2,c1,\n");
        Run tooSmall = run("evaluate", "--format", "events-csv", "--holdout", holdout.toString(), "--train",
                few.toString(), "--synthetic", one.toString(), "--users", "5");

        assertThat(skipped.exitCode()).isZero();
        assertThat(skipped.err()).contains(synthetic + ": skipped 1 bad rows of 13: unparsable time (1 row)");
        assertThat(tooSmall.exitCode()).isEqualTo(1);
        assertThat(tooSmall.err()).isEqualTo("error: " + one + ": 1 session; evaluate needs at least 5 synthetic"
                + " sessions (the two-sample test's folds)" + System.lineSeparator());
    }

    @Test
    void replaySendsTheUsersRequestsAndReportsWhatTheStorefrontAnswered() throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("X-Test"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path report = dir.resolve("replay.json");

            Run dry = run("replay", "--base-url", base, "--users", "5", "--seed", "3", "--dry-run",
                    "--request", "view=GET /p/{item}");
            Run replay = run("replay", "--base-url", base, "--users", "5", "--seed", "3", "--time-scale", "0",
                    "--request", "view=GET /p/{item}", "--header", "X-Test: yes", "--report", report.toString());

            assertThat(dry.exitCode()).as(dry.err()).isZero();
            List<String> planned = new String(dry.stdout(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            // the --request given replaces view's default, and only view's
            assertThat(planned).anyMatch(l -> l.startsWith("GET " + base + "/p/"))
                    .noneMatch(l -> l.contains("/product/"))
                    .allMatch(l -> l.startsWith("GET " + base + "/p/") || l.startsWith("POST " + base + "/orders/")
                            || l.startsWith("POST " + base + "/cart/items/"));
            assertThat(replay.exitCode()).as(replay.err()).isZero();
            assertThat(received).hasSize(planned.size()).allMatch(r -> r.endsWith(" yes"));
            assertThat(received.stream().map(r -> r.substring(0, r.lastIndexOf(' '))).toList())
                    .containsExactlyInAnyOrderElementsOf(planned.stream()
                            .map(l -> l.substring(0, l.indexOf(" pause_ms=")).replace(base, "")).toList());
            assertThat(replay.out()).startsWith("replayed 5 users, " + planned.size() + " requests in ")
                    .contains("responses  204: " + planned.size());
            assertThat(Files.readString(report)).contains("\"requests\" : " + planned.size())
                    .contains("\"204\" : " + planned.size()).contains("\"outcome\" : \"complete\"");
            assertThat(run("replay", "--base-url", base, "--dry-run", "--report", report.toString()).err())
                    .startsWith("error: --report: a dry run sends nothing");
        } finally {
            server.stop(0);
        }
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run unanswered = run("replay", "--base-url", "http://127.0.0.1:" + closed, "--users", "20", "--time-scale",
                "0", "--concurrency", "1", "--max-errors", "3");
        assertThat(unanswered.exitCode()).isEqualTo(1);
        assertThat(unanswered.out()).contains("stopped: 3 requests got no response")
                .contains("no response  connection refused: 3");
        assertThat(unanswered.err()).contains("error: http://127.0.0.1:" + closed + ": 3 requests got no response"
                + " (connection refused: 3); is the storefront up?");
    }

    @Test
    void skipPolicyReportsCountsAndGoesOn() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"),
                "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session\n"
                        + "2019-13-01 00:00:00 UTC,view,1,10,,acme,5.00,7,s1\n"
                        + "2019-10-01 00:00:00 UTC,view,1,10,,acme,5.00,7,s1\n");

        Run run = run("inspect", "--format", "rees46", "--on-error", "skip", bad.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("skipped 1 bad rows of 2: unparsable time (1 row)");
    }

    @Test
    void failedGenerationLeavesNoOutputFile() throws IOException {
        Path corrupt = Files.writeString(dir.resolve("corrupt.model"), "PK not really");
        Path out = dir.resolve("users.csv");

        Run run = run("generate", "--model-file", corrupt.toString(), "--users", "10", "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + corrupt + ": corrupt");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(corrupt);
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("generate", "--users", "10").exitCode()).isEqualTo(2);
        assertThat(run("frobnicate").exitCode()).isEqualTo(2);
        // options given values they cannot take, or that do not go together: named, and exit code 2 too
        String model = dir.resolve("m.model").toString();
        String users = dir.resolve("u.csv").toString();
        Map<List<String>, String> usage = new LinkedHashMap<>();
        usage.put(List.of("inspect", "--format", "retailrocket", "--spec", "s.json", TRAIN),
                "--spec: not read by format 'retailrocket'");
        usage.put(List.of("inspect", "--format", "yoochoose", "--catalog", "c.csv", TRAIN),
                "--catalog: not read by format 'yoochoose'");
        usage.put(List.of("inspect", "--format", "generic", "--buys", "b.dat", "--item-col", "i", "--time-col", "t",
                TRAIN), "--buys: not read by format 'generic'");
        usage.put(List.of("inspect", "--format", "generic", "--spec", "s.json", "--item-col", "i", "--delimiter", ";",
                TRAIN), "--delimiter, --item-col: not with --spec; put them in the spec");
        usage.put(List.of("inspect", "--format", "generic", "--item-col", "i", "--time-col", "t",
                "--catalog-item-col", "i", TRAIN), "--catalog-item-col: given without --catalog FILE");
        usage.put(List.of("inspect", "--format", "parquet", TRAIN), "--format: unknown format 'parquet'");
        usage.put(List.of("inspect", "--format", "rees46", "--on-error", "ignore", TRAIN),
                "--on-error must be fail or skip, got 'ignore'");
        usage.put(List.of("inspect", "--format", "rees46", "--limit", "0", TRAIN), "--limit must be >= 1, got 0");
        usage.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--epochs", "-1", "--out",
                model), "--epochs: mle epochs must be in [0, 10000], got -1");
        usage.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--packing", "3", "--out",
                model), "--packing: batch size 64 must be a multiple of packing 3");
        usage.put(List.of("generate", "--users", "5", "--condition", "colour=red", "--out", users),
                "--condition: unknown key 'colour'");
        usage.put(List.of("generate", "--users", "5", "--condition", "buyer=true", "--condition", "buyer=false",
                "--out", users), "--condition: buyer given twice (true, false)");
        usage.put(List.of("generate", "--users", "5", "--condition", "min-session-length=0", "--out", users),
                "--condition min-session-length must be at least 1, got 0");
        usage.put(List.of("generate", "--users", "5", "--condition", "min-session-length=5,max-session-length=2",
                "--out", users), "--condition min-session-length=5 is above max-session-length=2");
        usage.put(List.of("evaluate", "--format", "rees46", "--holdout", TRAIN, "--synthetic", users, "--model-file",
                model), "--model-file: not used with --synthetic (it evaluates the file as it is)");
        usage.put(List.of("evaluate", "--format", "rees46", "--holdout", TRAIN, "--synthetic", users, "--users", "9"),
                "--users: not used with --synthetic");
        usage.put(List.of("diagnose", "--format", "rees46", "--limit", "5"),
                "--format, --limit: only used with --holdout FILE");
        // picocli's own parse errors: one line in our words and a pointer to the help, not the whole usage
        usage.put(List.of("evaluate", "--format", "rees46", "--holdout", TRAIN, "--users", "abc"),
                "--users: 'abc' is not a whole number" + System.lineSeparator() + "see 'sessiongan evaluate --help'"
                        + System.lineSeparator());
        usage.put(List.of("evaluate", "--format", "rees46", "--holdout", TRAIN, "--seed", "9223372036854775808"),
                "--seed: '9223372036854775808' is not a whole number within ±9,223,372,036,854,775,807");
        for (Map.Entry<List<String>, String> u : usage.entrySet()) {
            Run run = run(u.getKey().toArray(String[]::new));
            assertThat(run.exitCode()).as(u.getKey().toString()).isEqualTo(2);
            assertThat(run.err()).as(u.getKey().toString()).startsWith("error: " + u.getValue());
        }
        assertThat(dir.resolve("m.model")).doesNotExist();
        assertThat(dir.resolve("u.csv")).doesNotExist();
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        Path data = dir.resolve("data.csv");
        Files.write(data, Files.readAllLines(Path.of(TRAIN)).subList(0, 400));
        byte[] original = Files.readAllBytes(data);
        Path model = dir.resolve("m.model");
        assertThat(run("train", "--format", "rees46", "--data", data.toString(), "--out", model.toString()).exitCode())
                .isZero();
        byte[] modelBytes = Files.readAllBytes(model);
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), data.getFileName());
        Map<List<String>, String> refused = new LinkedHashMap<>();
        refused.put(List.of("convert", "--format", "rees46", "--out", data.toString(), data.toString()),
                "--out " + data + " names the same file as the input: writing it would replace that input");
        refused.put(List.of("train", "--format", "rees46", "--data", data.toString(), "--out", link.toString()),
                "--out " + link + " names the same file as --data");
        refused.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", data.toString(), "--checkpoint",
                data.toString(), "--out", dir.resolve("g.model").toString()), "--checkpoint " + data
                + " names the same file as --data");
        refused.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", data.toString(), "--checkpoint",
                model.toString(), "--out", model.toString()), "--checkpoint " + model + " names the same file as --out "
                + model + ": give each its own path");
        refused.put(List.of("generate", "--model-file", model.toString(), "--users", "3", "--out", model.toString()),
                "--out " + model + " names the same file as --model-file");
        // evaluate's report files: a model kept as report.json in the report folder
        Path reports = Files.createDirectories(dir.resolve("rep"));
        Path modelInReports = Files.write(reports.resolve("report.json"), modelBytes);
        refused.put(List.of("evaluate", "--format", "rees46", "--model-file", modelInReports.toString(), "--holdout",
                data.toString(), "--users", "50", "--out", reports.toString()), "--out " + reports + ": "
                + modelInReports + " names the same file as --model-file");
        // the catalog a spec names, not only the --catalog option
        Path catalog = Files.writeString(dir.resolve("items.csv"), "item,cat\n1,10\n");
        byte[] catalogBytes = Files.readAllBytes(catalog);
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"userColumn\": \"user_id\", \"itemColumn\":"
                + " \"product_id\", \"timeColumn\": \"event_time\", \"defaultEventType\": \"view\","
                + " \"catalog\": {\"file\": \"items.csv\","
                + " \"itemColumn\": \"item\", \"categoryColumn\": \"cat\"}}");
        refused.put(List.of("convert", "--format", "generic", "--spec", spec.toString(), "--out", catalog.toString(),
                data.toString()), "--out " + catalog + " names the same file as the catalog that --spec names");

        for (Map.Entry<List<String>, String> r : refused.entrySet()) {
            Run run = run(r.getKey().toArray(String[]::new));
            assertThat(run.exitCode()).as(r.getKey().toString()).isEqualTo(2);
            assertThat(run.err()).as(r.getKey().toString()).startsWith("error: " + r.getValue());
        }
        assertThat(Files.readAllBytes(data)).isEqualTo(original);
        assertThat(Files.readAllBytes(model)).isEqualTo(modelBytes);
        assertThat(Files.readAllBytes(modelInReports)).isEqualTo(modelBytes);
        assertThat(reports.resolve("report.html")).doesNotExist();
        assertThat(Files.readAllBytes(catalog)).isEqualTo(catalogBytes);
        assertThat(link).isSymbolicLink();
        assertThat(dir.resolve("g.model")).doesNotExist();
    }

    @Test
    void checkpointOptionsAndAModelToStandardOutputAreUsageErrors() {
        String model = dir.resolve("t.model").toString();
        String checkpoint = dir.resolve("t.ckpt").toString();
        Map<List<String>, String> usage = new LinkedHashMap<>();
        usage.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--checkpoint", checkpoint,
                "--checkpoint-every", "0", "--out", model), "--checkpoint-every: must be at least 1 epoch, got 0");
        usage.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--checkpoint-every", "2",
                "--out", model), "--checkpoint-every: give --checkpoint FILE too");
        usage.put(List.of("train", "--format", "rees46", "--data", TRAIN, "--checkpoint-every", "2", "--out", model),
                "--checkpoint-every: GAN options only apply to --model gan");
        usage.put(List.of("train", "--format", "rees46", "--data", TRAIN, "--top-categories", "5", "--hidden", "8",
                "--out", model), "--top-categories, --hidden: GAN options only apply to --model gan");
        usage.put(List.of("train", "--format", "rees46", "--data", TRAIN, "--out", "-"),
                "--out -: a model is a zip file and cannot go to standard output");
        usage.put(List.of("generate", "--users", "3", "--out", ""), "--out: the path is empty");
        usage.put(List.of("replay", "--base-url", "ftp://shop"), "--base-url: base URL 'ftp://shop' must be http://");
        usage.put(List.of("replay", "--base-url", "http://shop", "--request", "view=GET /p/{sku}"),
                "--request: view: unknown placeholder {sku}");
        usage.put(List.of("replay", "--base-url", "http://shop", "--header", "Host: x"),
                "--header: header 'Host' cannot be set (the replay sets it)");
        usage.put(List.of("replay", "--base-url", "http://shop", "--header", "X-A: 1", "--header", "x-a: 2"),
                "--header: x-a given twice");
        usage.put(List.of("replay", "--base-url", "http://shop", "--concurrency", "0"),
                "--concurrency: concurrency must be in [1, 1024], got 0");
        usage.put(List.of("replay", "--base-url", "http://shop", "--users", "0"), "--users must be");
        usage.put(List.of("generate", "--users", "3", "--out", dir.resolve("new") + "/"), "--out " + dir.resolve("new")
                + "/: a path ending in '/' names a folder, and events-csv writes one file; give a file path");
        usage.put(List.of("inspect", "--format", "generic", "--item-col", "a", "--time-col", "b", "--user-col", "c",
                "--event-map", "pv=view,pv=purchase", TRAIN), "--event-map: source 'pv' given twice");
        usage.put(List.of("inspect", "--format", "generic", "--item-col", "a", "--time-col", "b", "--user-col", "c",
                "--event-map", "pv", TRAIN), "--event-map: 'pv' is not SRC=TYPE");
        usage.put(List.of("generate", "--users", "3", "--output-format", "per-user-csv", "--out", ""),
                "--out: the path is empty");
        usage.put(List.of("evaluate", "--format", "rees46", "--holdout", TRAIN, "--out", ""),
                "--out: the path is empty");
        usage.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--checkpoint", "-",
                "--out", model), "--checkpoint -: a checkpoint is a zip file and cannot go to standard output");
        String guideOnly = "--guide trains only a critic for the given model: use it with --model gan, and without"
                + " --resume, --checkpoint or GAN options other than --guidance-passes";
        usage.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--guide", model,
                "--epochs", "3", "--out", model + "2"), guideOnly);
        usage.put(List.of("train", "--format", "rees46", "--data", TRAIN, "--guide", model, "--out", model + "2"),
                guideOnly);
        usage.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--guide", model,
                "--checkpoint", checkpoint, "--out", model + "2"), guideOnly);
        usage.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--guide", model,
                "--resume", checkpoint, "--out", model + "2"), guideOnly);
        usage.put(List.of("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--guide", model,
                "--guidance-passes", "0", "--out", model + "2"), "--guidance-passes: --guide trains a critic, so it"
                + " needs at least 1 pass, got 0");

        for (Map.Entry<List<String>, String> u : usage.entrySet()) {
            Run run = run(u.getKey().toArray(String[]::new));
            assertThat(run.exitCode()).as(u.getKey().toString()).isEqualTo(2);
            assertThat(run.err()).as(u.getKey().toString()).startsWith("error: " + u.getValue());
        }
        assertThat(Path.of(model)).doesNotExist();
        assertThat(Path.of(checkpoint)).doesNotExist();
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void aLinkedOutputKeepsItsLinkAndADeviceStaysADevice() throws IOException {
        Path target = Files.createDirectory(dir.resolve("real")).resolve("users.csv");
        Path link = Files.createSymbolicLink(dir.resolve("users.csv"), Path.of("real", "users.csv"));

        assertThat(run("generate", "--users", "3", "--seed", "7", "--out", link.toString()).exitCode()).isZero();

        assertThat(link).isSymbolicLink();
        assertThat(Files.readString(target)).startsWith("user_id,");
        Path sink = Path.of("/dev/null");
        if (Files.exists(sink)) {
            assertThat(run("generate", "--users", "3", "--seed", "7", "--out", sink.toString()).exitCode()).isZero();
            assertThat(Files.isRegularFile(sink)).isFalse();
        }
    }

    @Test
    void absurdOptionsAreRejectedClearly() {
        Run run = run("generate", "--model-file", "x.model", "--users", "0", "--out", "u.csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --users must be between 1 and 1,000,000,000 (a billion users'"
                + " events CSV is about 300 GB), got 0" + System.lineSeparator());
        if (Files.isDirectory(Path.of("/proc/self"))) {
            // found before the model loads: a folder that is there but takes no file
            assertThat(run("generate", "--users", "5", "--out", "/proc/x.csv").err())
                    .startsWith("error: --out: cannot write /proc/x.csv: ").doesNotContain("using the embedded");
        }
        assertThat(run("generate", "--users", "99999999999", "--out", "u.csv").err())
                .contains("--users must be between 1 and 1,000,000,000").contains("got 99,999,999,999");
        assertThat(run("evaluate", "--format", "rees46", "--users", "2000000", "--holdout", TRAIN).err())
                .contains("--users must be between 5 and 1,000,000 (they are held in memory), got 2,000,000");
        assertThat(run("inspect", "--format", "rees46", "--session-gap", "soon", TRAIN).err())
                .contains("--session-gap: cannot parse 'soon' as a duration");
        assertThat(run("inspect", "--format", "parquet", TRAIN).err()).contains("unknown format 'parquet'");
    }

    @Test
    void optionsAreCheckedBeforeAnyWork() throws IOException {
        Path model = dir.resolve("m.model");
        run("train", "--format", "rees46", "--limit", "500", "--data", TRAIN, "--out", model.toString());

        assertThat(run("generate", "--model-file", model.toString(), "--output-format", "xml", "--out", "x").err())
                .isEqualTo("error: --output-format: unknown output format 'xml'; use one of events-csv, jsonl, json, journeys-csv,"
                        + " gru4rec-tsv, per-user-csv, interactions-csv" + System.lineSeparator());
        assertThat(run("train", "--format", "rees46", "--data", TRAIN, "--out", dir.resolve("no/m.model").toString())
                .err()).contains("--out: folder " + dir.resolve("no") + " does not exist");
        Path file = Files.writeString(dir.resolve("a-file"), "keep");
        assertThat(run("generate", "--model-file", model.toString(), "--out", file.resolve("u.csv").toString()).err())
                .isEqualTo("error: --out: " + file + " is a file, not a folder" + System.lineSeparator());
        assertThat(run("generate", "--model-file", model.toString(), "--output-format", "per-user-csv", "--out",
                file.resolve("users").toString()).err()).contains("--out: " + file + " is a file, not a folder");
        assertThat(run("generate", "--model-file", model.toString(), "--start", "+999999999-01-01T00:00:00Z",
                "--out", dir.resolve("u.csv").toString()).err()).contains("--start must be between");
        assertThat(run("inspect", "--format", "rees46", "--session-gap", "999999999999999d", TRAIN).err())
                .contains("--session-gap: cannot parse");
        assertThat(run("inspect", "--format", "rees46", "--item-col", "x", TRAIN).err())
                .contains("--item-col: only for --format generic");
        assertThat(run("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--popularity-tiers", "9",
                "--out", dir.resolve("t.model").toString()).err()).contains("popularityTiers must be in [1, 8], got 9");
        assertThat(run("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--patience", "-1",
                "--out", dir.resolve("t.model").toString()).err())
                .isEqualTo("error: --patience: patience must be in [0, 10000] epochs, got -1" + System.lineSeparator());
        assertThat(run("train", "--format", "rees46", "--data", TRAIN, "--patience", "5",
                "--out", dir.resolve("t.model").toString()).err()).contains("only apply to --model gan");
        assertThat(run("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--g-steps", "0",
                "--out", dir.resolve("t.model").toString()).err())
                .isEqualTo("error: --g-steps: generator steps must be in [1, 20], got 0" + System.lineSeparator());
        assertThat(run("train", "--format", "rees46", "--data", TRAIN, "--g-steps", "2",
                "--out", dir.resolve("t.model").toString()).err()).contains("only apply to --model gan");
        assertThat(run("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--critic", "gru",
                "--out", dir.resolve("t.model").toString()).err())
                .isEqualTo("error: --critic: unknown critic network \"gru\" (expected \"lstm\" or \"cnn\")" + System.lineSeparator());
        assertThat(run("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--generator-gradient",
                "gumbel", "--out", dir.resolve("t.model").toString()).err())
                .isEqualTo("error: --generator-gradient: unknown generator gradient \"gumbel\" (expected \"policy\" or"
                        + " \"straight-through\")" + System.lineSeparator());
        assertThat(run("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--packing", "2",
                "--generator-gradient", "straight-through", "--out", dir.resolve("t.model").toString()).err())
                .startsWith("error: --generator-gradient: a straight-through generator gradient needs packing 1, got 2");
        assertThat(run("train", "--model", "gan", "--format", "rees46", "--data", TRAIN, "--generator-gradient",
                "straight-through", "--entropy-weight", "0.1", "--out", dir.resolve("t.model").toString()).err())
                .startsWith("error: --entropy-weight: the entropy bonus is part of the policy gradient's reward");
        assertThat(run("train", "--format", "rees46", "--data", TRAIN, "--generator-gradient", "policy",
                "--out", dir.resolve("t.model").toString()).err()).contains("only apply to --model gan");
        assertThat(dir.resolve("t.model")).doesNotExist();
    }

    @Test
    void durationsTakeAUnitOrASumOfThem() {
        assertThat(FormatOptions.Durations.parse("1h30m", "--session-gap")).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(FormatOptions.Durations.parse("90s", "--session-gap")).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(FormatOptions.Durations.parse("PT30M", "--session-gap")).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(run("inspect", "--format", "rees46", "--session-gap", "0", TRAIN).err())
                .isEqualTo("error: --session-gap: '0' needs a unit: s, m, h or d (e.g. 30m)" + System.lineSeparator());
        assertThat(run("inspect", "--format", "rees46", "--session-gap", "0m", TRAIN).err())
                .isEqualTo("error: --session-gap must be positive, got '0m'" + System.lineSeparator());
    }

    @Test
    void genericFormatFromOptions() throws IOException {
        Path log = Files.writeString(dir.resolve("log.tsv"), "u1\t1700000000\tpv\tA\nu1\t1700000060\tbuy\tA\n");

        Run run = run("inspect", "--format", "generic", "--delimiter", "tab", "--no-header", "--user-col", "0",
                "--time-col", "1", "--type-col", "2", "--item-col", "3", "--time-format", "epoch-seconds",
                "--event-map", "pv=view,buy=purchase", log.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("events      2").contains("purchase          1");
    }

    @Test
    void everySubcommandHasHelpAndAVersion() {
        for (String command : new String[] {"inspect", "convert", "train", "generate", "evaluate", "diagnose",
            "replay", "models"}) {
            Run run = run(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: sessiongan " + command);
            assertThat(run(command, "--version").out()).startsWith("sessiongan ").contains("Deeplearning4j");
        }
    }

    private static Path dataDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("gan-core"))) {
                return d.resolveSibling("shared").resolve("data");
            }
        }
        throw new IllegalStateException("project root not found");
    }
}
