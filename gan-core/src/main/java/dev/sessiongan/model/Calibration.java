package dev.sessiongan.model;

import dev.sessiongan.data.EventType;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.encoding.TokenLayout.Field;
import java.util.Arrays;
import java.util.List;

/**
 * Multiplicative corrections to the generator's token probabilities, one per (context, token), fitted
 * after training so that the frequencies of generated tokens match the training data's: each round samples
 * users with the current corrections, and every correction moves by the log ratio of the training data's
 * share of its token to the sample's (iterative proportional fitting).
 *
 * <p>Why: the likelihood-trained network is close token by token, but what the sampler realises drifts
 * from it — the sampler keeps promises the network does not know about (END within the length class, no
 * purchase for a non-buyer, a purchase for a buyer) and small errors compound along a session. On REES46
 * the embedded generator produced 0.68 % carts against the data's 0.88 % and 1.40 % purchases against
 * 1.24 %, most of the extra after a view. The contexts are small on purpose, so the corrections fix rates
 * the network already models and cannot memorise sequences:
 * <ul>
 *   <li>the header fields with few values: sessions, buyer, price tier, length class;</li>
 *   <li>the event type given the previous event's type (or the session start) and whether the session has
 *       had a purchase, END excluded (the network bought again too often: 1.25 purchases per buying session
 *       against the data's 1.12);</li>
 *   <li>END within the length class: the chance to end, per class and per event past the class's smallest
 *       length (the network put it late, and the sampler then forced it at the class's largest length:
 *       5-event sessions were half as frequent as in the data, 6-event ones 60 % more frequent);</li>
 *   <li>the item choice (repeat, seen, new — each popularity tier —, rare) given the event type and the
 *       previous event's kind of item choice (or none at the first event): after a repeat the network
 *       repeated again 42 % of the time against the data's 35 %, so runs of one item were too long.</li>
 * </ul>
 * Fields with many values are left alone token by token (preferred category, category slot, time bucket):
 * measured on REES46, with 51 category slots and a few thousand training users their corrections fitted the
 * samples' noise and moved the category distribution further from the data's. What is corrected of the
 * category slot is one rate per group of slots: how often an event stays in the previous event's slot
 * ({@link #stayGroup}), a handful of rates each counted over hundreds of training events. Recalibrated on
 * REES46 with every other context, the previous embedded network still stayed in the OTHER slot 93.5 % of
 * the time against the data's 92.1 %, and left the 8th to 15th most popular slots more often than the data
 * (fitted offsets -0.43 and +0.43). Models written before this have no stay corrections.
 */
final class Calibration {

    /** Contexts 0–3 are the header fields sessions, buyer, price tier and length class; then these. */
    private static final int TYPE_CONTEXTS = 4;
    /** The type contexts of sessions that have had a purchase follow those of sessions that have not. */
    private static final int ITEM_CONTEXTS = TYPE_CONTEXTS + 2 * SessionEncoding.TYPES;
    /** Item contexts per event type: the first event, then one per item choice of the previous event. */
    private static final int ITEM_CONTEXTS_PER_TYPE = 1 + SessionEncoding.ITEM_CHOICES;
    static final int CONTEXTS = ITEM_CONTEXTS + ITEM_CONTEXTS_PER_TYPE * (SessionEncoding.TYPES - 1);

    /** Tokens seen fewer times than this on both sides keep their correction: too few to estimate a ratio. */
    static final int MIN_COUNT = 10;

    /** Largest correction of one token's log-probability (a factor of e^3 ≈ 20). */
    static final double MAX_OFFSET = 3;

    /** END hazards are corrected per length class and per event past the class's smallest length, up to this. */
    static final int END_STEPS = 12;

    /**
     * Groups of category slots whose chance to stay is corrected alike: OTHER, then (slots counted from 0, by
     * popularity) slot 0, slots 1–2, 3–6, 7–14, …
     */
    static final int STAY_GROUPS = 8;

    private final TokenLayout layout;
    private final double[][] offsets;
    private final double[][] endOffsets;
    private final float[][] factors;
    private final float[][] endFactors;
    private final double[] stayOffsets;
    private final float[] stayFactors;

    Calibration(TokenLayout layout, double[][] offsets, double[][] endOffsets, double[] stayOffsets) {
        if (offsets.length != CONTEXTS || Arrays.stream(offsets).anyMatch(r -> r.length != layout.vocabulary())
                || endOffsets.length != layout.size(Field.LENGTH)
                || Arrays.stream(endOffsets).anyMatch(r -> r.length != END_STEPS)
                || stayOffsets.length != STAY_GROUPS) {
            throw new IllegalArgumentException("calibration needs " + CONTEXTS + " x " + layout.vocabulary()
                    + " token offsets, " + layout.size(Field.LENGTH) + " x " + END_STEPS + " END offsets and "
                    + STAY_GROUPS + " stay offsets");
        }
        this.layout = layout;
        this.offsets = offsets;
        this.endOffsets = endOffsets;
        this.stayOffsets = stayOffsets;
        this.factors = exp(offsets);
        this.endFactors = exp(endOffsets);
        this.stayFactors = exp(new double[][] {stayOffsets})[0];
    }

