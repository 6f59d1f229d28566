package dev.sessiongan.format;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Parses prices: finite, non-negative decimals. */
final class Prices {

    /** Up to 15 integer and 10 fractional digits, no sign or exponent: NaN, 1e9 and -3 are all refused. */
    private static final Pattern PLAIN = Pattern.compile("\\d{1,15}(\\.\\d{0,10})?|\\.\\d{1,10}");

    private Prices() {
    }

    /** @throws IllegalArgumentException with the rule and the bad value */
    static BigDecimal parse(String text) {
        String t = text.strip();
        if (t.startsWith("-") && PLAIN.matcher(t.substring(1)).matches()) {
            throw new IllegalArgumentException("price must be >= 0, got " + text);
        }
        if (!PLAIN.matcher(t).matches()) {
            throw new IllegalArgumentException("cannot parse '" + text + "' as a price (a plain decimal such as 12.50)");
        }
        return new BigDecimal(t);
    }
}
