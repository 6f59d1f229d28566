package dev.sessiongan.format;

import dev.sessiongan.internal.PlainPrice;
import java.math.BigDecimal;

/** Parses prices: finite, non-negative decimals ({@link PlainPrice}). */
final class Prices {

    private Prices() {
    }

    /** @throws IllegalArgumentException with the rule and the bad value */
    static BigDecimal parse(String text) {
        String t = text.strip();
        if (t.startsWith("-") && PlainPrice.matches(t.substring(1))) {
            throw new IllegalArgumentException("price must be >= 0, got " + text);
        }
        if (!PlainPrice.matches(t)) {
            throw new IllegalArgumentException("cannot parse '" + text + "' as a price (a plain decimal such as 12.50)");
        }
        return new BigDecimal(t);
    }
}
