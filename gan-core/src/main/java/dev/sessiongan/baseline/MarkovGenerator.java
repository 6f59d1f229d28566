package dev.sessiongan.baseline;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.generate.UserProfile;
import dev.sessiongan.generate.VirtualUser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.internal.EmpiricalDistribution;
import dev.sessiongan.internal.WeightedChoice;
import dev.sessiongan.generate.PersistentGenerator;
import dev.sessiongan.internal.JsonParts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The Markov baseline generator, fitted by {@link MarkovTrainer}. Plain Java, no tensors: it generates
 * millions of sessions a second, and every later model is judged beside it.
 */
public final class MarkovGenerator implements PersistentGenerator {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.CLOSE_CLOSEABLE)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The model kind written to model files. */
    public static final String KIND = "markov";

    /** Gap between sessions when the training data had no user with two sessions. */
    private static final long FALLBACK_SESSION_GAP_MILLIS = 3_600_000;
    private static final EventType[] TYPES = EventType.values();

    private final MarkovParameters parameters;
    private final int categoryCount;
    private final String[] categoryIds;
    private final String[][] itemIds;
    private final BigDecimal[][] itemPrices;
    private final WeightedChoice[] itemChoice;
    private final int[] startStates;
    private final WeightedChoice startChoice;
    private final int[][] nextStates;
    private final WeightedChoice[] nextChoice;
    private final EmpiricalDistribution[] gapByPair;
    private final int[] sessionsPerUser;
    private final WeightedChoice sessionsPerUserChoice;
    private final EmpiricalDistribution interSessionGap;
    private final EmpiricalDistribution startOffset;

    MarkovGenerator(MarkovParameters p) {
        MarkovValidation.check(p);
        this.parameters = p;
        this.categoryCount = p.categories().size();
        this.categoryIds = p.categories().stream().map(s -> s.isEmpty() ? null : s).toArray(String[]::new);
        this.itemIds = new String[categoryCount][];
        this.itemPrices = new BigDecimal[categoryCount][];
        this.itemChoice = new WeightedChoice[categoryCount];
        for (int c = 0; c < categoryCount; c++) {
            MarkovParameters.CategoryItems items = p.items().get(c);
            itemIds[c] = items.ids().toArray(String[]::new);
            itemPrices[c] = items.prices().stream().map(s -> s == null ? null : new BigDecimal(s))
                    .toArray(BigDecimal[]::new);
            itemChoice[c] = items.ids().isEmpty() ? null : new WeightedChoice(items.counts());
        }
        this.startStates = p.startStates().clone();
        this.startChoice = new WeightedChoice(p.startCounts());
        int states = TYPES.length * categoryCount;
        this.nextStates = new int[states][];
        this.nextChoice = new WeightedChoice[states];
        for (MarkovParameters.TransitionRow row : p.transitions()) {
            nextStates[row.from()] = row.to().clone();
            nextChoice[row.from()] = new WeightedChoice(row.counts());
        }
        Map<String, double[]> gaps = p.gapQuantilesMillis();
        EmpiricalDistribution any = gaps.containsKey(MarkovParameters.ANY_GAP)
                ? new EmpiricalDistribution(gaps.get(MarkovParameters.ANY_GAP)) : null;
        this.gapByPair = new EmpiricalDistribution[TYPES.length * TYPES.length];
        for (EventType from : TYPES) {
            for (EventType to : TYPES) {
                double[] q = gaps.get(MarkovTrainer.gapKey(from, to));
                gapByPair[from.ordinal() * TYPES.length + to.ordinal()] = q != null ? new EmpiricalDistribution(q) : any;
            }
        }
        this.sessionsPerUser = p.sessionsPerUserValues().clone();
        this.sessionsPerUserChoice = new WeightedChoice(p.sessionsPerUserCounts());
        this.interSessionGap = p.interSessionGapQuantilesMillis() == null ? null
                : new EmpiricalDistribution(p.interSessionGapQuantilesMillis());
        this.startOffset = new EmpiricalDistribution(p.startOffsetQuantilesMillis());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int maxSessionLength() {
        return parameters.maxSessionLength();
    }

    @Override
    public Optional<Set<String>> categories() {
        return Optional.of(Arrays.stream(categoryIds).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet()));
    }

    /** The start of the training data: generated timelines begin here unless a request says otherwise. */
    public Instant trainingStart() {
        return Instant.ofEpochMilli(parameters.dataStartEpochMillis());
    }

    /** Writes this model's parameters as JSON (the body of a model file; see {@code ModelFile}). */
    @Override
    public void writeModel(OutputStream out) throws IOException {
        JSON.writeValue(out, parameters);
    }

    /**
     * Reads a model written by {@link #writeModel(OutputStream)}.
     *
     * @throws InvalidInputException if the content is not a valid Markov model
     */
    public static MarkovGenerator readModel(InputStream in, String source) throws IOException {
        byte[] json = in.readAllBytes();
        MarkovParameters p;
        try {
            p = JsonParts.read(JSON, json, MarkovParameters.class, "model.json");
        } catch (IOException e) {
            throw new InvalidInputException(source, "not a valid Markov model: " + e.getMessage(), e);
        }
        try {
            return new MarkovGenerator(p);
        } catch (NullPointerException e) {
            throw new InvalidInputException(source, "inconsistent Markov model: model.json: a table is missing or null",
                    e);
        } catch (RuntimeException e) {
            throw new InvalidInputException(source, "inconsistent Markov model: " + e.getMessage(), e);
        }
    }

    @Override
    public VirtualUser user(long index, GenerationRequest request) {
        if (index < 0 || index >= request.users()) {
            throw new IllegalArgumentException("user index must be in [0, " + request.users() + "), got " + index);
        }
        if (request.newItems()) {
            throw new InvalidInputException("the Markov baseline cannot emit items new to the catalog; that needs a"
                    + " GAN model");
        }
        SplittableRandom random = SessionGenerator.randomFor(request.seed(), index);
        String userId = SessionGenerator.userId(index);
        int sessionCount = sessionsPerUser[sessionsPerUserChoice.next(random)];
        long t = request.startTime().orElse(trainingStart()).toEpochMilli() + round(startOffset.sample(random));
        List<UserSession> sessions = new ArrayList<>(sessionCount);
        for (int k = 1; k <= sessionCount; k++) {
            UserSession session = session(random, userId, userId + "-s" + k, t);
            sessions.add(session);
            double gap = interSessionGap == null ? FALLBACK_SESSION_GAP_MILLIS : interSessionGap.sample(random);
            t = session.end().toEpochMilli() + Math.max(parameters.timeResolutionMillis(), round(gap));
        }
        return new VirtualUser(userId, UserProfile.of(new UserHistory(userId, sessions)), sessions);
    }

    private UserSession session(SplittableRandom random, String userId, String sessionId, long startMillis) {
        List<ClickEvent> events = new ArrayList<>();
        int state = startStates[startChoice.next(random)];
        long t = startMillis;
        int previousType = -1;
        int previousCategory = -1;
        String previousItem = null;
        while (true) {
            int type = state / categoryCount;
            int category = state % categoryCount;
            if (previousType >= 0) {
                t += round(gapByPair[previousType * TYPES.length + type].sample(random));
            }
            String itemId;
            BigDecimal price;
            if (category == previousCategory && random.nextDouble() < parameters.repeatProbability()[previousType][type]) {
                itemId = previousItem;
                price = events.get(events.size() - 1).price();
            } else {
                int item = itemChoice[category].next(random);
                // the repeat chance was learned above: a fresh draw must not repeat by accident
                for (int attempt = 0; attempt < 8 && category == previousCategory && itemIds[category].length > 1
                        && itemIds[category][item].equals(previousItem); attempt++) {
                    item = itemChoice[category].next(random);
                }
                itemId = itemIds[category][item];
                price = itemPrices[category][item];
            }
            events.add(new ClickEvent(Instant.ofEpochMilli(t), TYPES[type], itemId, categoryIds[category], price, Map.of()));
            int[] next = nextStates[state];
            if (next == null || events.size() >= parameters.maxSessionLength()) {
                break;
            }
            int following = next[nextChoice[state].next(random)];
            if (following < 0) {
                break;
            }
            previousType = type;
            previousCategory = category;
            previousItem = itemId;
            state = following;
        }
        return new UserSession(sessionId, userId, events);
    }

    private long round(double millis) {
        long resolution = parameters.timeResolutionMillis();
        return Math.max(0, Math.round(millis / resolution) * resolution);
    }
}
