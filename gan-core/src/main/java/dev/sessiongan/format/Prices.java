package dev.sessiongan.format;

import java.math.BigDecimal;

/** Parses prices: finite, non-negative decimals. */
final class Prices {

    private Prices() {
    }

    /** @throws IllegalArgumentException with the rule and the bad value */
    static BigDecimal parse(String text) {
        String t = text.strip();
        BigDecimal value;
        try {
            value = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot parse '" + text + "' as a price (a decimal number such as 12.50)");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("price must be >= 0, got " + text);
        }
        return value;
    }
}
