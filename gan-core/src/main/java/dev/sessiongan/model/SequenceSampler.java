package dev.sessiongan.model;

import dev.sessiongan.data.EventType;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.encoding.TokenLayout.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples token sequences from the network, a batch in lockstep, feeding each sampled token back as the
 * next input. END is absorbing: a finished row receives END and its outputs are ignored until half the
 * batch has finished, when the finished rows leave the batch (sessions are mostly short, a few are long:
 * without this a batch ran as long as its longest session at full width).
 *
 * <p>The header is a promise the events keep: a session ends only within its length class, a non-buyer
 * never purchases, and a single-session buyer's session holds a purchase ({@link #sampleFirstSessions}).
 * Without this 35 % of buyer profiles came out without any purchase on REES46 (the length class ended them
 * first), so generated users bought a quarter less often than real ones. A buyer with several sessions buys
 * in the sessions its plan says where the model's encoding records a plan ({@link #samplePlanned}); in
 * older models the network decides.
 */
final class SequenceSampler {

    /** Redraws of a session that must buy and came out without a purchase, before one is forced. */
    static final int REDRAWS = 8;

    /** Below this many rows a batch is not worth compacting: the step's fixed cost dominates. */
    static final int MIN_COMPACTION = 16;

    private final Stepper network;
    private final TokenLayout layout;
    private final int maxEvents;
    private final Calibration calibration;
    private final boolean strict;
    private final boolean slotItems;

    SequenceSampler(Stepper network, TokenLayout layout, int maxEvents) {
        this(network, layout, maxEvents, null, SamplingRules.CURRENT);
    }

    /**
     * A sampler whose draws are corrected by {@code calibration} ({@code null}: the network's own).
     *
     * @param rules  {@link SamplingRules#strict}: sampling keeps three rules every encoded session keeps: the
     *               first event's TIME token is the placeholder, its item choice is neither {@code REPEAT} nor
     *               {@code SEEN}, and {@code SEEN} waits until the session has two distinct items;
     *               {@link SamplingRules#slotItems}: two more, that an item choice agrees with the event's
     *               category slot (a {@code REPEAT} stays in the previous event's slot, a {@code SEEN} needs an
     *               earlier item in its slot besides the previous one). Models trained before a rule sample
     *               without it (their output stays as it was)
     */
    SequenceSampler(Stepper network, TokenLayout layout, int maxEvents, Calibration calibration, SamplingRules rules) {
        this.network = network;
        this.layout = layout;
        this.maxEvents = maxEvents;
        this.calibration = calibration;
        this.strict = rules.strict();
        this.slotItems = rules.slotItems();
    }

    /**
     * Samples one sequence per row.
     *
     * @param forcedProfiles per row, leading tokens to force (teacher-forced): its profile, or its whole header
     *                       (profile and length class); or {@code null} to sample them
     * @param randoms        per row, its random source (consumed only by that row)
     * @param noise          per row, its noise vector
     */
    List<int[]> sample(int[][] forcedProfiles, SplittableRandom[] randoms, float[][] noise) {
        return sampleWithLikelihood(forcedProfiles, null, null, randoms, noise).sequences();
    }

    /**
     * Samples users' first sessions (which draw the profile) whose events keep the profile's promise: a
     * single-session buyer's session holds a purchase. Such a row without one is drawn again with its profile
     * kept, up to {@value #REDRAWS} times, which samples the network's own distribution given a purchase; a row
     * that still has none (rare) is drawn once more with END held back until it buys and the purchase
     * forced as the length class's last event.
     */
    List<int[]> sampleFirstSessions(SplittableRandom[] randoms, float[][] noise) {
        List<int[]> sessions = new ArrayList<>(sample(null, randoms, noise));
        boolean[] buys = new boolean[sessions.size()];
        for (int b = 0; b < sessions.size(); b++) {
            buys[b] = singleSessionBuyer(sessions.get(b));
        }
        return redrawUntilBought(sessions, null, buys, randoms, noise);
    }

