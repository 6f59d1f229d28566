package dev.sessiongan.generate;

import dev.sessiongan.InvalidInputException;
import java.time.Instant;
import java.util.Optional;

/**
 * What to generate: how many users, from which seed, from what start time, and under which condition.
 * Immutable: each {@code with…} returns a new request.
 *
 * @param users     number of users, at least 1
 * @param seed      the seed every random choice derives from
 * @param start     time of the generated timeline's origin, or {@code null} for the model's training start
 * @param condition what every user must satisfy ({@link UserCondition#NONE} for nothing)
 */
public record GenerationRequest(long users, long seed, Instant start, UserCondition condition) {

    public GenerationRequest {
        if (users < 1) {
            throw new InvalidInputException("users must be >= 1, got " + users);
        }
        condition = condition == null ? UserCondition.NONE : condition;
    }

    /** An unconditioned request. */
    public GenerationRequest(long users, long seed, Instant start) {
        this(users, seed, start, UserCondition.NONE);
    }

    /** A request for {@code users} users from {@code seed}, starting at the model's training start. */
    public static GenerationRequest of(long users, long seed) {
        return new GenerationRequest(users, seed, null);
    }

    /** A copy with another number of users. */
    public GenerationRequest withUsers(long count) {
        return new GenerationRequest(count, seed, start, condition);
    }

    /** A copy with another seed. */
    public GenerationRequest withSeed(long newSeed) {
        return new GenerationRequest(users, newSeed, start, condition);
    }

    /** A copy whose timeline starts at the given time. */
    public GenerationRequest withStart(Instant newStart) {
        return new GenerationRequest(users, seed, newStart, condition);
    }

    /** A copy whose users must satisfy {@code newCondition} (see {@link UserCondition}). */
    public GenerationRequest withCondition(UserCondition newCondition) {
        return new GenerationRequest(users, seed, start, newCondition);
    }

    /** The start time, if one was set. */
    public Optional<Instant> startTime() {
        return Optional.ofNullable(start);
    }
}
