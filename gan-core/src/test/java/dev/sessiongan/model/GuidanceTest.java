package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The critic used at generation: what it redraws, what it keeps, and how a model holds it. */
class GuidanceTest {

    private static final long SEED = 5;
    private static GanGenerator model;
    /**
     * A critic trained to take for real the first sessions whose second event comes after the model's most common
     * gap (which a user's header leaves open, where the first event's category follows the preferred one).
     */
    private static Guidance favouringGap;
    private static Predicate<int[]> withGap;

    @BeforeAll
    static void trainACriticWithAKnownTaste() throws IOException {
        try (InputStream in = GuidanceTest.class.getResourceAsStream(EmbeddedModels.DEFAULT_RESOURCE)) {
            model = (GanGenerator) ModelFile.load(in.readAllBytes(), "default.model").generator();
        }
        List<int[]> pool = firstSessions(model, 0, 4, 99);
        int gap = TokenLayout.HEADER_TOKENS + 4 + 3;
        int[] counts = new int[model.layout().vocabulary()];
        for (int[] s : pool) {
            if (s.length > gap) {
                counts[s[gap]]++;
            }
        }
        int common = 0;
        for (int t = 0; t < counts.length; t++) {
            common = counts[t] > counts[common] ? t : common;
        }
        int token = common;
        withGap = s -> s.length > gap && s[gap] == token;
        List<int[]> liked = pool.stream().filter(withGap).toList();
        List<int[]> other = pool.stream().filter(s -> s.length > gap && s[gap] != token).toList();
        Discriminator critic = Discriminator.create(CriticNetwork.CONVOLUTIONAL, model.layout().vocabulary(), 16, 1,
                3e-3, 7);
        SplittableRandom random = new SplittableRandom(1);
        for (int step = 0; step < 80; step++) {
            critic.fit(draw(liked, random), draw(other, random), 1.0);
        }
        double[] logits = pool.stream().mapToDouble(CriticScorer.of(critic)::logit).sorted().toArray();
        favouringGap = new Guidance(critic, logits[(int) (0.9 * (logits.length - 1))], Guidance.ROUNDS);
    }

    @Test
    void redrawsAFirstSessionWithItsProfileLengthClassAndPurchaseKept() {
        GanGenerator guided = model.withGuidance(favouringGap, null);
        List<List<int[]>> plain = model.sampleShard(1, SEED).sessions();
        List<List<int[]>> redrawn = guided.sampleShard(1, SEED).sessions();

        SequenceSampler purchases = new SequenceSampler(InferenceNetwork.of(model.network()), model.layout(), 20);
        int changed = 0;
        for (int b = 0; b < plain.size(); b++) {
            int[] before = plain.get(b).get(0);
            int[] after = redrawn.get(b).get(0);
            assertThat(Arrays.copyOf(after, TokenLayout.HEADER_TOKENS)).as("user %s's header", b)
                    .containsExactly(Arrays.copyOf(before, TokenLayout.HEADER_TOKENS));
            assertThat(purchases.purchases(after)).as("user %s buys", b).isEqualTo(purchases.purchases(before));
            changed += Arrays.equals(before, after) ? 0 : 1;
        }
        assertThat(changed).as("first sessions drawn again").isBetween(20, 250);
        assertThat(guided.sampleShard(1, SEED).sessions()).as("the same draws again")
                .usingRecursiveComparison().isEqualTo(redrawn);
    }

    /** The critic's coins come from each user's stream: the same users however many threads generate them. */
    @Test
    void guidedUsersAreTheSameOnSeveralThreads() {
        GanGenerator guided = model.withGuidance(favouringGap, null);
        GenerationRequest request = GenerationRequest.of(guided.usersGeneratedTogether() + 300L, SEED);
        List<dev.sessiongan.generate.VirtualUser> sequential = guided.users(request).toList();

        try (var threads = model.withGuidance(favouringGap, null).users(request, 2)) {
            assertThat(threads.toList()).isEqualTo(sequential);
        }
    }

    @Test
    void movesFirstSessionsTowardsWhatTheCriticTakesForReal() {
        GanGenerator guided = model.withGuidance(favouringGap, null);
        double before = share(firstSessions(model, 0, 4, SEED));
        double after = share(firstSessions(guided, 0, 4, SEED));

        assertThat(after).as("share of first sessions with the favoured gap, unguided %s", before)
                .isGreaterThan(before + 0.05);
    }

