package dev.sessiongan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessiongan.data.EventType;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.encoding.TokenLayout.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contexts, counts and the fitting step of the draw calibration, on hand-made token sequences. */
class CalibrationTest {

    private static final TokenLayout LAYOUT = TestLayout.SMALL;

    private static int token(Field field, int value) {
        return LAYOUT.offset(field) + value;
    }

    /** A first session: profile (1 session, buyer, slot 0, tier 1), then the given event types, then END. */
    private static int[] session(EventType... types) {
        List<Integer> t = new ArrayList<>(List.of(token(Field.SESSIONS, 0), token(Field.BUYER, 1),
                token(Field.PREFERRED_CATEGORY, 0), token(Field.PRICE_TIER, 1),
                token(Field.LENGTH, TokenLayout.lengthClass(types.length))));
        for (EventType type : types) {
            t.add(token(Field.TYPE, type.ordinal()));
            t.add(token(Field.CATEGORY, 0));
            t.add(token(Field.ITEM, SessionEncoding.NEW));
            t.add(token(Field.TIME, 1));
        }
        t.add(token(Field.TYPE, SessionEncoding.END));
        return t.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void theCursorNamesEachPositionsContext() {
        int[] tokens = session(EventType.VIEW, EventType.ADD_TO_CART, EventType.VIEW, EventType.VIEW, EventType.VIEW);
        Calibration.Cursor cursor = new Calibration.Cursor(LAYOUT);
        List<Integer> contexts = new ArrayList<>();
        List<Integer> endSteps = new ArrayList<>();
        for (int token : tokens) {
            contexts.add(cursor.context());
            endSteps.add(cursor.endStep());
            cursor.advance(token);
        }
        int view = EventType.VIEW.ordinal();
        int cart = EventType.ADD_TO_CART.ordinal();
        int typeAtStart = 4;
        int items = typeAtStart + 2 * SessionEncoding.TYPES;
        // header: sessions, buyer, (preferred category: none), price tier, length
        assertThat(contexts.subList(0, 5)).containsExactly(0, 1, -1, 2, 3);
        // first event: type after START, no category context, item of a first view, no time context
        assertThat(contexts.subList(5, 9)).containsExactly(typeAtStart, -1, items + 5 * view, -1);
        // second event: a cart after a view; its item context is a cart's after a NEW item
        assertThat(contexts.subList(9, 13)).containsExactly(typeAtStart + 1 + view, -1,
                items + 5 * cart + 1 + SessionEncoding.NEW, -1);
        // END: a type after a view
        assertThat(contexts.get(tokens.length - 1)).isEqualTo(typeAtStart + 1 + view);
        // five events: class 5–6, so the session may end at the END position (0 past its smallest length) only
        assertThat(endSteps.get(tokens.length - 1)).isZero();
        assertThat(endSteps.subList(0, tokens.length - 1)).containsOnly(-1);
    }

    @Test
    void aRoundMovesEachCorrectionByTheLogRatioOfShares() {
        List<int[]> target = new ArrayList<>();
        List<int[]> sample = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // target: half the second events are carts; sample: a quarter
            target.add(session(EventType.VIEW, i % 2 == 0 ? EventType.ADD_TO_CART : EventType.VIEW));
            sample.add(session(EventType.VIEW, i % 4 == 0 ? EventType.ADD_TO_CART : EventType.VIEW));
        }
        Calibration fitted = Calibration.none(LAYOUT).refit(Calibration.Counts.of(LAYOUT, target, List.of()),
                Calibration.Counts.of(LAYOUT, sample, List.of()));

        double[] afterView = fitted.offsets()[4 + 1 + EventType.VIEW.ordinal()];
        assertThat(afterView[token(Field.TYPE, EventType.ADD_TO_CART.ordinal())])
                .isCloseTo(Math.log((50.5 / 100) / (25.5 / 100)), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(afterView[token(Field.TYPE, EventType.VIEW.ordinal())])
                .isCloseTo(Math.log((50.5 / 100) / (75.5 / 100)), org.assertj.core.data.Offset.offset(1e-9));
        // END is never corrected through the type context, and the first event's type did not differ
        assertThat(afterView[token(Field.TYPE, SessionEncoding.END)]).isZero();
        assertThat(fitted.offsets()[4][token(Field.TYPE, EventType.VIEW.ordinal())]).isCloseTo(0,
                org.assertj.core.data.Offset.offset(1e-12));

        float[] probabilities = new float[LAYOUT.vocabulary()];
        Arrays.fill(probabilities, 1f);
        Calibration.Cursor cursor = new Calibration.Cursor(LAYOUT);
        int[] tokens = session(EventType.VIEW, EventType.VIEW);
        for (int p = 0; p < 9; p++) {
            cursor.advance(tokens[p]); // up to the second event's TYPE
        }
        fitted.adjust(probabilities, cursor);
        assertThat(probabilities[token(Field.TYPE, EventType.ADD_TO_CART.ordinal())])
                .isCloseTo((float) (50.5 / 25.5), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(probabilities[token(Field.CATEGORY, 0)]).isEqualTo(1f);
    }

    @Test
    void endChancesAreFittedByLogOdds() {
        List<int[]> target = new ArrayList<>();
        List<int[]> sample = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // class 5–6: the target ends at 5 events in 60 % of sessions, the sample in 20 %
            target.add(session(views(i % 5 < 3 ? 5 : 6)));
            sample.add(session(views(i % 5 < 1 ? 5 : 6)));
        }

        Calibration fitted = Calibration.none(LAYOUT).refit(Calibration.Counts.of(LAYOUT, target, List.of()),
                Calibration.Counts.of(LAYOUT, sample, List.of()));

        int fiveToSix = TokenLayout.lengthClass(5);
        double expected = Math.log(0.6 / 0.4) - Math.log(0.2 / 0.8);
        assertThat(fitted.endOffsets()[fiveToSix][0]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        // at 6 events END is forced by the class, so it is no chance and is not fitted
        assertThat(fitted.endOffsets()[fiveToSix][1]).isZero();
    }

    /** A first session of views, one per slot given, in those category slots. */
    private static int[] viewsIn(int... slots) {
        int[] base = session(views(slots.length));
        for (int e = 0; e < slots.length; e++) {
            base[TokenLayout.HEADER_TOKENS + 4 * e + 1] = token(Field.CATEGORY, slots[e]);
        }
        return base;
    }

    @Test
    void stayGroupsGiveTheMostPopularSlotItsOwnAndOtherItsOwn() {
        // 3 slots and OTHER: slot 0 alone, slots 1-2 together (1 + floor(log2(slot + 1))), OTHER group 0
        assertThat(Calibration.stayGroup(LAYOUT, 0)).isEqualTo(1);
        assertThat(Calibration.stayGroup(LAYOUT, 1)).isEqualTo(2);
        assertThat(Calibration.stayGroup(LAYOUT, 2)).isEqualTo(2);
        assertThat(Calibration.stayGroup(LAYOUT, 3)).isZero();
    }

    @Test
    void stayingInTheSlotIsFittedByLogOddsAndScalesThePreviousSlotOnly() {
        List<int[]> target = new ArrayList<>();
        List<int[]> sample = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // after slot 0 the target stays 80 % of the time, the sample half; after slot 1 both stay always
            target.add(i % 5 == 0 ? viewsIn(0, 1, 1) : viewsIn(0, 0, 0));
            sample.add(i % 2 == 0 ? viewsIn(0, 1, 1) : viewsIn(0, 0, 0));
        }
        Calibration.Counts targetCounts = Calibration.Counts.of(LAYOUT, target, List.of());
        assertThat(targetCounts.stayChances(1)).isEqualTo(180);
        assertThat(targetCounts.stayRate(1)).isCloseTo(160 / 180.0, org.assertj.core.data.Offset.offset(1e-12));

        Calibration fitted = Calibration.none(LAYOUT).refit(targetCounts, Calibration.Counts.of(LAYOUT, sample, List.of()));

        double want = 160 / 180.0;
        double have = 100 / 150.0;
        assertThat(fitted.stayOffsets()[1]).isCloseTo(Math.log(want / (1 - want)) - Math.log(have / (1 - have)),
                org.assertj.core.data.Offset.offset(1e-9));
        // after slot 1 both always stay: nothing to correct
        assertThat(fitted.stayOffsets()[2]).isZero();

        int[] tokens = viewsIn(0, 0);
        Calibration.Cursor cursor = new Calibration.Cursor(LAYOUT);
        for (int p = 0; p < tokens.length; p++) {
            if (cursor.field() == Field.CATEGORY) {
                float[] probabilities = new float[LAYOUT.vocabulary()];
                Arrays.fill(probabilities, 1f);
                fitted.adjust(probabilities, cursor);
                boolean first = p == TokenLayout.HEADER_TOKENS + 1;
                assertThat(probabilities[token(Field.CATEGORY, 0)])
                        .isCloseTo(first ? 1f : (float) Math.exp(fitted.stayOffsets()[1]), org.assertj.core.data.Offset.offset(1e-5f));
                assertThat(probabilities[token(Field.CATEGORY, 1)]).isEqualTo(1f);
            }
            cursor.advance(tokens[p]);
        }
    }

    private static EventType[] views(int count) {
        EventType[] types = new EventType[count];
        Arrays.fill(types, EventType.VIEW);
        return types;
    }

    @Test
    void typesAfterAPurchaseHaveContextsOfTheirOwn() {
        int[] tokens = session(EventType.VIEW, EventType.PURCHASE, EventType.VIEW, EventType.VIEW);
        Calibration.Cursor cursor = new Calibration.Cursor(LAYOUT);
        List<Integer> typeContexts = new ArrayList<>();
        for (int token : tokens) {
            if (cursor.field() == Field.TYPE) {
                typeContexts.add(cursor.context());
            }
            cursor.advance(token);
        }
        int typeAtStart = 4;
        int afterPurchase = typeAtStart + SessionEncoding.TYPES;
        int view = EventType.VIEW.ordinal();
        int purchase = EventType.PURCHASE.ordinal();
        // start; after a view; after the purchase; after a view in a session that has had one (twice: END too)
        assertThat(typeContexts).containsExactly(typeAtStart, typeAtStart + 1 + view, afterPurchase + 1 + purchase,
                afterPurchase + 1 + view, afterPurchase + 1 + view);
    }

    /**
     * Offsets in an older model's layout: header rows, {@code typeRows} type rows, then two item rows (first,
     * later) per event type; a cart after a view is corrected by 0.5, and a later view's RARE item by -0.25.
     */
    private static double[][] olderOffsets(int typeRows) {
        double[][] old = new double[4 + typeRows + 2 * (SessionEncoding.TYPES - 1)][LAYOUT.vocabulary()];
        old[4 + 1 + EventType.VIEW.ordinal()][token(Field.TYPE, EventType.ADD_TO_CART.ordinal())] = 0.5;
        old[4 + typeRows + 2 * EventType.VIEW.ordinal() + 1][token(Field.ITEM, SessionEncoding.RARE)] = -0.25;
        return old;
    }

    @Test
    void correctionsOfOlderModelsApplyAsTheyDid() {
        int types = SessionEncoding.TYPES;
        int typeAfterView = 4 + 1 + EventType.VIEW.ordinal();
        int cart = token(Field.TYPE, EventType.ADD_TO_CART.ordinal());
        int rare = token(Field.ITEM, SessionEncoding.RARE);
        int laterViews = 4 + 2 * types + 5 * EventType.VIEW.ordinal() + 1;
        for (int typeRows : new int[] {types, 2 * types}) {
            Calibration c = Calibration.read(LAYOUT, olderOffsets(typeRows),
                    new double[LAYOUT.size(Field.LENGTH)][Calibration.END_STEPS], null);

            assertThat(c.offsets()).hasNumberOfRows(Calibration.CONTEXTS);
            // before the after-purchase contexts, a type's correction held with or without a purchase
            assertThat(c.offsets()[typeAfterView][cart]).isEqualTo(0.5);
            assertThat(c.offsets()[typeAfterView + types][cart]).isEqualTo(typeRows == types ? 0.5 : 0);
            // a later event's item correction holds whatever the previous event's item choice
            for (int previous = 0; previous < SessionEncoding.ITEM_CHOICES; previous++) {
                assertThat(c.offsets()[laterViews + previous][rare]).isEqualTo(-0.25);
            }
            assertThat(c.offsets()[laterViews - 1][rare]).isZero();
            long corrected = Arrays.stream(c.offsets()).flatMapToDouble(Arrays::stream).filter(v -> v != 0).count();
            assertThat(corrected).isEqualTo((typeRows == types ? 2 : 1) + SessionEncoding.ITEM_CHOICES);
            // before the stay corrections, a category slot stayed as the network said
            assertThat(c.stayOffsets()).hasSize(Calibration.STAY_GROUPS).containsOnly(0.0);
        }
    }

    @Test
    void aLayoutOfNoKnownSizeIsRefused() {
        assertThatThrownBy(() -> Calibration.read(LAYOUT, new double[Calibration.CONTEXTS - 1][LAYOUT.vocabulary()],
                new double[LAYOUT.size(Field.LENGTH)][Calibration.END_STEPS], null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetsOfTheWrongShapeOrOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new Calibration(LAYOUT, new double[3][LAYOUT.vocabulary()],
                new double[LAYOUT.size(Field.LENGTH)][Calibration.END_STEPS], new double[Calibration.STAY_GROUPS]))
                .isInstanceOf(IllegalArgumentException.class);
        double[][] offsets = new double[Calibration.CONTEXTS][LAYOUT.vocabulary()];
        assertThatThrownBy(() -> new Calibration(LAYOUT, offsets,
                new double[LAYOUT.size(Field.LENGTH)][Calibration.END_STEPS], new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 stay offsets");
        double[] stays = new double[Calibration.STAY_GROUPS];
        stays[3] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> new Calibration(LAYOUT, offsets,
                new double[LAYOUT.size(Field.LENGTH)][Calibration.END_STEPS], stays))
                .isInstanceOf(IllegalArgumentException.class);
        offsets[0][0] = Double.NaN;
        assertThatThrownBy(() -> new Calibration(LAYOUT, offsets,
                new double[LAYOUT.size(Field.LENGTH)][Calibration.END_STEPS], new double[Calibration.STAY_GROUPS]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMeanOfCalibrationsIsTakenEntryByEntryAndStaysInBounds() {
        List<Calibration> calibrations = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            double[][] offsets = new double[Calibration.CONTEXTS][LAYOUT.vocabulary()];
            offsets[4][token(Field.TYPE, 1)] = 0.5 * k;
            offsets[0][0] = Calibration.MAX_OFFSET;
            offsets[1][1] = -Calibration.MAX_OFFSET;
            double[][] ends = new double[LAYOUT.size(Field.LENGTH)][Calibration.END_STEPS];
            ends[2][3] = k % 2 == 0 ? 1 : -1;
            double[] stays = new double[Calibration.STAY_GROUPS];
            stays[5] = 0.1 * k;
            calibrations.add(new Calibration(LAYOUT, offsets, ends, stays));
        }

        Calibration mean = Calibration.mean(calibrations);

        assertThat(mean.offsets()[4][token(Field.TYPE, 1)]).isEqualTo(1.0);
        assertThat(mean.offsets()[0][0]).isEqualTo(Calibration.MAX_OFFSET);
        assertThat(mean.offsets()[1][1]).isEqualTo(-Calibration.MAX_OFFSET);
        assertThat(mean.offsets()[4][token(Field.TYPE, 0)]).isZero();
        assertThat(mean.endOffsets()[2][3]).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(mean.stayOffsets()[5]).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Calibration.mean(calibrations.subList(3, 4)).offsets()[4][token(Field.TYPE, 1)]).isEqualTo(1.5);
    }

    @Test
    void aReportSaysWhyItsCorrectionsWereKeptOrNot() {
        assertThat(new CalibrationReport(20, 256, 0.01, 0.002, 0.51, 0.509, 0.530, 0.534, true, 0.012).decision())
                .isEqualTo("kept (validation AUC not worse beyond the draws' noise, 0.012)");
        assertThat(new CalibrationReport(20, 256, 0.01, 0.002, 0.51, 0.52, 0.530, 0.560, false, 0.012).decision())
                .isEqualTo("not kept (validation AUC worse beyond the draws' noise, 0.012)");
        assertThat(new CalibrationReport(6, 256, 0.01, 0.002, 0.51, 0.52, 0.530, 0.560, false, null).decision())
                .isEqualTo("not kept (validation worse)");
    }
}