    /**
     * Samples sessions of the given profiles that keep their user's buying plan
     * ({@link dev.sessiongan.encoding.SessionEncoding#buyingSessions}): a row that {@code buys} holds a purchase
     * (drawn again as a single-session buyer's is, {@link #sampleFirstSessions}), a row {@code barred} never
     * purchases, and the network decides the others.
     */
    List<int[]> samplePlanned(int[][] profiles, boolean[] buys, boolean[] barred, SplittableRandom[] randoms,
            float[][] noise) {
        List<int[]> sessions = new ArrayList<>(sampleWithLikelihood(profiles, null, barred, randoms, noise).sequences());
        return redrawUntilBought(sessions, profiles, buys, randoms, noise);
    }

    /** How many leading tokens a row's forced tokens fix: the profile, or the whole header (with the length class). */
    private static int forced(int[] tokens) {
        return Math.min(tokens.length, TokenLayout.HEADER_TOKENS);
    }

    /**
     * Draws again, with its forced tokens (or else its profile) kept, each row that {@code buys} but holds no
     * purchase, up to {@value #REDRAWS} times, the last with END held back until it buys.
     *
     * @param forcedTokens per row, the tokens its draws were forced to start with, or {@code null}
     */
    private List<int[]> redrawUntilBought(List<int[]> sessions, int[][] forcedTokens, boolean[] buys,
            SplittableRandom[] randoms, float[][] noise) {
        for (int attempt = 0; attempt <= REDRAWS; attempt++) {
            List<Integer> rows = new ArrayList<>();
            for (int b = 0; b < sessions.size(); b++) {
                if (buys[b] && !purchases(sessions.get(b))) {
                    rows.add(b);
                }
            }
            if (rows.isEmpty()) {
                break;
            }
            SubBatch redraw = SubBatch.of(rows, b -> Arrays.copyOf(sessions.get(b),
                    forcedTokens == null || forcedTokens[b] == null ? TokenLayout.PROFILE_TOKENS
                            : forced(forcedTokens[b])), randoms, noise);
            boolean last = attempt == REDRAWS;
            List<int[]> again = sampleWithLikelihood(redraw.profiles(), redraw.flags(b -> last), null, redraw.randoms(),
                    redraw.noise()).sequences();
            for (int i = 0; i < rows.size(); i++) {
                sessions.set(rows.get(i), again.get(i));
            }
        }
        return sessions;
    }

    /**
     * Whether a profile is a buyer with one session, whose purchase must be in that session. A buyer with
     * more sessions is not required to buy in its first: on REES46 only 21 of 40 such buyers did, so requiring
     * it of all of them put purchases where the data has none (its sessions follow its plan, if any).
     */
    private boolean singleSessionBuyer(int[] tokens) {
        return layout.valueOf(tokens[Field.BUYER.ordinal()], Field.BUYER) == 1
                && layout.valueOf(tokens[Field.SESSIONS.ordinal()], Field.SESSIONS) == 0;
    }