    /**
     * The stay group of category slot {@code slot}: 0 for OTHER (the last slot), else 1 + floor(log2(slot + 1)),
     * capped, so the most popular category has a group of its own and later groups double in size.
     */
    static int stayGroup(TokenLayout layout, int slot) {
        if (slot == layout.size(Field.CATEGORY) - 1) {
            return 0;
        }
        return Math.min(STAY_GROUPS - 1, 1 + 31 - Integer.numberOfLeadingZeros(slot + 1));
    }

    private static float[][] exp(double[][] offsets) {
        float[][] factors = new float[offsets.length][];
        for (int c = 0; c < offsets.length; c++) {
            factors[c] = new float[offsets[c].length];
            for (int t = 0; t < offsets[c].length; t++) {
                if (!Double.isFinite(offsets[c][t]) || Math.abs(offsets[c][t]) > MAX_OFFSET) {
                    throw new IllegalArgumentException("calibration offset out of range: " + offsets[c][t]);
                }
                factors[c][t] = (float) Math.exp(offsets[c][t]);
            }
        }
        return factors;
    }

    /**
     * Corrections as a model file holds them. Older models had fewer contexts; their corrections apply as they
     * did: type corrections whether or not the session has had a purchase (before those contexts), the later
     * events' item corrections whatever the previous event's item choice (before those), and no stay
     * correction ({@code stayOffsets} {@code null}: before those).
     */
    static Calibration read(TokenLayout layout, double[][] offsets, double[][] endOffsets, double[] stayOffsets) {
        double[] stays = stayOffsets == null ? new double[STAY_GROUPS] : stayOffsets;
        int types = SessionEncoding.TYPES;
        int eventTypes = types - 1;
        boolean typesAlike = offsets.length == TYPE_CONTEXTS + types + 2 * eventTypes;
        boolean itemsAlike = typesAlike || offsets.length == ITEM_CONTEXTS + 2 * eventTypes;
        if (offsets.length == CONTEXTS || !itemsAlike) {
            return new Calibration(layout, offsets, endOffsets, stays);
        }
        double[][] upgraded = new double[CONTEXTS][];
        for (int c = 0; c < TYPE_CONTEXTS; c++) {
            upgraded[c] = offsets[c].clone();
        }
        int oldTypes = typesAlike ? types : 2 * types;
        for (int c = 0; c < 2 * types; c++) {
            upgraded[TYPE_CONTEXTS + c] = offsets[TYPE_CONTEXTS + c % oldTypes].clone();
        }
        for (int type = 0; type < eventTypes; type++) {
            for (int previous = 0; previous < ITEM_CONTEXTS_PER_TYPE; previous++) {
                upgraded[ITEM_CONTEXTS + ITEM_CONTEXTS_PER_TYPE * type + previous] =
                        offsets[TYPE_CONTEXTS + oldTypes + 2 * type + (previous == 0 ? 0 : 1)].clone();
            }
        }
        return new Calibration(layout, upgraded, endOffsets, stays);
    }

    /** No correction at all. */
    static Calibration none(TokenLayout layout) {
        return new Calibration(layout, new double[CONTEXTS][layout.vocabulary()],
                new double[layout.size(Field.LENGTH)][END_STEPS], new double[STAY_GROUPS]);
    }

    /** The element-wise mean of calibrations of one layout. */
    static Calibration mean(List<Calibration> calibrations) {
        Calibration first = calibrations.get(0);
        double[][] offsets = new double[CONTEXTS][first.layout.vocabulary()];
        double[][] endOffsets = new double[first.endOffsets.length][END_STEPS];
        double[][] stayOffsets = new double[1][STAY_GROUPS];
        for (Calibration c : calibrations) {
            add(offsets, c.offsets);
            add(endOffsets, c.endOffsets);
            add(stayOffsets, new double[][] {c.stayOffsets});
        }
        int n = calibrations.size();
        return new Calibration(first.layout, divided(offsets, n), divided(endOffsets, n), divided(stayOffsets, n)[0]);
    }

    private static void add(double[][] sum, double[][] offsets) {
        for (int i = 0; i < sum.length; i++) {
            for (int j = 0; j < sum[i].length; j++) {
                sum[i][j] += offsets[i][j];
            }
        }
    }

    /** Each sum divided by {@code n}, clamped so that rounding cannot carry a mean of bounds past them. */
    private static double[][] divided(double[][] sums, int n) {
        for (double[] row : sums) {
            for (int j = 0; j < row.length; j++) {
                row[j] = clamp(row[j] / n);
            }
        }
        return sums;
    }

