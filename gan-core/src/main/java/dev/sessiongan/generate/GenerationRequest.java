package dev.sessiongan.generate;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.format.TimeFormat;
import java.time.Instant;
import java.util.Optional;

/**
 * What to generate: how many users, from which seed, from what start time, under which condition, and
 * whether items may be new to the catalog. Immutable: each {@code with…} returns a new request.
 *
 * @param users     number of users, at least 1
 * @param seed      the seed every random choice derives from
 * @param start     time of the generated timeline's origin, or {@code null} for the model's training start
 * @param condition what every user must satisfy ({@link UserCondition#NONE} for nothing)
 * @param newItems  whether a long-tail draw may be an item nobody in the training data had, once the
 *                  category's real long tail has been dealt out (GAN models that deal their tail by pass;
 *                  see {@link #withNewItems}); {@code false}: every item is a real catalog item
 */
public record GenerationRequest(long users, long seed, Instant start, UserCondition condition, boolean newItems) {

    /** The latest start: a timeline of years after it must still be a date the outputs can write. */
    public static final Instant LATEST_START = Instant.parse("9000-01-01T00:00:00Z");

    public GenerationRequest {
        if (users < 1) {
            throw new InvalidInputException("users must be >= 1, got " + users);
        }
        if (start != null && (start.isBefore(TimeFormat.EARLIEST) || start.isAfter(LATEST_START))) {
            throw new InvalidInputException("start must be between 1900-01-01 and 9000-01-01, got " + start);
        }
        condition = condition == null ? UserCondition.NONE : condition;
    }

    /** A request whose items are all real catalog items. */
    public GenerationRequest(long users, long seed, Instant start, UserCondition condition) {
        this(users, seed, start, condition, false);
    }

    /** An unconditioned request. */
    public GenerationRequest(long users, long seed, Instant start) {
        this(users, seed, start, UserCondition.NONE, false);
    }

    /** A request for {@code users} users from {@code seed}, starting at the model's training start. */
    public static GenerationRequest of(long users, long seed) {
        return new GenerationRequest(users, seed, null);
    }

    /** A copy with another number of users. */
    public GenerationRequest withUsers(long count) {
        return new GenerationRequest(count, seed, start, condition, newItems);
    }

    /** A copy with another seed. */
    public GenerationRequest withSeed(long newSeed) {
        return new GenerationRequest(users, newSeed, start, condition, newItems);
    }

    /** A copy whose timeline starts at the given time. */
    public GenerationRequest withStart(Instant newStart) {
        return new GenerationRequest(users, seed, newStart, condition, newItems);
    }

    /** A copy whose users must satisfy {@code newCondition} (see {@link UserCondition}). */
    public GenerationRequest withCondition(UserCondition newCondition) {
        return new GenerationRequest(users, seed, start, newCondition, newItems);
    }

    /**
     * A copy that may (or may not) emit items new to the catalog. Real shoppers keep reaching items nobody
     * before them had (on REES46, 40 % of held-out users' events are on items the training users never
     * touched), while a model's long tail holds only its training users' items, once per user. With new
     * items, a long-tail draw in a category whose real tail the pass has already dealt out is a new item
     * of that category (id {@code new-SEED-PASS-POOL-N}, the category and price of the real tail item it
     * stands in for) instead of a real one dealt again. Such ids join to no catalog: leave this off to
     * replay users against a real storefront. The ids do not name the model, so two models' outputs for
     * one seed share ids for different items.
     */
    public GenerationRequest withNewItems(boolean newItemsAllowed) {
        return new GenerationRequest(users, seed, start, condition, newItemsAllowed);
    }

    /** The start time, if one was set. */
    public Optional<Instant> startTime() {
        return Optional.ofNullable(start);
    }
}
