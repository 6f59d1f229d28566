package dev.sessiongan.encoding;

import dev.sessiongan.InvalidInputException;

/**
 * Sizes of the factorised event encoding.
 *
 * @param topCategories categories with their own slot (the rest share OTHER)
 * @param timeBuckets   log-scaled inter-event gap buckets (see docs/encoding.md)
 * @param maxLength     longest session, in events; longer sessions are cut when training
 */
public record EncodingOptions(int topCategories, int timeBuckets, int maxLength) {

    /** 50 categories, 14 gap buckets (the last is 2^12 s ≈ 68 min and more), 50 events. */
    public static final EncodingOptions DEFAULT = new EncodingOptions(50, 14, 50);

    public EncodingOptions {
        if (topCategories < 1 || topCategories > 10_000) {
            throw new InvalidInputException("topCategories must be in [1, 10000], got " + topCategories);
        }
        if (timeBuckets < 2 || timeBuckets > 40) {
            throw new InvalidInputException("timeBuckets must be in [2, 40], got " + timeBuckets);
        }
        if (maxLength < 1 || maxLength > 1_000) {
            throw new InvalidInputException("maxLength must be in [1, 1000], got " + maxLength);
        }
    }
}