    double[][] offsets() {
        return offsets;
    }

    double[][] endOffsets() {
        return endOffsets;
    }

    double[] stayOffsets() {
        return stayOffsets;
    }

    /** Scales a row's probabilities over the field the cursor is at (the sampler normalises when drawing). */
    void adjust(float[] probabilities, Cursor cursor) {
        int stay = cursor.staySlot();
        if (stay >= 0) {
            probabilities[layout.offset(Field.CATEGORY) + stay] *= stayFactors[stayGroup(layout, stay)];
        }
        int context = cursor.context();
        if (context < 0) {
            return;
        }
        Field field = cursor.field();
        int from = layout.offset(field);
        for (int t = from; t < from + layout.size(field); t++) {
            probabilities[t] *= factors[context][t];
        }
        int endStep = cursor.endStep();
        if (endStep >= 0) {
            probabilities[layout.offset(Field.TYPE) + SessionEncoding.END] *= endFactors[cursor.lengthClass()][endStep];
        }
    }

    /**
     * One fitting round: every correction moves by the log ratio of the target's share of its token to the
     * sample's, within its context (END excluded), and every END and stay correction by the log-odds ratio
     * of the target's chance to end (to stay) to the sample's.
     */
    Calibration refit(Counts target, Counts sample) {
        double[][] next = new double[CONTEXTS][];
        for (int c = 0; c < CONTEXTS; c++) {
            next[c] = offsets[c].clone();
            double targetTotal = target.total(c);
            double sampleTotal = sample.total(c);
            if (targetTotal < MIN_COUNT || sampleTotal < MIN_COUNT) {
                continue;
            }
            for (int t = 0; t < layout.vocabulary(); t++) {
                double want = target.count(c, t);
                double have = sample.count(c, t);
                if (want < MIN_COUNT && have < MIN_COUNT) {
                    continue;
                }
                double ratio = ((want + 0.5) / targetTotal) / ((have + 0.5) / sampleTotal);
                next[c][t] = clamp(next[c][t] + Math.log(ratio));
            }
        }
        double[][] end = new double[endOffsets.length][];
        for (int c = 0; c < end.length; c++) {
            end[c] = endOffsets[c].clone();
            for (int k = 0; k < END_STEPS; k++) {
                if (target.endChances(c, k) >= MIN_COUNT && sample.endChances(c, k) >= MIN_COUNT) {
                    end[c][k] = clamp(end[c][k] + logit(target.endRate(c, k)) - logit(sample.endRate(c, k)));
                }
            }
        }
        double[] stays = stayOffsets.clone();
        for (int g = 0; g < STAY_GROUPS; g++) {
            if (target.stayChances(g) >= MIN_COUNT && sample.stayChances(g) >= MIN_COUNT) {
                stays[g] = clamp(stays[g] + logit(target.stayRate(g)) - logit(sample.stayRate(g)));
            }
        }
        return new Calibration(layout, next, end, stays);
    }

    private static double clamp(double offset) {
        return Math.max(-MAX_OFFSET, Math.min(MAX_OFFSET, offset));
    }

    private static double logit(double p) {
        double q = Math.max(1e-4, Math.min(1 - 1e-4, p));
        return Math.log(q / (1 - q));
    }

    /** Token counts per context of a set of sequences, and how often sessions ended when they could. */
    static final class Counts {
        private final double[][] counts;
        private final long[][] ends;
        private final long[][] endChances;
        private final long[] stays = new long[STAY_GROUPS];
        private final long[] stayChances = new long[STAY_GROUPS];

        Counts(TokenLayout layout) {
            this.counts = new double[CONTEXTS][layout.vocabulary()];
            this.ends = new long[layout.size(Field.LENGTH)][END_STEPS];
            this.endChances = new long[layout.size(Field.LENGTH)][END_STEPS];
        }

        /**
         * Counts the tokens of users' first sessions and of their later sessions; profile tokens only in first
         * sessions (a later session's profile is forced, not drawn), END never.
         */
        static Counts of(TokenLayout layout, List<int[]> first, List<int[]> later) {
            Counts counts = new Counts(layout);
            counts.add(layout, first, true);
            counts.add(layout, later, false);
            return counts;
        }

