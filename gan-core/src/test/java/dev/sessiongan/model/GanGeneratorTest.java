package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessiongan.TestData;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.encoding.EncodingOptions;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.ModelFile;
import dev.sessiongan.io.ModelManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny warm-start run on a REES46 slice: shapes, seeding, persistence. Quality is judged elsewhere. */
class GanGeneratorTest {

    private static final GanOptions TINY = GanOptions.builder().seed(3).hidden(32).mleEpochs(5).adversarialEpochs(0)
            .batchSize(32)
            .learningRate(0.01)
            .encoding(new EncodingOptions(10, 10, 20, 3)).build();

    private static SessionDataset slice;
    private static GanGenerator model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        slice = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT.withMaxRows(3_000)).dataset();
        model = GanTrainer.train(slice, TINY, null);
    }

    @Test
    void recordsOneHistoryEntryPerEpochWithAValidationScore() {
        assertThat(model.history().epochs()).hasSize(5);
        assertThat(model.history().epochs()).allSatisfy(e -> {
            assertThat(e.phase()).isEqualTo(TrainingPhase.WARM_START);
            assertThat(e.validationAuc()).isBetween(0.0, 1.0);
            // the same validation by feature group: what the tokens decide and what decoding does
            assertThat(e.validationAucBehaviour()).isBetween(0.0, 1.0);
            assertThat(e.validationAucCatalog()).isBetween(0.0, 1.0);
            assertThat(e.generatorLoss()).isPositive();
            assertThat(e.generatorGradientNorm()).isPositive();
        });
    }

    /** Trained and selected with its validation users held out, the finished model deals their items too. */
    @Test
    void theFinishedModelsCatalogHoldsEveryTrainingUsersItems() throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        model.encoding().writeJson(json);
        JsonNode parameters = GanModelIo.JSON.readTree(json.toByteArray());
        Set<String> catalog = new HashSet<>();
        parameters.path("pools").forEach(pool -> pool.path("ids").forEach(id -> catalog.add(id.asText())));

        assertThat(catalog).hasSize((int) slice.summary().items());
        assertThat(parameters.path("trainingUsers").asLong()).isEqualTo(slice.summary().users());
        assertThat(model.users(GenerationRequest.of(300, 3)).flatMap(u -> u.sessions().stream())
                .flatMap(sn -> sn.events().stream())).allMatch(e -> catalog.contains(e.itemId()));
    }

    @Test
    void warmStartBeatsTheUntrainedGenerator() {
        // integration: a tiny configuration on a 3,000-event slice, well under two minutes
        TrainingHistory history = model.history();

        assertThat(history.initialValidationAuc()).isGreaterThan(0.9);
        assertThat(history.bestValidationAuc()).isLessThan(history.initialValidationAuc() - 0.1);
        // the epoch the model kept, not just the luckiest one, is well clear of the untrained generator
        TrainingHistory.Epoch kept = history.epochs().get(history.keptEpoch() - 1);
        assertThat(kept.validationAuc()).isLessThan(history.initialValidationAuc() - 0.1);
    }

    @Test
    void sameSeedSameUsersOtherSeedOtherUsers() {
        List<VirtualUser> a = model.users(GenerationRequest.of(300, 7)).toList();
        List<VirtualUser> b = model.users(GenerationRequest.of(300, 7)).toList();
        List<VirtualUser> c = model.users(GenerationRequest.of(300, 8)).toList();

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void aUserDoesNotDependOnHowManyAreAskedFor() {
        VirtualUser inBig = model.user(300, GenerationRequest.of(1_000, 4));
        VirtualUser inSmall = model.user(300, GenerationRequest.of(301, 4));

        assertThat(inBig).isEqualTo(inSmall);
    }

    @Test
    void aPassDealsItsTailInUserOrderHoweverItsUsersAreReached() {
        int runs = model.encoding().runsPerPass(GanGenerator.SHARD);
        assertThat(runs).as("runs in a pass of the slice's training users").isGreaterThan(1);
        GenerationRequest request = GenerationRequest.of(2_000, 6);
        List<VirtualUser> streamed = model.users(request).toList();
        int lastOfPass = runs * GanGenerator.SHARD - 1;

        // a fresh copy has no deck yet: reaching a user deep in the pass replays the runs before it
        GanGenerator fresh = model.withRules(SamplingRules.CURRENT);
        assertThat(fresh.user(lastOfPass, request)).isEqualTo(streamed.get(lastOfPass));
        assertThat(fresh.user(5, request)).isEqualTo(streamed.get(5));
        assertThat(fresh.user(lastOfPass + 1, request)).isEqualTo(streamed.get(lastOfPass + 1));
        assertThat(fresh.user(GanGenerator.SHARD, GenerationRequest.of(300, 6)))
                .isEqualTo(streamed.get(GanGenerator.SHARD));
    }

    @Test
    void reachingAShardOutOfOrderReplaysFromTheNearestStateOfItsPassThatWasKept() {
        // the tiny model's catalog refitted to all of train.csv: passes of 14 shards
        SessionDataset all = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT).dataset();
        GanGenerator wide = model.refittedTo(all);
        int runs = wide.encoding().runsPerPass(GanGenerator.SHARD);
        assertThat(runs).isBetween(4, GanGenerator.PASS_STATES);
        GenerationRequest request = GenerationRequest.of((long) runs * GanGenerator.SHARD, 8);
        List<VirtualUser> streamed = wide.users(request).toList();
        int last = runs * GanGenerator.SHARD - 1;

        GanGenerator fresh = wide.withRules(SamplingRules.CURRENT);
        assertThat(fresh.user(last, request)).isEqualTo(streamed.get(last));
        assertThat(fresh.replayedShards()).isEqualTo(runs - 1);
        // the replay kept the pass's states: going back into the pass replays nothing more
        assertThat(fresh.user(0, request)).isEqualTo(streamed.get(0));
        assertThat(fresh.user(2 * GanGenerator.SHARD + 3, request)).isEqualTo(streamed.get(2 * GanGenerator.SHARD + 3));
        assertThat(fresh.user(last - GanGenerator.SHARD, request)).isEqualTo(streamed.get(last - GanGenerator.SHARD));
        assertThat(fresh.user(GanGenerator.SHARD, request)).isEqualTo(streamed.get(GanGenerator.SHARD));
        assertThat(fresh.replayedShards()).isEqualTo(runs - 1);
    }

    @Test
    void dealingAPassInUserOrderGivesFewerTailItemsToMoreUsersThanTheirTrainingUsersThanDealingByTurns() {
        int passUsers = model.encoding().runsPerPass(GanGenerator.SHARD) * GanGenerator.SHARD;
        GenerationRequest request = GenerationRequest.of(passUsers, 6);

        long inOrder = tailExcess(model.users(request).toList());
        long byTurns = tailExcess(model.withRules(new SamplingRules(true, false, true)).users(request).toList());

        assertThat(inOrder).as("in order %d, by turns %d", inOrder, byTurns).isLessThan(byTurns);
    }

    @Test
    void onlyAModelThatDealsByPassEmitsNewItemsAndOnlyWhenAsked() {
        GenerationRequest request = GenerationRequest.of(600, 6);
        GanGenerator byTurns = model.withRules(new SamplingRules(true, false, true));

        List<VirtualUser> closed = model.users(request).toList();
        List<VirtualUser> open = model.users(request.withNewItems(true)).toList();

        assertThat(model.emitsNewItems()).isTrue();
        assertThat(byTurns.emitsNewItems()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> byTurns.users(request.withNewItems(true)))
                .isInstanceOf(dev.sessiongan.InvalidInputException.class)
                .hasMessageContaining("cannot emit items new to the catalog");
        assertThat(itemIds(closed)).noneMatch(id -> id.startsWith("new-"));
        assertThat(itemIds(open)).anyMatch(id -> id.startsWith("new-6-0-"));
        // a user reached on its own deals as in the stream, new items included
        assertThat(model.withRules(SamplingRules.CURRENT).user(599, request.withNewItems(true)))
                .isEqualTo(open.get(599));
    }

    private static List<String> itemIds(List<VirtualUser> users) {
        return users.stream().flatMap(u -> u.sessions().stream()).flatMap(s -> s.events().stream())
                .map(dev.sessiongan.data.ClickEvent::itemId).toList();
    }

    /**
     * Over generated users: how many more users have each tail item (two training users or fewer) than the
     * training data had.
     */
    private static long tailExcess(List<VirtualUser> users) {
        Map<String, java.util.Set<String>> training = new java.util.HashMap<>();
        slice.sessions().forEach(s -> s.events().forEach(
                e -> training.computeIfAbsent(e.itemId(), k -> new java.util.HashSet<>()).add(s.userId())));
        Map<String, java.util.Set<String>> generated = new java.util.HashMap<>();
        users.forEach(u -> u.sessions().forEach(s -> s.events().forEach(
                e -> generated.computeIfAbsent(e.itemId(), k -> new java.util.HashSet<>()).add(u.userId()))));
        long excess = 0;
        for (Map.Entry<String, java.util.Set<String>> e : generated.entrySet()) {
            int real = training.get(e.getKey()).size();
            if (real <= 2) { // the long tail: at most two training users
                excess += Math.max(0, e.getValue().size() - real);
            }
        }
        return excess;
    }

    @Test
    void generatedSessionsRespectTheEncodingLimits() {
        for (VirtualUser user : model.users(GenerationRequest.of(200, 1)).toList()) {
            assertThat(user.sessions()).hasSizeBetween(1, TINY.maxSessionsPerUser());
            for (UserSession session : user.sessions()) {
                assertThat(session.length()).isBetween(1, 20);
            }
        }
    }

    /** Per-row random streams seeded from {@code first} on. */
    private static java.util.SplittableRandom[] randoms(int n, long first) {
        java.util.SplittableRandom[] randoms = new java.util.SplittableRandom[n];
        for (int b = 0; b < n; b++) {
            randoms[b] = new java.util.SplittableRandom(first + b);
        }
        return randoms;
    }

    @Test
    void sampledSessionsStayInsideTheirLengthClass() {
        TokenLayout layout = new TokenLayout(model.encoding());
        SequenceSampler sampler = new SequenceSampler(model.network(), layout, 20);

        for (int[] tokens : sampler.sample(null, randoms(128, 0), new float[128][TINY.noise()])) {
            int lengthClass = layout.valueOf(tokens[TokenLayout.PROFILE_TOKENS], TokenLayout.Field.LENGTH);
            int events = model.steps(tokens).size();
            assertThat(events).isBetween(TokenLayout.minEvents(lengthClass),
                    Math.min(20, TokenLayout.maxEvents(lengthClass)));
        }
    }

    @Test
    void strictSamplingKeepsTheRulesOfEncodedSessionsThatLenientSamplingBreaks() {
        TokenLayout layout = new TokenLayout(model.encoding());
        // a network that knows nothing draws every token of a field alike, so each rule is tested where it bites
        Stepper uniform = new Stepper() {
            @Override
            public void reset() {
            }

            @Override
            public float[][] step(int[] previousTokens, TokenLayout.Field field, float[][] noiseVectors) {
                float[][] p = new float[previousTokens.length][layout.vocabulary()];
                for (float[] row : p) {
                    java.util.Arrays.fill(row, 1f / layout.vocabulary());
                }
                return p;
            }

            @Override
            public void keepRows(int[] rows) {
            }
        };
        float[][] noise = new float[512][TINY.noise()];

        int[] strict = brokenRules(new SequenceSampler(uniform, layout, 20, null, SamplingRules.CURRENT)
                .sample(null, randoms(512, 0), noise), layout);
        int[] beforeSlotItems = brokenRules(new SequenceSampler(uniform, layout, 20, null,
                new SamplingRules(true, true, false)).sample(null, randoms(512, 0), noise), layout);
        int[] lenient = brokenRules(new SequenceSampler(uniform, layout, 20, null, SamplingRules.LEGACY)
                .sample(null, randoms(512, 0), noise), layout);

        List<int[]> real = new ArrayList<>();
        for (dev.sessiongan.data.UserHistory user : slice.users()) {
            for (dev.sessiongan.data.UserSession session : user.sessions()) {
                real.add(layout.tokens(model.encoding().profileOf(user), model.encoding().encode(session)));
            }
        }
        assertThat(brokenRules(real, layout)).as("the rules are those of encoded sessions").containsExactly(0, 0, 0, 0, 0);
        assertThat(strict).containsExactly(0, 0, 0, 0, 0);
        assertThat(beforeSlotItems).as("rules broken before slot items: %s", java.util.Arrays.toString(beforeSlotItems))
                .startsWith(0, 0, 0);
        assertThat(beforeSlotItems[3]).isPositive();
        assertThat(beforeSlotItems[4]).isPositive();
        assertThat(java.util.Arrays.stream(lenient).min().getAsInt()).as("rules broken leniently: %s",
                java.util.Arrays.toString(lenient)).isPositive();
        assertThat(model.rules()).isEqualTo(SamplingRules.CURRENT);
        assertThat(model.withRules(new SamplingRules(false, true, true)).users(GenerationRequest.of(50, 4)).toList())
                .isNotEqualTo(model.users(GenerationRequest.of(50, 4)).toList());
        assertThat(model.withRules(new SamplingRules(true, true, false)).users(GenerationRequest.of(50, 4)).toList())
                .isNotEqualTo(model.users(GenerationRequest.of(50, 4)).toList());
    }

    /** With popularity tiers the network, not decoding, decides how popular new items are, as training sessions did. */
    @Test
    void generatedUsersTakeEachPopularityTierAsTrainingSessionsDid() {
        SessionEncoding encoding = model.encoding();
        assertThat(encoding.itemChoices()).isEqualTo(SessionEncoding.ITEM_CHOICES + 2);
        double[] real = tierShares(encoding, slice.sessions());
        double[] generated = tierShares(encoding, model.users(GenerationRequest.of(2_000, 8))
                .flatMap(u -> u.sessions().stream()).toList());

        for (int t = 0; t < real.length; t++) {
            assertThat(generated[t]).as("share of popularity tier %d", t).isGreaterThan(0).isCloseTo(real[t],
                    org.assertj.core.data.Offset.offset(0.08));
        }
    }

    /** Per popularity tier, its share of the head's new items in the sessions (encoded as a model reads them). */
    private static double[] tierShares(SessionEncoding encoding, List<dev.sessiongan.data.UserSession> sessions) {
        double[] counts = new double[encoding.itemChoices() - SessionEncoding.RARE];
        for (dev.sessiongan.data.UserSession session : sessions) {
            for (int[] step : encoding.encode(session).steps()) {
                if (step[2] == SessionEncoding.NEW || step[2] > SessionEncoding.RARE) {
                    counts[step[2] == SessionEncoding.NEW ? 0 : step[2] - SessionEncoding.RARE]++;
                }
            }
        }
        double total = java.util.Arrays.stream(counts).sum();
        return java.util.Arrays.stream(counts).map(c -> c / total).toArray();
    }

    /**
     * Counts sequences holding what no encoded session holds: a drawn first-event TIME token, a REPEAT as
     * the first item choice, a SEEN before two distinct items, a REPEAT in another category slot than the
     * previous event's, a SEEN in a slot with no earlier item but the previous event's.
     */
    private int[] brokenRules(List<int[]> sequences, TokenLayout layout) {
        int[] broken = new int[5];
        for (int[] tokens : sequences) {
            broken[0] += tokens[TokenLayout.HEADER_TOKENS + 3] != layout.offset(TokenLayout.Field.TIME) ? 1 : 0;
            List<int[]> steps = model.steps(tokens);
            broken[1] += steps.get(0)[2] == SessionEncoding.REPEAT ? 1 : 0;
            int distinct = 0;
            boolean early = false;
            boolean repeatElsewhere = false;
            boolean seenElsewhere = false;
            int[] inSlot = new int[layout.size(TokenLayout.Field.CATEGORY)];
            int previousSlot = -1;
            for (int[] step : steps) {
                early |= step[2] == SessionEncoding.SEEN && distinct < 2;
                repeatElsewhere |= step[2] == SessionEncoding.REPEAT && previousSlot >= 0 && step[1] != previousSlot;
                seenElsewhere |= step[2] == SessionEncoding.SEEN
                        && inSlot[step[1]] - (step[1] == previousSlot ? 1 : 0) < 1;
                distinct += step[2] >= SessionEncoding.NEW ? 1 : 0;
                inSlot[step[1]] += step[2] >= SessionEncoding.NEW ? 1 : 0;
                previousSlot = step[1];
            }
            broken[2] += early ? 1 : 0;
            broken[3] += repeatElsewhere ? 1 : 0;
            broken[4] += seenElsewhere ? 1 : 0;
        }
        return broken;
    }

    @Test
    void plainJavaInferenceMatchesDeeplearning4j() {
        TokenNetwork dl4j = model.network();
        InferenceNetwork java = InferenceNetwork.of(dl4j);
        int batch = 5;
        float[][] noise = new float[batch][TINY.noise()];
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (float[] row : noise) {
            for (int z = 0; z < row.length; z++) {
                row[z] = (float) Draws.gaussian(random);
            }
        }
        dl4j.reset();
        java.reset();
        int[] previous = {-1, -1, -1, -1, -1};
        for (int p = 0; p < 12; p++) {
            TokenLayout.Field field = TokenLayout.fieldAt(p);
            float[][] expected = dl4j.step(previous, field, noise);
            float[][] actual = java.step(previous, field, noise);
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < expected[b].length; t++) {
                    assertThat(actual[b][t]).as("position %d row %d token %d", p, b, t)
                            .isCloseTo(expected[b][t], org.assertj.core.api.Assertions.within(1e-4f));
                }
                previous[b] = (b * 7 + p * 3) % dl4j.vocabulary(); // any tokens: both must agree on any input
            }
            if (p == 6) { // and after rows leave the batch
                dl4j.keepRows(new int[] {0, 2, 4});
                java.keepRows(new int[] {0, 2, 4});
                previous = new int[] {previous[0], previous[2], previous[4]};
                noise = new float[][] {noise[0], noise[2], noise[4]};
                batch = 3;
            }
        }
    }

    @Test
    void singleSessionBuyersPurchaseAndNonBuyersNever() {
        TokenLayout layout = new TokenLayout(model.encoding());
        SequenceSampler sampler = new SequenceSampler(model.network(), layout, 20);
        int purchase = dev.sessiongan.data.EventType.PURCHASE.ordinal();

        int singleSessionBuyers = 0;
        for (int[] tokens : sampler.sampleFirstSessions(randoms(512, 1000), new float[512][TINY.noise()])) {
            boolean buyer = layout.valueOf(tokens[1], TokenLayout.Field.BUYER) == 1;
            boolean oneSession = layout.valueOf(tokens[0], TokenLayout.Field.SESSIONS) == 0;
            boolean bought = model.steps(tokens).stream().anyMatch(step -> step[0] == purchase);
            if (!buyer) {
                assertThat(bought).as("non-buyer, tokens %s", java.util.Arrays.toString(tokens)).isFalse();
            } else if (oneSession) {
                assertThat(bought).as("single-session buyer, tokens %s", java.util.Arrays.toString(tokens)).isTrue();
                singleSessionBuyers++;
            }
        }
        assertThat(singleSessionBuyers).as("the slice has buyers, so some profiles must be").isPositive();
    }

    @Test
    void plannedSessionsBuyWhereThePlanSaysAndNeverWhereItBarsIt() {
        TokenLayout layout = new TokenLayout(model.encoding());
        SequenceSampler sampler = new SequenceSampler(model.network(), layout, 20);
        int purchase = dev.sessiongan.data.EventType.PURCHASE.ordinal();
        // a buyer of the two-session bucket: the profile the plans are for
        int[] profile = {layout.offset(TokenLayout.Field.SESSIONS) + 1, layout.offset(TokenLayout.Field.BUYER) + 1,
            layout.offset(TokenLayout.Field.PREFERRED_CATEGORY), layout.offset(TokenLayout.Field.PRICE_TIER)};
        int n = 384;
        int[][] profiles = new int[n][];
        boolean[] buys = new boolean[n];
        boolean[] barred = new boolean[n];
        for (int b = 0; b < n; b++) {
            profiles[b] = profile;
            buys[b] = b % 3 == 0;
            barred[b] = b % 3 == 1;
        }

        List<int[]> sessions = sampler.samplePlanned(profiles, buys, barred, randoms(n, 2_000), new float[n][TINY.noise()]);

        int free = 0;
        int freeBuying = 0;
        for (int b = 0; b < n; b++) {
            boolean bought = model.steps(sessions.get(b)).stream().anyMatch(step -> step[0] == purchase);
            assertThat(java.util.Arrays.copyOf(sessions.get(b), TokenLayout.PROFILE_TOKENS)).containsExactly(profile);
            if (buys[b]) {
                assertThat(bought).as("row %d must buy", b).isTrue();
            } else if (barred[b]) {
                assertThat(bought).as("row %d must not buy", b).isFalse();
            } else {
                free++;
                freeBuying += bought ? 1 : 0;
            }
        }
        // the rest is the network's: a buyer's profile buys in some sessions and not in others
        assertThat(freeBuying).isBetween(1, free - 1);
    }

    @Test
    void aMultiSessionBuyerBuysInAsManySessionsAsItsPlanSays() throws IOException {
        for (double rate : new double[] {0, 1}) {
            GanGenerator planned = withRepeatBuyingRate(rate);
            TokenLayout layout = planned.layout();
            int purchase = layout.offset(TokenLayout.Field.TYPE) + dev.sessiongan.data.EventType.PURCHASE.ordinal();
            int multiSessionBuyers = 0;
            for (long shard = 0; shard < 6; shard++) {
                for (List<int[]> sessions : planned.sampleShard(shard, 8).sessions()) {
                    int[] first = sessions.get(0);
                    boolean buyer = layout.valueOf(first[TokenLayout.Field.BUYER.ordinal()], TokenLayout.Field.BUYER) == 1;
                    long buying = sessions.stream()
                            .filter(tokens -> java.util.Arrays.stream(tokens).anyMatch(t -> t == purchase)).count();
                    String what = "rate " + rate + ", profile " + java.util.Arrays.toString(
                            java.util.Arrays.copyOf(first, TokenLayout.PROFILE_TOKENS)) + ", " + sessions.size() + " sessions";
                    if (!buyer) {
                        assertThat(buying).as(what).isZero();
                    } else if (sessions.size() == 1) {
                        assertThat(buying).as(what).isEqualTo(1);
                    } else {
                        // the header's promise: every multi-session buyer buys, as often as its plan says
                        assertThat(buying).as(what).isEqualTo(rate == 0 ? 1 : sessions.size());
                        multiSessionBuyers++;
                    }
                }
            }
            assertThat(multiSessionBuyers).as("multi-session buyers at rate %s", rate).isPositive();
        }
    }

    /** The tiny model with its encoding's rate of buying again set to {@code rate}, through a model file. */
    private GanGenerator withRepeatBuyingRate(double rate) throws IOException {
        Path file = dir.resolve("plain-" + rate + ".model");
        ModelFile.save(file, model, ModelManifest.now(GanGenerator.KIND, TINY.seed(), null, Map.of()));
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        model.encoding().writeJson(json);
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json.toByteArray());
        assertThat(tree.has("repeatBuyingRate")).isTrue();
        tree.put("repeatBuyingRate", rate);
        Path planned = dir.resolve("planned-" + rate + ".model");
        rewriteEntry(file, planned, "encoding.json", mapper.writeValueAsString(tree));
        return (GanGenerator) ModelFile.load(planned).generator();
    }

    @Test
    void generatorStepsSetTheDToGRatio() throws IOException {
        // one warm-start and one adversarial epoch, counting the generator's optimiser steps in the checkpoints'
        // weight average: a second generator step per critic step doubles the adversarial epoch's steps
        GanOptions once = TINY.toBuilder().mleEpochs(1).adversarialEpochs(1).dualityGapEvery(0).calibrationRounds(0)
                .build();
        long[] oneStep = generatorUpdates(once);
        long[] twoSteps = generatorUpdates(once.toBuilder().generatorSteps(2).build());

        assertThat(twoSteps[0]).isEqualTo(oneStep[0]).isPositive(); // the same warm start
        assertThat(oneStep[1] - oneStep[0]).isPositive();
        assertThat(twoSteps[1] - twoSteps[0]).isEqualTo(2 * (oneStep[1] - oneStep[0]));
        assertThat(new String(GanModelIo.JSON.writeValueAsBytes(once.toBuilder().generatorSteps(2).build()),
                java.nio.charset.StandardCharsets.UTF_8)).contains("\"generatorSteps\":2");
        String usual = new String(GanModelIo.JSON.writeValueAsBytes(once), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(usual).doesNotContain("generatorSteps"); // saved as options were before the option existed
        assertThat(GanModelIo.readOptions(usual.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(once);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> once.toBuilder().generatorSteps(0).build())
                .hasMessage("generator steps must be in [1, 20], got 0");
    }

    /** The generator's optimiser steps after each of a run's two epochs, read from their checkpoints. */
    private long[] generatorUpdates(GanOptions options) {
        Path file = dir.resolve("steps.ckpt");
        long[] updates = new long[2];
        // an epoch's listener runs before its checkpoint is written: the file still holds the epoch before
        GanTrainer.train(slice, options, (epoch, total) -> {
            if (epoch.epoch() == 2) {
                updates[0] = TrainingCheckpoint.load(file).averageUpdates();
            }
        }, new Checkpoints(file, 1));
        updates[1] = TrainingCheckpoint.load(file).averageUpdates();
        return updates;
    }

    @Test
    void adversarialPhaseRecordsTheDiscriminatorsView() {
        GanOptions options = TINY.toBuilder().mleEpochs(1).adversarialEpochs(1).packing(2).discriminatorSteps(2)
                .entropyWeight(0.01).build();

        GanGenerator adversarial = GanTrainer.train(slice, options, null);

        TrainingHistory.Epoch last = adversarial.history().epochs().get(1);
        assertThat(last.phase()).isEqualTo(TrainingPhase.ADVERSARIAL);
        assertThat(last.meanDReal()).isBetween(0.0, 1.0);
        assertThat(last.meanDFake()).isBetween(0.0, 1.0);
        assertThat(last.discriminatorLoss()).isPositive();
        assertThat(last.discriminatorGradientNorm()).isPositive();
        assertThat(last.nonSaturatingLoss()).isPositive();
        assertThat(last.dualityGap()).isFinite();
        assertThat(last.criticAuc()).isBetween(0.0, 1.0);
        assertThat(last.rewardWeight()).isBetween(0.0, 1.0);
        assertThat(adversarial.history().epochs().get(0).dualityGap()).isNaN(); // warm start: no game yet
        assertThat(adversarial.history().epochs().get(0).criticAuc()).isNaN();
        assertThat(adversarial.users(GenerationRequest.of(10, 1)).toList()).hasSize(10);
        // the convolutional critic plays the same game
        GanGenerator noGap = GanTrainer.train(slice, options.toBuilder().dualityGapEvery(0).rewardGate(false)
                .critic(CriticNetwork.CONVOLUTIONAL).build(), null);
        assertThat(noGap.history().epochs().get(1).meanDFake()).isBetween(0.0, 1.0);
        assertThat(noGap.history().epochs().get(1).discriminatorGradientNorm()).isPositive();
        assertThat(noGap.history().epochs().get(1).dualityGap()).isNaN();
        // without the gate the critic is followed fully and its held-out AUC is not measured
        assertThat(noGap.history().epochs().get(1).rewardWeight()).isEqualTo(1.0);
        assertThat(noGap.history().epochs().get(1).criticAuc()).isNaN();
        // straight-through, without the likelihood term: what moves the generator is the critic's input gradient
        GanGenerator straight = GanTrainer.train(slice, options.toBuilder().packing(1).discriminatorSteps(1)
                .dualityGapEvery(0).rewardGate(false).mleWeight(0).entropyWeight(0)
                .generatorGradient(GeneratorGradient.STRAIGHT_THROUGH).build(), null);
        assertThat(straight.history().epochs().get(1).generatorGradientNorm()).isPositive();
        assertThat(straight.options().generatorGradient()).isEqualTo(GeneratorGradient.STRAIGHT_THROUGH);
        assertThat(straight.users(GenerationRequest.of(10, 1)).toList()).hasSize(10);
    }

    private static GanGenerator warmStartAlone;

    /** Eight warm-start epochs at a high rate (shared by two tests: it takes half a minute). */
    private static synchronized GanGenerator warmStartAlone() {
        if (warmStartAlone == null) {
            warmStartAlone = GanTrainer.train(slice, TINY.toBuilder().mleEpochs(8).learningRate(0.03).build(), null);
        }
        return warmStartAlone;
    }

    @Test
    void aWarmStartAloneRematchesItsBestEpochAgainstItsLast() {
        // with this seed and rate epoch 6 drew the best validation score and epoch 8 a poor one
        TrainingHistory history = warmStartAlone().history();
        TrainingHistory.Selection rematch = history.selection();
        assertThat(rematch).isNotNull();
        assertThat(rematch.warmStartEpoch()).isEqualTo(history.bestEpoch(TrainingPhase.WARM_START).orElseThrow().epoch()).isLessThan(8);
        assertThat(rematch.adversarialEpoch()).isEqualTo(8);
        assertThat(history.keptEpoch()).isEqualTo(rematch.keptEpoch()).isEqualTo(
                rematch.adversarialScore() < rematch.warmStartScore() ? 8 : rematch.warmStartEpoch());
        assertThat(rematch.describe(history)).contains("last warm-start epoch 8 scored");
        // the 5-epoch tiny run drew its best score in its last epoch: nothing to rematch
        assertThat(model.history().selection()).isNull();
    }

    @Test
    void aRunWithAnAdversarialPhaseRematchesTheWarmStartsLastEpochToo() throws IOException {
        // the warm start of the test above, whose best epoch is not its last, then one adversarial epoch
        GanOptions options = TINY.toBuilder().mleEpochs(8).learningRate(0.03).adversarialEpochs(1)
                .calibrationRounds(0).build();
        Path file = dir.resolve("three.ckpt");
        Path afterWarmStart = dir.resolve("after-warm-start.ckpt");
        GanGenerator straight = GanTrainer.train(slice, options, (epoch, total) -> {
            if (epoch.epoch() == 9) {
                copy(file, afterWarmStart); // still epoch 8's checkpoint
            }
        }, new Checkpoints(file, 1));

        TrainingHistory history = straight.history();
        TrainingHistory.Selection rematch = history.selection();
        assertThat(rematch.warmStartEpoch()).isEqualTo(history.bestEpoch(TrainingPhase.WARM_START).orElseThrow().epoch()).isLessThan(8);
        assertThat(rematch.lastWarmStartEpoch()).isEqualTo(8);
        assertThat(rematch.adversarialEpoch()).isEqualTo(9);
        double lowest = Math.min(rematch.warmStartScore(), Math.min(rematch.lastWarmStartScore(),
                rematch.adversarialScore()));
        assertThat(rematch.keptEpoch()).isEqualTo(history.keptEpoch()).isEqualTo(
                lowest == rematch.warmStartScore() ? rematch.warmStartEpoch()
                        : lowest == rematch.adversarialScore() ? 9 : 8);
        assertThat(rematch.describe(history)).contains(", last warm-start epoch 8 scored ")
                .contains(", adversarial epoch 9 scored ");
        // the same warm start alone, rematched on the same draws, scored its best and its last epoch alike
        TrainingHistory.Selection alone = warmStartAlone().history().selection();
        assertThat(rematch.warmStartScore()).isEqualTo(alone.warmStartScore());
        assertThat(rematch.lastWarmStartScore()).isEqualTo(alone.adversarialScore());
        // the last warm-start epoch's weights travel in the checkpoint, so a resumed run holds the same rematch
        GanGenerator resumed = GanTrainer.resume(slice, TrainingCheckpoint.load(afterWarmStart), null, null);
        assertThat(resumed.history().selection()).isEqualTo(rematch);
        GenerationRequest request = GenerationRequest.of(50, 4);
        assertThat(resumed.users(request).toList()).isEqualTo(straight.users(request).toList());
        // and the model file keeps it
        assertThat(GanModelIo.readHistory(GanModelIo.JSON.writeValueAsBytes(history)).selection()).isEqualTo(rematch);
    }

    @Test
    void aPhaseWhoseBestScoreIsPatienceEpochsOldStopsAndTheNextPhaseBegins() throws IOException {
        // the warm start alone of the tests above ran all eight epochs; with patience it stops at the first
        // epoch whose phase's lowest score is that many epochs old, having trained exactly the same epochs
        int patience = 1;
        List<TrainingHistory.Epoch> full = warmStartAlone().history().epochs();
        int stop = 0;
        for (int e = 1, best = 0; e <= full.size() && stop == 0; e++) {
            if (best == 0 || full.get(e - 1).validationScore() < full.get(best - 1).validationScore()) {
                best = e;
            }
            stop = e - best >= patience ? e : 0;
        }
        assertThat(stop).as("the rule fires before the planned eight epochs").isBetween(2, 7);
        GanOptions options = TINY.toBuilder().mleEpochs(8).learningRate(0.03).adversarialEpochs(1).patience(patience)
                .calibrationRounds(0).build();
        Path file = dir.resolve("early.ckpt");
        Path atStop = dir.resolve("at-stop.ckpt");
        int stopped = stop;
        List<Integer> totals = new ArrayList<>();
        GanGenerator early = GanTrainer.train(slice, options, (epoch, total) -> {
            totals.add(total);
            if (epoch.epoch() == stopped + 1) {
                copy(file, atStop); // still the checkpoint of the warm start's last epoch
            }
        }, new Checkpoints(file, 1));

        TrainingHistory history = early.history();
        assertThat(history.epochsIn(TrainingPhase.WARM_START)).isEqualTo(stop);
        assertThat(withoutTimes(new TrainingHistory(0, history.epochs().subList(0, stop))).epochs())
                .isEqualTo(withoutTimes(new TrainingHistory(0, full.subList(0, stop))).epochs());
        assertThat(history.epochs()).hasSize(stop + 1);
        assertThat(history.epochs().get(stop).phase()).isEqualTo(TrainingPhase.ADVERSARIAL);
        assertThat(history.epochs().get(stop).epoch()).isEqualTo(stop + 1);
        // the planned total shrinks to what is left once the warm start has stopped
        assertThat(totals.subList(0, stop - 1)).containsOnly(9);
        assertThat(totals.subList(stop - 1, stop + 1)).containsOnly(stop + 1);
        assertThat(history.earlyStops(options)).hasValueSatisfying(s -> assertThat(s)
                .startsWith("the warm start stopped after " + stopped + " of 8 epochs, " + patience + " after its best"));
        // the weights the game started from are the stopped warm start's last epoch's, and they play the rematch
        TrainingHistory.Selection rematch = history.selection();
        assertThat(rematch.warmStartEpoch()).isEqualTo(stop - patience);
        assertThat(rematch.lastWarmStartEpoch()).isEqualTo(stop);
        assertThat(rematch.adversarialEpoch()).isEqualTo(stop + 1);
        // a run resumed from the checkpoint of the stopping epoch goes straight on to the adversarial phase
        GanGenerator resumed = GanTrainer.resume(slice, TrainingCheckpoint.load(atStop), null, null);
        assertThat(withoutTimes(resumed.history())).isEqualTo(withoutTimes(history));
        assertThat(resumed.history().selection()).isEqualTo(rematch);
        GenerationRequest request = GenerationRequest.of(50, 5);
        assertThat(resumed.users(request).toList()).isEqualTo(early.users(request).toList());
        // the model file keeps the option; a run without it (the default) writes none, as before
        assertThat(new String(GanModelIo.JSON.writeValueAsBytes(options), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"patience\":1");
        assertThat(new String(GanModelIo.JSON.writeValueAsBytes(TINY), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("patience");
        assertThat(warmStartAlone().history().earlyStops(warmStartAlone().options())).isEmpty();
    }

    @Test
    void aRematchOfTwoIsSavedAsBefore() throws IOException {
        TrainingHistory history = TrainingHistory.start(0.7).withSelection(
                new TrainingHistory.Selection(3, 0.61, 5, 0.6, 5, 0, Double.NaN));

        String json = new String(GanModelIo.JSON.writeValueAsBytes(history), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).contains("\"keptEpoch\":5").doesNotContain("lastWarmStart");
        TrainingHistory.Selection read = GanModelIo.readHistory(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .selection();
        assertThat(read).isEqualTo(history.selection());
        assertThat(read.lastWarmStartScore()).isNaN();
    }

    @Test
    void trainingIsReproducibleFromTheSeed() {
        GanGenerator again = GanTrainer.train(slice, TINY, null);

        assertThat(again.history().epochs()).extracting(TrainingHistory.Epoch::generatorLoss)
                .isEqualTo(model.history().epochs().stream().map(TrainingHistory.Epoch::generatorLoss).toList());
        GenerationRequest request = GenerationRequest.of(50, 2);
        assertThat(again.users(request).toList()).isEqualTo(model.users(request).toList());
    }

    @Test
    void resumingFromACheckpointContinuesExactly() throws IOException {
        // resumed inside the adversarial phase, with the attribute critic, so both critics' states must carry over
        GanOptions options = TINY.toBuilder().mleEpochs(1).adversarialEpochs(2).attributeWeight(1.0)
                .calibrationRounds(2).build();
        GanGenerator straight = GanTrainer.train(slice, options, null);
        Path file = dir.resolve("run.ckpt");
        Path afterTwo = dir.resolve("after-two.ckpt");
        // the checkpoint of epoch 2 is still on disk while epoch 3's listener runs
        GanTrainer.train(slice, options, (epoch, total) -> {
            if (epoch.epoch() == 3) {
                copy(file, afterTwo);
            }
        }, new Checkpoints(file, 1));

        TrainingCheckpoint checkpoint = TrainingCheckpoint.load(afterTwo);
        assertThat(checkpoint.history().epochs()).hasSize(2);
        GanGenerator resumed = GanTrainer.resume(slice, checkpoint, null, null);

        assertThat(withoutTimes(resumed.history())).isEqualTo(withoutTimes(straight.history()));
        assertThat(straight.history().epochs().get(2).attributeDFake()).isBetween(0.0, 1.0);
        // both phases ran, so their best epochs met in a rematch on fresh draws, which chose the kept one
        TrainingHistory.Selection rematch = straight.history().selection();
        assertThat(rematch.warmStartEpoch()).isEqualTo(1);
        assertThat(rematch.adversarialEpoch()).isBetween(2, 3);
        assertThat(rematch.describe(straight.history())).startsWith("warm-start epoch 1 scored ")
                .contains(", adversarial epoch " + rematch.adversarialEpoch() + " scored ");
        assertThat(rematch.keptEpoch()).isEqualTo(rematch.adversarialScore() < rematch.warmStartScore()
                ? rematch.adversarialEpoch() : rematch.warmStartEpoch());
        assertThat(straight.history().keptEpoch()).isEqualTo(rematch.keptEpoch());
        assertThat(resumed.calibrationReport()).isEqualTo(straight.calibrationReport());
        GenerationRequest request = GenerationRequest.of(100, 3);
        assertThat(resumed.users(request).toList()).isEqualTo(straight.users(request).toList());
    }

    @Test
    void resumingOnOtherDataOrFromADamagedCheckpointIsRefused() throws IOException {
        Path file = dir.resolve("run.ckpt");
        GanTrainer.train(slice, TINY.toBuilder().mleEpochs(1).build(), null, new Checkpoints(file, 1));
        SessionDataset other = ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                ReadOptions.DEFAULT.withMaxRows(2_500)).dataset();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> GanTrainer.resume(other, TrainingCheckpoint.load(file), null, null))
                .isInstanceOf(dev.sessiongan.InvalidInputException.class)
                .hasMessageContaining("trained on other data");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingCheckpoint.load(dir.resolve("nope.ckpt")))
                .hasMessageContaining("checkpoint not found");
        byte[] bytes = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.ckpt"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingCheckpoint.load(cut))
                .isInstanceOf(dev.sessiongan.InvalidInputException.class)
                .hasMessageStartingWith(cut + ": corrupt or truncated checkpoint");
        Path withoutHistory = withPart(file, "no-history.ckpt", "history.json", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingCheckpoint.load(withoutHistory))
                .hasMessage(withoutHistory + ": corrupt or truncated checkpoint: missing history.json");
        // a part the history says the run had: resumed without it, the run would end elsewhere without a word
        Path withoutBest = withPart(file, "no-best.ckpt", "best.bin", null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingCheckpoint.load(withoutBest))
                .hasMessage(withoutBest + ": corrupt or truncated checkpoint: missing best.bin, which its history and"
                        + " options say the run had");
        Path cutBest = withPart(file, "cut-best.ckpt", "best.bin", b -> java.util.Arrays.copyOf(b, b.length / 2));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> GanTrainer.resume(slice, TrainingCheckpoint.load(cutBest), null, null))
                .isInstanceOf(dev.sessiongan.InvalidInputException.class)
                .hasMessage(cutBest + ": corrupt checkpoint: best.bin: not readable weights (truncated or damaged)");
        Path cutNetwork = withPart(file, "cut-network.ckpt", "network.zip",
                b -> java.util.Arrays.copyOf(b, b.length / 2));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> GanTrainer.resume(slice, TrainingCheckpoint.load(cutNetwork), null, null))
                .hasMessage(cutNetwork + ": corrupt checkpoint: network.zip: not a readable network (its configuration"
                        + " or weights are missing or damaged)");
    }

    /** A copy of the checkpoint {@code file} as {@code name}, its {@code part} changed, or left out for {@code null}. */
    private Path withPart(Path file, String name, String part, java.util.function.UnaryOperator<byte[]> change)
            throws IOException {
        Path copy = dir.resolve(name);
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(file));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(copy))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(part)) {
                    if (change == null) {
                        continue;
                    }
                    content = change.apply(content);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return copy;
    }

    private static TrainingHistory withoutTimes(TrainingHistory history) {
        return new TrainingHistory(history.initialValidationAuc(), history.epochs().stream()
                .map(e -> new TrainingHistory.Epoch(e.epoch(), e.phase(), e.meanDReal(), e.meanDFake(),
                        e.discriminatorLoss(), e.generatorLoss(), e.generatorGradientNorm(),
                        e.discriminatorGradientNorm(), e.validationAuc(), 0, e.nonSaturatingLoss(), e.validationScore(), e.dualityGap(),
                        e.attributeDReal(), e.attributeDFake(), e.criticAuc(), e.rewardWeight(),
                        e.validationAucBehaviour(), e.validationAucCatalog()))
                .toList());
    }

    private static void copy(Path from, Path to) {
        try {
            java.nio.file.Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void survivesAModelFile() throws IOException {
        Path file = dir.resolve("gan.model");
        ModelFile.save(file, model, ModelManifest.now(GanGenerator.KIND, TINY.seed(), null, Map.of()));

        ModelFile.Loaded loaded = ModelFile.load(file);

        GenerationRequest request = GenerationRequest.of(100, 11);
        assertThat(loaded.generator().users(request).toList()).isEqualTo(model.users(request).toList());
        assertThat(((GanGenerator) loaded.generator()).history()).isEqualTo(model.history());
        assertThat(((GanGenerator) loaded.generator()).rules()).isEqualTo(SamplingRules.CURRENT);
    }

    @Test
    void calibrationBringsGeneratedTokenFrequenciesCloserToTheTrainingData() {
        CalibrationReport report = model.calibrationReport().orElseThrow();

        assertThat(report.rounds()).isEqualTo(GanOptions.DEFAULT.calibrationRounds());
        assertThat(report.tokenDistanceAfter()).isLessThan(report.tokenDistanceBefore());
        // kept unless the validation AUC is worse beyond the draws' noise (the selection score is not the rule)
        assertThat(report.validationAucMargin()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(report.kept())
                .isEqualTo(report.validationAucAfter() <= report.validationAucBefore() + report.validationAucMargin());
        assertThat(model.calibration() != null).isEqualTo(report.kept());
    }

    @Test
    void aCalibrationKeepsTheMeanOfItsLaterRoundsCorrections() {
        TokenLayout layout = new TokenLayout(model.encoding());
        List<int[]> first = new ArrayList<>();
        List<int[]> later = new ArrayList<>();
        for (dev.sessiongan.data.UserHistory user : slice.users()) {
            int[] profile = model.encoding().profileOf(user);
            for (int k = 0; k < user.sessions().size(); k++) {
                (k == 0 ? first : later).add(layout.tokens(profile, model.encoding().encode(user.sessions().get(k))));
            }
        }
        List<Calibration> rounds = new ArrayList<>();

        Calibrator.Fit fit = Calibrator.fit(model.withCalibration(null, null), Calibration.Counts.of(layout, first, later),
                5, GanGenerator.SHARD, 3, rounds::add);

        assertThat(rounds).hasSize(5);
        // rounds 3 to 5 (the later half of five), not the last round's corrections alone
        assertThat(fit.calibration().offsets()).isDeepEqualTo(Calibration.mean(rounds.subList(2, 5)).offsets());
        assertThat(fit.calibration().endOffsets()).isDeepEqualTo(Calibration.mean(rounds.subList(2, 5)).endOffsets());
        assertThat(java.util.Arrays.deepEquals(fit.calibration().offsets(), rounds.get(4).offsets())).isFalse();
        assertThat(fit.distanceAfter()).isLessThan(fit.distanceBefore());
    }

    @Test
    void aCalibrationChangesTheUsersAndSurvivesAModelFile() throws IOException {
        TokenLayout layout = new TokenLayout(model.encoding());
        double[][] offsets = new double[Calibration.CONTEXTS][layout.vocabulary()];
        int cart = layout.offset(TokenLayout.Field.TYPE) + dev.sessiongan.data.EventType.ADD_TO_CART.ordinal();
        for (double[] context : offsets) {
            context[cart] = 2.0;
        }
        double[][] ends = new double[layout.size(TokenLayout.Field.LENGTH)][Calibration.END_STEPS];
        ends[4][0] = -1.0;
        double[] stays = new double[Calibration.STAY_GROUPS];
        stays[1] = -1.5;
        Calibration calibration = new Calibration(layout, offsets, ends, stays);
        GanGenerator calibrated = model.withCalibration(calibration,
                new CalibrationReport(1, 256, 0.1, 0.05, 0.6, 0.58, 0.7, 0.65, true, 0.01));
        Path file = dir.resolve("calibrated.model");
        ModelFile.save(file, calibrated, ModelManifest.now(GanGenerator.KIND, TINY.seed(), null, Map.of()));

        GanGenerator loaded = (GanGenerator) ModelFile.load(file).generator();

        GenerationRequest request = GenerationRequest.of(300, 11);
        List<VirtualUser> users = calibrated.users(request).toList();
        assertThat(loaded.users(request).toList()).isEqualTo(users);
        assertThat(loaded.calibrationReport()).isEqualTo(calibrated.calibrationReport());
        assertThat(loaded.calibration().stayOffsets()).containsExactly(stays);
        assertThat(carts(users)).isGreaterThan(carts(model.withCalibration(null, null).users(request).toList()));

        Path ragged = dir.resolve("ragged.model");
        rewriteEntry(file, ragged, "calibration.json", "{\"report\":null,\"offsets\":[[0.0]],\"endOffsets\":[[0.0]]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFile.load(ragged))
                .isInstanceOf(dev.sessiongan.InvalidInputException.class)
                .hasMessageContaining("ragged.model").hasMessageContaining("corrupt GAN model");
    }

    @Test
    void theSamplerEntrySaysHowAModelIsSampledAndACorruptOneIsRefused() throws IOException {
        Path file = dir.resolve("strict.model");
        ModelFile.save(file, model, ModelManifest.now(GanGenerator.KIND, TINY.seed(), null, Map.of()));
        Path lenient = dir.resolve("lenient.model");
        rewriteEntry(file, lenient, "sampler.json", "{\"strict\":false}");
        Path corrupt = dir.resolve("corrupt-sampler.model");
        rewriteEntry(file, corrupt, "sampler.json", "{\"strict\":");
        Path silent = dir.resolve("silent-sampler.model");
        rewriteEntry(file, silent, "sampler.json", "{}");
        Path byTurns = dir.resolve("turns.model");
        rewriteEntry(file, byTurns, "sampler.json", "{\"strict\":true}");
        Path beforeSlotItems = dir.resolve("before-slot-items.model");
        rewriteEntry(file, beforeSlotItems, "sampler.json", "{\"strict\":true,\"dealing\":\"pass\"}");
        Path unknownDealing = dir.resolve("unknown-dealing.model");
        rewriteEntry(file, unknownDealing, "sampler.json", "{\"strict\":true,\"dealing\":\"shuffle\"}");

        GanGenerator loaded = (GanGenerator) ModelFile.load(lenient).generator();
        GanGenerator turns = (GanGenerator) ModelFile.load(byTurns).generator();

        GenerationRequest request = GenerationRequest.of(60, 2);
        assertThat(loaded.rules()).isEqualTo(SamplingRules.LEGACY);
        assertThat(loaded.users(request).toList()).isEqualTo(model.withRules(SamplingRules.LEGACY).users(request).toList());
        assertThat(turns.rules()).isEqualTo(new SamplingRules(true, false, false));
        assertThat(((GanGenerator) ModelFile.load(beforeSlotItems).generator()).rules())
                .isEqualTo(new SamplingRules(true, true, false));
        assertThat(((GanGenerator) ModelFile.load(file).generator()).rules()).isEqualTo(SamplingRules.CURRENT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFile.load(unknownDealing))
                .isInstanceOf(dev.sessiongan.InvalidInputException.class)
                .hasMessageContaining("unknown-dealing.model").hasMessageContaining("dealing \"shuffle\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFile.load(corrupt))
                .isInstanceOf(dev.sessiongan.InvalidInputException.class)
                .hasMessageContaining("corrupt-sampler.model").hasMessageContaining("corrupt GAN model");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFile.load(silent))
                .isInstanceOf(dev.sessiongan.InvalidInputException.class)
                .hasMessageContaining("silent-sampler.model")
                .hasMessageContaining("must say whether sampling is strict");
    }

    /** Copies a model file with its GAN part's entry {@code name} replaced by {@code json}. */
    private static void rewriteEntry(Path from, Path to, String name, String json) throws IOException {
        java.io.ByteArrayOutputStream outer = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(from));
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(outer)) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(e.getName().equals(GanModelIo.ENTRY) ? withEntry(bytes, name, json) : bytes);
                out.closeEntry();
            }
        }
        java.nio.file.Files.write(to, outer.toByteArray());
    }

    private static byte[] withEntry(byte[] zip, String name, String content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(e.getName().equals(name) ? content.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : in.readAllBytes());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static long carts(List<VirtualUser> users) {
        return users.stream().flatMap(u -> u.sessions().stream()).flatMap(s -> s.events().stream())
                .filter(e -> e.type() == dev.sessiongan.data.EventType.ADD_TO_CART).count();
    }
}