    @Test
    void aGuidedModelIsSavedWithItsCriticAndGeneratesTheSameUsersWhenRead() throws IOException {
        GuidanceReport report = new GuidanceReport(8, 0.56, 0.41, 0.53, 0.52, true, 0.01);
        GanGenerator guided = model.withGuidance(favouringGap, report);
        byte[] bytes = write(guided);

        GanGenerator read = GanModelIo.read(new ByteArrayInputStream(bytes), "guided.model");

        assertThat(read.guidanceReport()).contains(report);
        GenerationRequest request = GenerationRequest.of(300, SEED);
        assertThat(read.users(request).toList()).isEqualTo(guided.users(request).toList())
                .isNotEqualTo(model.users(request).toList());
        // a report of a critic that is not used, alone
        GuidanceReport unused = new GuidanceReport(8, 0.50, 0.40, 0.53, 0.55, false, 0.01);
        GanGenerator notGuided = GanModelIo.read(new ByteArrayInputStream(write(model.withGuidance(null, unused))),
                "m");
        assertThat(notGuided.guidanceReport()).contains(unused);
        assertThat(notGuided.guidance()).isNull();
    }

    @Test
    void aGuidancePartThatContradictsItselfIsRefused() throws IOException {
        GuidanceReport used = new GuidanceReport(8, 0.56, 0.41, 0.53, 0.52, true, 0.01);
        byte[] guided = write(model.withGuidance(favouringGap, used));

        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(without(guided, "critic.zip")), "g.model"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("g.model")
                .hasMessageContaining("critic.zip is missing");
        byte[] damaged = replaced(guided, "critic.zip", "not a network".getBytes());
        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(damaged), "g.model"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("critic.zip: not a readable network");
        byte[] saysUnused = replaced(guided, "guidance.json",
                "{\"report\":{\"passes\":8,\"kept\":false},\"topLogit\":1.0,\"rounds\":8}".getBytes());
        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(saysUnused), "g.model"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not used, but the model holds one");
        byte[] noTop = replaced(guided, "guidance.json", "{\"report\":{\"passes\":8,\"kept\":true},\"rounds\":8}"
                .getBytes());
        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(noTop), "g.model"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'topLogit' is missing");
        byte[] endless = replaced(guided, "guidance.json",
                "{\"report\":{\"passes\":8,\"kept\":true},\"topLogit\":1.0,\"rounds\":2000000000}".getBytes());
        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(endless), "g.model"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("guidance.json: field 'rounds' must be in [1, 100], got 2000000000");
        byte[] keepsNone = replaced(guided, "guidance.json",
                "{\"report\":{\"passes\":8,\"kept\":true},\"topLogit\":1e300,\"rounds\":8}".getBytes());
        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(keepsNone), "g.model"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("field 'topLogit' must be in");
        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(without(guided, "guidance.json")), "g.model"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("guidance.json is missing, but the model holds critic.zip");
        // a critic of another architecture: a recurrent one, and a convolutional one of another vocabulary
        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(replaced(guided, "critic.zip",
                weights(Discriminator.create(CriticNetwork.RECURRENT, model.layout().vocabulary(), 8, 1, 1e-3, 1)))),
                "g.model")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("critic.zip: not the convolutional critic this model needs");
        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(replaced(guided, "critic.zip",
                weights(Discriminator.create(CriticNetwork.CONVOLUTIONAL, 12, 8, 1, 1e-3, 1)))), "g.model"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("critic.zip: not the convolutional"
                        + " critic this model needs (the critic reads a vocabulary of 12 tokens");
    }

    @Test
    void aModelWhoseOptionsSayItWasGuidedNeedsItsGuidancePart() throws IOException {
        GanGenerator saysGuided = model.withOptions(model.options().toBuilder().guidancePasses(8).build());

        assertThatThrownBy(() -> GanModelIo.read(new ByteArrayInputStream(write(saysGuided)), "g.model"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("guidance.json is missing, but options.json says a critic was trained");
    }

    private static byte[] weights(Discriminator critic) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        critic.writeWeights(bytes);
        return bytes.toByteArray();
    }

    /** Among sessions of two events or more, the share whose second event comes after the favoured gap. */
    private static double share(List<int[]> sessions) {
        List<int[]> twoOrMore = sessions.stream().filter(s -> s.length > TokenLayout.HEADER_TOKENS + 7).toList();
        return twoOrMore.stream().filter(withGap).count() / (double) twoOrMore.size();
    }

    private static List<int[]> firstSessions(GanGenerator generator, long from, long shards, long seed) {
        List<int[]> out = new ArrayList<>();
        for (long shard = from; shard < from + shards; shard++) {
            for (List<int[]> user : generator.sampleShard(shard, seed).sessions()) {
                out.add(user.get(0));
            }
        }
        return out;
    }

    private static List<int[]> draw(List<int[]> from, SplittableRandom random) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            out.add(from.get(random.nextInt(from.size())));
        }
        return out;
    }

    private static byte[] write(GanGenerator generator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        generator.writeModel(bytes);
        return bytes.toByteArray();
    }

    private static byte[] without(byte[] zip, String entry) throws IOException {
        return replaced(zip, entry, null);
    }

    /** The zip with {@code entry}'s content replaced ({@code null}: left out). */
    private static byte[] replaced(byte[] zip, String entry, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] body = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    if (content == null) {
                        continue;
                    }
                    body = content;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(body);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