        private void add(TokenLayout layout, List<int[]> sequences, boolean profiles) {
            int end = layout.offset(Field.TYPE) + SessionEncoding.END;
            for (int[] tokens : sequences) {
                Cursor cursor = new Cursor(layout);
                for (int token : tokens) {
                    int context = cursor.context();
                    boolean counted = context >= 0 && token != end
                            && (profiles || cursor.field().ordinal() >= TokenLayout.PROFILE_TOKENS);
                    if (counted) {
                        counts[context][token]++;
                    }
                    if (cursor.endStep() >= 0) {
                        endChances[cursor.lengthClass()][cursor.endStep()]++;
                        ends[cursor.lengthClass()][cursor.endStep()] += token == end ? 1 : 0;
                    }
                    int stay = cursor.staySlot();
                    if (stay >= 0) {
                        int g = stayGroup(layout, stay);
                        stayChances[g]++;
                        stays[g] += token == layout.offset(Field.CATEGORY) + stay ? 1 : 0;
                    }
                    cursor.advance(token);
                }
            }
        }

        double count(int context, int token) {
            return counts[context][token];
        }

        double total(int context) {
            double sum = 0;
            for (double c : counts[context]) {
                sum += c;
            }
            return sum;
        }

        long endChances(int lengthClass, int step) {
            return endChances[lengthClass][step];
        }

        /** The share of chances to end, in a length class this many events past its smallest length, taken. */
        double endRate(int lengthClass, int step) {
            long n = endChances[lengthClass][step];
            return n == 0 ? 0 : ends[lengthClass][step] / (double) n;
        }

        long stayChances(int group) {
            return stayChances[group];
        }

        /** The share of events after one in a slot of this group that stayed in that slot. */
        double stayRate(int group) {
            long n = stayChances[group];
            return n == 0 ? 0 : stays[group] / (double) n;
        }

        /**
         * Total variation between this table's token shares and another's, per context, averaged with the
         * weight of each context's count here (small contexts are mostly sampling noise).
         */
        double distance(Counts other) {
            double sum = 0;
            double weight = 0;
            for (int c = 0; c < CONTEXTS; c++) {
                double a = total(c);
                double b = other.total(c);
                if (a < MIN_COUNT || b < MIN_COUNT) {
                    continue;
                }
                double tv = 0;
                for (int t = 0; t < counts[c].length; t++) {
                    tv += Math.abs(counts[c][t] / a - other.counts[c][t] / b) / 2;
                }
                sum += a * tv;
                weight += a;
            }
            return weight == 0 ? 0 : sum / weight;
        }
    }

    /** Follows one sequence token by token and names the context of its next position. */
    static final class Cursor {
        private final TokenLayout layout;
        private int position;
        private int events;
        private int type = -1;
        private int previousType = -1;
        private int lengthClass = -1;
        private boolean purchased;
        private int choice = -1;
        private int previousChoice = -1;
        private int category = -1;
        private int previousCategory = -1;

        Cursor(TokenLayout layout) {
            this.layout = layout;
        }

        Field field() {
            return TokenLayout.fieldAt(position);
        }

        /** The context of the next position, or -1 where nothing is corrected. */
        int context() {
            return switch (field()) {
                case SESSIONS -> 0;
                case BUYER -> 1;
                case PRICE_TIER -> 2;
                case LENGTH -> 3;
                case TYPE -> TYPE_CONTEXTS + (purchased ? SessionEncoding.TYPES : 0) + previousType + 1;
                // the event's TYPE has been counted by now: the first event is the one with events == 1
                case ITEM -> ITEM_CONTEXTS + ITEM_CONTEXTS_PER_TYPE * type + (events == 1 ? 0 : 1 + previousChoice);
                case PREFERRED_CATEGORY, CATEGORY, TIME -> -1;
            };
        }

        int lengthClass() {
            return lengthClass;
        }

        /** At a CATEGORY position after the session's first event, the previous event's slot; otherwise -1. */
        int staySlot() {
            return field() == Field.CATEGORY ? previousCategory : -1;
        }

        /**
         * At a TYPE position where the length class lets the session end but does not make it, how many events
         * past the class's smallest length it is (capped); otherwise -1.
         */
        int endStep() {
            if (field() != Field.TYPE || lengthClass < 0 || events < TokenLayout.minEvents(lengthClass)
                    || events >= TokenLayout.maxEvents(lengthClass)) {
                return -1;
            }
            return Math.min(END_STEPS - 1, events - TokenLayout.minEvents(lengthClass));
        }

        void advance(int token) {
            switch (field()) {
                case LENGTH -> lengthClass = layout.valueOf(token, Field.LENGTH);
                case TYPE -> {
                    type = layout.valueOf(token, Field.TYPE);
                    events++;
                    purchased |= type == EventType.PURCHASE.ordinal();
                }
                case CATEGORY -> category = layout.valueOf(token, Field.CATEGORY);
                // a popularity tier's context is NEW's: tiers split what NEW was, and few contexts keep the
                // corrections from fitting noise
                case ITEM -> choice = SessionEncoding.choiceKind(layout.valueOf(token, Field.ITEM));
                case TIME -> {
                    previousType = type;
                    previousChoice = choice;
                    previousCategory = category;
                }
                default -> {
                }
            }
            position++;
        }
    }
}