    boolean purchases(int[] tokens) {
        int purchase = layout.offset(Field.TYPE) + EventType.PURCHASE.ordinal();
        for (int p = TokenLayout.HEADER_TOKENS; p < tokens.length; p += 4) {
            if (tokens[p] == purchase) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sequences with the mean log-probability of their sampled (not forced) tokens.
     *
     * @param sequences          one token sequence per row
     * @param meanLogProbability per row, the mean log-probability of the tokens it drew
     */
    record Sample(List<int[]> sequences, double[] meanLogProbability) {
    }

    /** As {@link #sample}, keeping each row's mean token log-probability (for entropy bonuses). */
    Sample sampleWithLikelihood(int[][] forcedProfiles, SplittableRandom[] randoms, float[][] noise) {
        return sampleWithLikelihood(forcedProfiles, null, null, randoms, noise);
    }

    /**
     * As {@link #sample}, keeping each row's mean token log-probability.
     *
     * @param mustBuy per row, whether END waits for a purchase and the length class's last event is forced
     *                to be one if none came ({@code null}: no row)
     * @param barred  per row, whether it never purchases, whatever its profile ({@code null}: no row)
     */
    Sample sampleWithLikelihood(int[][] forcedProfiles, boolean[] mustBuy, boolean[] barred,
            SplittableRandom[] randoms, float[][] noise) {
        int batch = randoms.length;
        int endToken = layout.offset(Field.TYPE) + SessionEncoding.END;
        List<List<Integer>> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            out.add(new ArrayList<>());
        }
        boolean[] done = new boolean[batch];
        int[] events = new int[batch];
        int[] lengthClass = new int[batch];
        double[] logProbability = new double[batch];
        int[] drawn = new int[batch];
        int purchaseToken = layout.offset(Field.TYPE) + EventType.PURCHASE.ordinal();
        boolean[] purchaseDue = mustBuy == null ? new boolean[batch] : mustBuy.clone();
        boolean[] noPurchase = barred == null ? new boolean[batch] : barred.clone();
        int[] distinctItems = new int[batch];
        // per row: the current and the previous event's category slot, and its distinct items per slot
        int[] slot = new int[batch];
        int[] previousSlot = new int[batch];
        Arrays.fill(previousSlot, -1);
        int[][] itemsInSlot = slotItems ? new int[batch][layout.size(Field.CATEGORY)] : null;
        // the rows still in the network's batch, by position; finished rows are dropped once they are half
        int[] active = new int[batch];
        for (int b = 0; b < batch; b++) {
            active[b] = b;
        }
        Calibration.Cursor[] cursors = new Calibration.Cursor[batch];
        for (int b = 0; calibration != null && b < batch; b++) {
            cursors[b] = new Calibration.Cursor(layout);
        }
        int[] previous = new int[batch];
        Arrays.fill(previous, -1);
        float[][] activeNoise = noise.clone();
        int remaining = batch;
        network.reset();
        for (int p = 0; remaining > 0; p++) {
            if (remaining <= active.length / 2 && active.length >= MIN_COMPACTION) {
                int[] keep = new int[remaining];
                int[] rows = new int[remaining];
                for (int i = 0, k = 0; i < active.length; i++) {
                    if (!done[active[i]]) {
                        keep[k] = i;
                        rows[k++] = active[i];
                    }
                }
                network.keepRows(keep);
                previous = select(previous, keep);
                activeNoise = new float[remaining][];
                for (int k = 0; k < remaining; k++) {
                    activeNoise[k] = noise[rows[k]];
                }
                active = rows;
            }
            Field field = TokenLayout.fieldAt(p);
            float[][] probabilities = network.step(previous, field, activeNoise);
            for (int i = 0; i < active.length; i++) {
                int b = active[i];
                if (done[b]) {
                    previous[i] = endToken;
                    continue;
                }
                int token;
                int limit = Math.min(maxEvents, TokenLayout.maxEvents(lengthClass[b]));
                if (forcedProfiles != null && forcedProfiles[b] != null && p < forced(forcedProfiles[b])) {
                    token = forcedProfiles[b][p];
                } else if (strict && TokenLayout.isPlaceholder(p)) {
                    // the first event has no gap; a drawn token here is one the network never read in training
                    // (teacher forcing feeds it the placeholder), and one a critic tells real from fake by
                    token = layout.offset(Field.TIME);
                } else if (field == Field.TYPE && events[b] >= limit) {
                    token = endToken;
                } else if (field == Field.TYPE && purchaseDue[b] && events[b] == limit - 1) {
                    token = purchaseToken; // the session's last event, and the buyer has not bought yet
                } else {
                    int from = layout.offset(field);
                    int size = layout.size(field);
                    long excluded = 0; // bit v: the field's value v is not drawn
                    if (field == Field.TYPE) {
                        if (events[b] < TokenLayout.minEvents(lengthClass[b]) || purchaseDue[b]) {
                            size--; // END (the field's last token) only once the session has its length and purchase
                        }
                        if (noPurchase[b]) {
                            excluded |= 1L << (purchaseToken - from);
                        }
                    }
                    if (strict && field == Field.ITEM) {
                        // what an encoded session never holds: a repeat with nothing before it, or an item seen
                        // earlier that is not the previous one before there are two distinct items
                        excluded |= (events[b] == 1 ? 1L << SessionEncoding.REPEAT : 0)
                                | (distinctItems[b] < 2 ? 1L << SessionEncoding.SEEN : 0);
                    }
                    if (slotItems && field == Field.ITEM) {
                        // a repeat is of the previous event's item, so in its slot; a seen item is an earlier one
                        // in this slot that the previous event did not have
                        int others = itemsInSlot[b][slot[b]] - (previousSlot[b] == slot[b] ? 1 : 0);
                        excluded |= (slot[b] != previousSlot[b] ? 1L << SessionEncoding.REPEAT : 0)
                                | (others < 1 ? 1L << SessionEncoding.SEEN : 0);
                    }
                    if (calibration != null) {
                        calibration.adjust(probabilities[i], cursors[b]);
                    }
                    double mass = mass(probabilities[i], from, size, excluded);
                    token = draw(probabilities[i], from, size, excluded, mass, randoms[b]);
                    logProbability[b] += Math.log(Math.max(1e-12, probabilities[i][token] / Math.max(1e-12, mass)));
                    drawn[b]++;
                }
                out.get(b).add(token);
                previous[i] = token;
                if (calibration != null) {
                    cursors[b].advance(token);
                }
                if (field == Field.BUYER) {
                    noPurchase[b] |= layout.valueOf(token, Field.BUYER) == 0;
                }
                if (field == Field.LENGTH) {
                    lengthClass[b] = layout.valueOf(token, Field.LENGTH);
                }
                if (field == Field.ITEM && layout.valueOf(token, Field.ITEM) >= SessionEncoding.NEW) {
                    distinctItems[b]++;
                    if (slotItems) {
                        itemsInSlot[b][slot[b]]++;
                    }
                }
                if (field == Field.CATEGORY) {
                    slot[b] = layout.valueOf(token, Field.CATEGORY);
                }
                if (field == Field.TIME) {
                    previousSlot[b] = slot[b];
                }
                if (field == Field.TYPE) {
                    if (token == endToken) {
                        done[b] = true;
                        remaining--;
                    } else {
                        events[b]++;
                        purchaseDue[b] &= token != purchaseToken;
                    }
                }
            }
        }
        List<int[]> sequences = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            sequences.add(out.get(b).stream().mapToInt(Integer::intValue).toArray());
            logProbability[b] /= Math.max(1, drawn[b]);
        }
        return new Sample(sequences, logProbability);
    }

    /** Whether a field's value {@code value} (position in its range) has its bit set in {@code excluded}. */
    private static boolean isExcluded(long excluded, int value) {
        return (excluded & 1L << value) != 0;
    }

    /** The probability of a field's range of a softmax row, less its excluded values. */
    private static double mass(float[] probabilities, int from, int size, long excluded) {
        double total = 0;
        for (int i = from; i < from + size; i++) {
            total += isExcluded(excluded, i - from) ? 0 : probabilities[i];
        }
        return total;
    }

    /**
     * Draws a token from a field's range of a softmax row, never one whose value (position in the range) has
     * its bit set in {@code excluded}; {@code mass} is {@link #mass} of the same arguments.
     */
    private static int draw(float[] probabilities, int from, int size, long excluded, double mass,
            SplittableRandom random) {
        double r = random.nextDouble() * mass;
        int last = -1;
        for (int i = from; i < from + size; i++) {
            if (isExcluded(excluded, i - from)) {
                continue;
            }
            last = i;
            r -= probabilities[i];
            if (r < 0) {
                return i;
            }
        }
        return last;
    }

    private static int[] select(int[] values, int[] positions) {
        int[] out = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            out[k] = values[positions[k]];
        }
        return out;
    }
}
