package dev.sessiongan.model;

/**
 * Jackson's filters ({@code @JsonInclude(CUSTOM)}) for fields left out of a model file at their usual value, so
 * that a file written before the field existed is saved again as it was. Jackson writes a field unless its
 * filter {@code equals} the value.
 */
final class JsonFilters {

    private JsonFilters() {
    }

    /** A field left out while it holds one int value. */
    abstract static class IntValue {

        private final int value;

        IntValue(int value) {
            this.value = value;
        }

        @Override
        public final boolean equals(Object other) {
            return other instanceof Integer i && i == value;
        }

        @Override
        public final int hashCode() {
            return value;
        }
    }

    /** An epoch that is not there (0). */
    static final class NoEpoch extends IntValue {
        NoEpoch() {
            super(0);
        }
    }

    /** The usual single generator step. */
    static final class OneStep extends IntValue {
        OneStep() {
            super(1);
        }
    }

    /** A field left out while it holds one enum constant. */
    abstract static class Constant {

        private final Enum<?> value;

        Constant(Enum<?> value) {
            this.value = value;
        }

        @Override
        public final boolean equals(Object other) {
            return other == value;
        }

        @Override
        public final int hashCode() {
            return value.ordinal();
        }
    }

    /** The usual recurrent session critic. */
    static final class RecurrentCritic extends Constant {
        RecurrentCritic() {
            super(CriticNetwork.RECURRENT);
        }
    }

    /** The usual policy gradient. */
    static final class PolicyGradient extends Constant {
        PolicyGradient() {
            super(GeneratorGradient.POLICY);
        }
    }

    /** A figure that was not measured (NaN). */
    static final class NotMeasured {

        @Override
        public boolean equals(Object value) {
            return value instanceof Double d && d.isNaN();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
