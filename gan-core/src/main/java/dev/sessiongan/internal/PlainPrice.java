package dev.sessiongan.internal;

import java.util.regex.Pattern;

/**
 * The one rule for a price's text, shared by the readers and the model files that store what they read: up to
 * 15 integer and 10 fractional digits, no sign or exponent, so NaN, 1e9 and -3 are all refused.
 */
public final class PlainPrice {

    private static final Pattern PLAIN = Pattern.compile("\\d{1,15}(\\.\\d{0,10})?|\\.\\d{1,10}");

    private PlainPrice() {
    }

    /** Whether {@code text} (already stripped) is a price under the rule. */
    public static boolean matches(String text) {
        return PLAIN.matcher(text).matches();
    }
}
