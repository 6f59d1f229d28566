package dev.sessiongan.encoding;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sessiongan.InvalidInputException;

/**
 * Sizes of the factorised event encoding.
 *
 * @param topCategories   categories with their own slot (the rest share OTHER)
 * @param timeBuckets     log-scaled inter-event gap buckets (see docs/encoding.md)
 * @param maxLength       longest session, in events; longer sessions are cut when training
 * @param popularityTiers how many popularity tiers the item choice splits the head items (those more than
 *                        two training users acted on) into, so that the network, not decoding, decides how
 *                        popular a session's new items are; 1 draws every head item by popularity alone, as
 *                        models written before tiers did (their files have no entry and read as 1)
 */
public record EncodingOptions(int topCategories, int timeBuckets, int maxLength,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OneTier.class) int popularityTiers) {

    /** The most popularity tiers. */
    public static final int MAX_POPULARITY_TIERS = 8;

    /**
     * 50 categories, 14 gap buckets (the last is 2^12 s ≈ 68 min and more), 50 events, one popularity tier
     * (three measured no closer to REES46's held-out users; see docs/encoding.md).
     */
    public static final EncodingOptions DEFAULT = new EncodingOptions(50, 14, 50, 1);

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
        if (popularityTiers < 1 || popularityTiers > MAX_POPULARITY_TIERS) {
            throw new InvalidInputException("popularityTiers must be in [1, " + MAX_POPULARITY_TIERS + "], got "
                    + popularityTiers);
        }
    }

    /** These options with {@code tiers} popularity tiers. */
    public EncodingOptions withPopularityTiers(int tiers) {
        return new EncodingOptions(topCategories, timeBuckets, maxLength, tiers);
    }

    /** Reads a model file's options; those written before tiers have none and get one. */
    @JsonCreator
    static EncodingOptions fromJson(@JsonProperty("topCategories") int topCategories,
            @JsonProperty("timeBuckets") int timeBuckets, @JsonProperty("maxLength") int maxLength,
            @JsonProperty("popularityTiers") Integer popularityTiers) {
        return new EncodingOptions(topCategories, timeBuckets, maxLength,
                popularityTiers == null ? 1 : popularityTiers);
    }

    /** Leaves one tier out of a model file, so an older model is saved again as it was. */
    static final class OneTier {
        @Override
        public boolean equals(Object value) {
            return Integer.valueOf(1).equals(value);
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
