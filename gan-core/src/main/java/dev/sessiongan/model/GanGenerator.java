package dev.sessiongan.model;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TailDeck;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.encoding.TokenLayout.Field;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.PersistentGenerator;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.generate.UserProfile;
import dev.sessiongan.generate.VirtualUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The trained session GAN's generator: samples a profile, then that user's sessions conditioned on it,
 * token by token, and decodes them to real items and times. Users are generated in fixed shards of
 * {@value #SHARD} by index, so user {@code i} is the same however many users are asked for and however
 * the work is split.
 */
public final class GanGenerator implements PersistentGenerator {

    /** The model kind written to model files. */
    public static final String KIND = "gan";

    static final int SHARD = 256;

    /** How many states of a pass's deck are kept at most, so that reaching a shard replays a fraction of it. */
    static final int PASS_STATES = 16;

    /**
     * How many generated shards are kept: enough for a few requests' iterators that take turns (two seeds in
     * one test) or for the shards a parallel stream's threads are on at once, without generating one twice;
     * at most 64 (about 45 MB of users on a many-core machine).
     */
    static final int KEPT_SHARDS = Math.min(64, Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));

    /**
     * How many passes' dealing states are kept: one per request whose users are being reached, and one per
     * thread that generates a pass of its own (a parallel stream, or users generated ahead, which use at most
     * one thread per processor): a thread whose state is dropped between two shards replays its pass.
     */
    static final int KEPT_PASSES = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());

    private final SessionEncoding encoding;
    private final TokenLayout layout;
    private final TokenNetwork network;
    private final UserTiming timing;
    private final GanOptions options;
    private final TrainingHistory history;
    private final Calibration calibration;
    private final CalibrationReport calibrationReport;
    private final SamplingRules rules;
    /** The critic that redraws first sessions at generation, or {@code null}. */
    private final Guidance guidance;
    private final GuidanceReport guidanceReport;
    /** Generated shards, the most recently reached last. */
    private final RecentlyUsed<ShardKey, VirtualUser[]> shards = new RecentlyUsed<>(KEPT_SHARDS);
    /** What generation keeps of the passes it dealt from most recently (pass dealing only). */
    private final RecentlyUsed<PassKey, PassState> passes = new RecentlyUsed<>(KEPT_PASSES);
    private long generatedShards;
    private final AtomicLong replayedShards = new AtomicLong();
    private InferenceNetwork inference;

    GanGenerator(SessionEncoding encoding, TokenNetwork network, UserTiming timing, GanOptions options,
            TrainingHistory history) {
        this(encoding, network, timing, options, history, null, null, SamplingRules.CURRENT, null, null);
    }

    /**
     * @param rules    how users are drawn: the rules the model was written with
     * @param guidance the critic that redraws first sessions, or {@code null}
     */
    private GanGenerator(SessionEncoding encoding, TokenNetwork network, UserTiming timing, GanOptions options,
            TrainingHistory history, Calibration calibration, CalibrationReport calibrationReport,
            SamplingRules rules, Guidance guidance, GuidanceReport guidanceReport) {
        this.encoding = encoding;
        this.layout = new TokenLayout(encoding);
        this.network = network;
        this.timing = timing;
        this.options = options;
        this.history = history;
        this.calibration = calibration;
        this.calibrationReport = calibrationReport;
        this.rules = rules;
        this.guidance = guidance;
        this.guidanceReport = guidanceReport;
    }

    /** The same network with another calibration of its draws ({@code null}: none) and its report. */
    GanGenerator withCalibration(Calibration corrections, CalibrationReport report) {
        return new GanGenerator(encoding, network, timing, options, history, corrections, report, rules, guidance,
                guidanceReport);
    }

    /** The same model with another critic redrawing its first sessions ({@code null}: none) and its report. */
    GanGenerator withGuidance(Guidance critic, GuidanceReport report) {
        return new GanGenerator(encoding, network, timing, options, history, calibration, calibrationReport, rules,
                critic, report);
    }

    /** The same model recording other training options (a critic trained for it afterwards). */
    GanGenerator withOptions(GanOptions other) {
        return new GanGenerator(encoding, network, timing, other, history, calibration, calibrationReport, rules,
                guidance, guidanceReport);
    }

    /** The critic that redraws first sessions at generation, or {@code null}. */
    Guidance guidance() {
        return guidance;
    }

    /**
     * What training a critic for generation did (whether generation uses it is part of the report); empty for a
     * model trained without it.
     */
    public Optional<GuidanceReport> guidanceReport() {
        return Optional.ofNullable(guidanceReport);
    }

    /**
     * The same network and corrections, decoding with tables and timing fitted to {@code data}, which must hold
     * the data this model was trained on ({@link SessionEncoding#refit}); the tokens keep their meaning.
     */
    GanGenerator refittedTo(SessionDataset data) {
        return new GanGenerator(encoding.refit(data), network, UserTiming.fit(data), options, history, calibration,
                calibrationReport, rules, guidance, guidanceReport);
    }

    /** The same model drawn by other rules (those of a model written before some of them existed). */
    GanGenerator withRules(SamplingRules other) {
        return new GanGenerator(encoding, network, timing, options, history, calibration, calibrationReport, other,
                guidance, guidanceReport);
    }

    /** How this model's users are drawn. */
    SamplingRules rules() {
        return rules;
    }

    @Override
    public boolean emitsNewItems() {
        return rules.passDealing() && encoding.dealsTail();
    }

    /**
     * How the generator's draws were calibrated after training (whether the calibration was kept is part of
     * the report); empty for a model trained without calibration.
     */
    public Optional<CalibrationReport> calibrationReport() {
        return Optional.ofNullable(calibrationReport);
    }

    /** The corrections applied to the network's draws, or {@code null}. */
    Calibration calibration() {
        return calibration;
    }

    TokenLayout layout() {
        return layout;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The users of a pass of the tail (see {@link #user}), or of a shard where the model does not deal by pass. */
    @Override
    public int usersGeneratedTogether() {
        return (int) Math.min(Integer.MAX_VALUE, shardsPerPass() * SHARD);
    }

    @Override
    public int maxSessionLength() {
        return encoding.options().maxLength();
    }

    @Override
    public Optional<Set<String>> categories() {
        return Optional.of(encoding.itemCategories());
    }

    /** The per-epoch training history saved with the model. */
    public TrainingHistory history() {
        return history;
    }

    /** The options the model was trained with. */
    public GanOptions options() {
        return options;
    }

    SessionEncoding encoding() {
        return encoding;
    }

    TokenNetwork network() {
        return network;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Users are generated a shard of {@value #SHARD} at a time. A model that deals its long tail by pass
     * (see {@link TailDeck}) generates a shard from the deck the shards before it in its pass left: reaching
     * users in order costs nothing more, but reaching a shard other than the next one replays the shards
     * before it in its pass from the nearest earlier state of the pass's deck that this generator kept (fewer
     * than {@value #PASS_STATES} a pass, for the passes reached last: at least eight, two per processor): none
     * on the REES46 default, whose passes are 14 shards, and up to 12 shards (3,072 users) on Taobao's
     * 208-shard passes, once that part of the pass has been generated; else the pass from its start (up to
     * 3,584 and 53,248 users). The shards reached most recently are kept whole (at least eight, two per
     * processor, at most 64), so iterators of several requests that take turns do not generate a shard twice.
     * Threads generate shards of different passes at once, one pass's shards one at a time, so a parallel
     * stream, which splits only between passes ({@link #usersGeneratedTogether}), runs a pass a thread.
     */
    @Override
    public VirtualUser user(long index, GenerationRequest request) {
        if (index < 0 || index >= request.users()) {
            throw new IllegalArgumentException("user index must be in [0, " + request.users() + "), got " + index);
        }
        long shard = index / SHARD;
        ShardKey key = new ShardKey(shard, request.seed(), request.start(), request.newItems());
        PassState pass;
        synchronized (this) {
            VirtualUser[] users = shards.get(key);
            if (users != null) {
                return users[(int) (index - shard * SHARD)];
            }
            pass = passOf(shard, request);
        }
        // a pass's shards are generated one at a time, in its own lock: other passes go on on other threads
        VirtualUser[] users;
        synchronized (pass) {
            synchronized (this) {
                users = shards.get(key);
            }
            if (users == null) {
                users = generateShard(shard, request, pass);
                synchronized (this) {
                    shards.put(key, users);
                    generatedShards++;
                }
            }
        }
        return users[(int) (index - shard * SHARD)];
    }

    /** The plain-Java copy of the network that generation samples from (made once: weights are final here). */
    private synchronized InferenceNetwork inference() {
        if (inference == null) {
            inference = InferenceNetwork.of(network);
        }
        return inference;
    }

    private record ShardKey(long shard, long seed, java.time.Instant start, boolean newItems) {
    }

    /** A pass of a request's users; the start time is not part of it, as it moves timestamps only. */
    private record PassKey(long seed, boolean newItems, long index) {
    }

    /** A shard's users as token sequences (first session first), with the random streams that drew them. */
    record ShardTokens(List<List<int[]>> sessions, SplittableRandom[] randoms) {
    }

    ShardTokens sampleShard(long shard, long seed) {
        SplittableRandom[] randoms = new SplittableRandom[SHARD];
        float[][] noise = new float[SHARD][network.noise()];
        for (int b = 0; b < SHARD; b++) {
            randoms[b] = SessionGenerator.randomFor(seed, shard * SHARD + b);
            for (int z = 0; z < network.noise(); z++) {
                noise[b][z] = (float) Draws.gaussian(randoms[b]);
            }
        }
        SequenceSampler sampler = new SequenceSampler(inference().withOwnState(), layout,
                encoding.options().maxLength(), calibration, rules);
        List<List<int[]>> sessions = new ArrayList<>(SHARD);
        int[][] profiles = new int[SHARD][];
        int[] wanted = new int[SHARD];
        List<int[]> first = sampler.sampleFirstSessions(randoms, noise);
        int most = 0;
        for (int b = 0; b < SHARD; b++) {
            List<int[]> list = new ArrayList<>();
            list.add(first.get(b));
            sessions.add(list);
            profiles[b] = Arrays.copyOf(first.get(b), TokenLayout.PROFILE_TOKENS);
            int bucket = layout.valueOf(profiles[b][0], Field.SESSIONS);
            wanted[b] = Math.min(options.maxSessionsPerUser(), encoding.sessionCount(bucket, randoms[b]));
            most = Math.max(most, wanted[b]);
        }
        boolean[][] buying = buyingPlans(profiles, wanted, randoms);
        for (int b : redrawnAgainstPlans(sampler, first, buying, randoms, noise)) {
            sessions.get(b).set(0, first.get(b));
        }
        if (guidance != null) {
            for (int b : guidance.redrawn(sampler, first, randoms, noise)) {
                sessions.get(b).set(0, first.get(b));
            }
        }
        for (int k = 1; k < most; k++) {
            // only the users who still need a session are sampled; the batch's make-up depends only on the
            // shard's own draws, so output stays deterministic
            List<Integer> rows = new ArrayList<>();
            for (int b = 0; b < SHARD; b++) {
                if (wanted[b] > k) {
                    rows.add(b);
                }
            }
            int session = k;
            SubBatch next = SubBatch.of(rows, b -> profiles[b], randoms, noise);
            List<int[]> drawn = sampler.samplePlanned(next.profiles(),
                    next.flags(b -> buying[b] != null && buying[b][session]),
                    next.flags(b -> buying[b] != null && !buying[b][session]), next.randoms(), next.noise());
            for (int i = 0; i < rows.size(); i++) {
                sessions.get(rows.get(i)).add(drawn.get(i));
            }
        }
        return new ShardTokens(sessions, randoms);
    }

    /**
     * Per user, which of its sessions buy ({@link SessionEncoding#buyingSessions}), for buyers of the
     * several-sessions buckets; {@code null} where the network decides (everyone else, and every user of a
     * model without a recorded rate). A single-session buyer's one session buys by
     * {@link SequenceSampler#sampleFirstSessions}.
     */
    private boolean[][] buyingPlans(int[][] profiles, int[] wanted, SplittableRandom[] randoms) {
        boolean[][] plans = new boolean[profiles.length][];
        for (int b = 0; b < profiles.length; b++) {
            if (layout.valueOf(profiles[b][Field.BUYER.ordinal()], Field.BUYER) == 1
                    && layout.valueOf(profiles[b][Field.SESSIONS.ordinal()], Field.SESSIONS) > 0) {
                plans[b] = encoding.buyingSessions(wanted[b], randoms[b]);
            }
        }
        return plans;
    }

    /**
     * Draws again, keeping the profile, each first session that does not keep its user's buying plan; returns
     * the rows drawn again.
     */
    private static List<Integer> redrawnAgainstPlans(SequenceSampler sampler, List<int[]> first, boolean[][] plans,
            SplittableRandom[] randoms, float[][] noise) {
        List<Integer> rows = new ArrayList<>();
        for (int b = 0; b < first.size(); b++) {
            if (plans[b] != null && plans[b][0] != sampler.purchases(first.get(b))) {
                rows.add(b);
            }
        }
        if (rows.isEmpty()) {
            return rows;
        }
        SubBatch redraw = SubBatch.of(rows, b -> Arrays.copyOf(first.get(b), TokenLayout.PROFILE_TOKENS),
                randoms, noise);
        List<int[]> again = sampler.samplePlanned(redraw.profiles(), redraw.flags(b -> plans[b][0]),
                redraw.flags(b -> !plans[b][0]), redraw.randoms(), redraw.noise());
        for (int i = 0; i < rows.size(); i++) {
            first.set(rows.get(i), again.get(i));
        }
        return rows;
    }

    /** Generates {@code shard}, holding the lock of its pass's {@code state}. */
    private VirtualUser[] generateShard(long shard, GenerationRequest request, PassState state) {
        if (!rules.passDealing()) {
            if (request.newItems()) {
                throw new InvalidInputException("this model deals its long tail by turns between runs of users (it"
                        + " was written before the tail was dealt in user order), so it cannot emit items new to the"
                        + " catalog; train it again");
            }
            return decodeShard(shard, request, encoding.tailDeck(request.seed(), shard * SHARD, SHARD));
        }
        int runs = encoding.runsPerPass(SHARD);
        TailDeck deck = deckBefore(shard, runs, state, request);
        // decoding moves the deck on: if it fails half way, the next request must replay the pass
        state.deck = null;
        VirtualUser[] users = decodeShard(shard, request, deck);
        state.deck = deck;
        state.nextShard = shard + 1;
        keep(state, shard + 1, runs, deck);
        return users;
    }

    /** Consecutive shards whose users are dealt from one pass of the tail: one, where the model does not. */
    private long shardsPerPass() {
        return rules.passDealing() ? encoding.runsPerPass(SHARD) : 1;
    }

    /** What is kept of the pass that deals {@code shard} of the request's users, or a new state if nothing is. */
    private PassState passOf(long shard, GenerationRequest request) {
        long index = shard / shardsPerPass();
        PassKey key = new PassKey(request.seed(), request.newItems(), index);
        return passes.computeIfAbsent(key, k -> new PassState(index));
    }

    /**
     * The deck of {@code shard}'s pass as the shards before it in the pass leave it: the one the previous
     * shard left when users are generated in order, else replayed from the nearest copy kept before it, or
     * from the pass's first shard.
     */
    private TailDeck deckBefore(long shard, int runs, PassState state, GenerationRequest request) {
        if (state.deck != null && state.nextShard == shard) {
            return state.deck;
        }
        Map.Entry<Long, TailDeck> kept = state.kept.floorEntry(shard);
        TailDeck deck = kept != null ? kept.getValue().copy()
                : encoding.passDeck(request.seed(), state.index, request.newItems());
        for (long s = kept != null ? kept.getKey() : shard - shard % runs; s < shard; s++) {
            decodeShard(s, request, deck);
            replayedShards.incrementAndGet();
            keep(state, s + 1, runs, deck);
        }
        return deck;
    }

    /**
     * Keeps a copy of the deck as the shards before {@code shard} left it, every sixteenth of a pass (rounded
     * up to whole shards), for reaching users out of order.
     */
    private static void keep(PassState state, long shard, int runs, TailDeck deck) {
        long every = (runs + PASS_STATES - 1) / PASS_STATES;
        if (shard % runs != 0 && shard % runs % every == 0) {
            state.kept.put(shard, deck.copy());
        }
    }

    /** Shards decoded again to reach a shard out of order, since this generator was made (for tests). */
    long replayedShards() {
        return replayedShards.get();
    }

    /** Shards generated for the users asked for, since this generator was made (for tests). */
    synchronized long generatedShards() {
        return generatedShards;
    }

    /**
     * A pass generation dealt from: its deck as the last generated shard left it and the shard that deck deals
     * to next ({@code null} before any, or after a shard failed half way), and copies of the deck from before
     * some of its shards, by shard.
     */
    private static final class PassState {
        private final long index;
        private final TreeMap<Long, TailDeck> kept = new TreeMap<>();
        private TailDeck deck;
        private long nextShard;

        PassState(long index) {
            this.index = index;
        }
    }

    private VirtualUser[] decodeShard(long shard, GenerationRequest request, TailDeck tailDeck) {
        ShardTokens tokens = sampleShard(shard, request.seed());
        List<List<int[]>> sessions = tokens.sessions();
        SplittableRandom[] randoms = tokens.randoms();
        VirtualUser[] users = new VirtualUser[SHARD];
        long origin = request.startTime().map(java.time.Instant::toEpochMilli).orElse(timing.dataStartMillis());
        long resolution = encoding.timeResolutionMillis();
        for (int b = 0; b < SHARD; b++) {
            String userId = SessionGenerator.userId(shard * SHARD + b);
            long t = origin + timing.firstSessionOffset(randoms[b], resolution);
            List<UserSession> decoded = new ArrayList<>();
            List<dev.sessiongan.data.ClickEvent> earlier = new ArrayList<>();
            for (int k = 0; k < sessions.get(b).size(); k++) {
                UserSession session = encoding.decode(steps(sessions.get(b).get(k)), userId, userId + "-s" + (k + 1), t,
                        randoms[b], tailDeck, rules.strict(), earlier);
                decoded.add(session);
                earlier.addAll(session.events());
                t = session.end().toEpochMilli() + timing.gapBetweenSessions(randoms[b], resolution);
            }
            users[b] = new VirtualUser(userId, UserProfile.of(new UserHistory(userId, decoded)), decoded);
        }
        return users;
    }

    /** The event rows of a token sequence (header tokens skipped, END dropped). */
    List<int[]> steps(int[] tokens) {
        List<int[]> steps = new ArrayList<>();
        for (int p = TokenLayout.HEADER_TOKENS; p + 3 < tokens.length; p += 4) {
            int type = layout.valueOf(tokens[p], Field.TYPE);
            if (type == SessionEncoding.END) {
                break;
            }
            steps.add(new int[] {type, layout.valueOf(tokens[p + 1], Field.CATEGORY),
                    layout.valueOf(tokens[p + 2], Field.ITEM), layout.valueOf(tokens[p + 3], Field.TIME)});
        }
        return steps;
    }

    @Override
    public String modelEntryName() {
        return GanModelIo.ENTRY;
    }

    @Override
    public void writeModel(OutputStream out) throws IOException {
        GanModelIo.write(this, timing, out);
    }

    /**
     * Reads a model written by {@link #writeModel(OutputStream)}.
     *
     * @throws InvalidInputException if the content is not a valid GAN model
     */
    public static GanGenerator readModel(InputStream in, String source) throws IOException {
        return GanModelIo.read(in, source);
    }
}
