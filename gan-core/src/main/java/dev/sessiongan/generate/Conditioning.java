package dev.sessiongan.generate;

import dev.sessiongan.InvalidInputException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Rejection sampling of conditioned requests: candidate users in index order, the satisfying ones kept. */
final class Conditioning {

    /** Candidates drawn before a condition that nothing has met is given up on. */
    static final long GIVE_UP_AFTER = 20_000;
    /** Below this acceptance rate (after {@link #GIVE_UP_AFTER} candidates) the request fails. */
    static final double MIN_ACCEPTANCE = 0.001;
    /**
     * Candidates drawn before a condition that none of them met is given up on: where {@link #MIN_ACCEPTANCE}
     * of users met it, none in this many would happen once in e^5 ≈ 150 requests, so waiting for
     * {@link #GIVE_UP_AFTER} would only take four times as long to say the same.
     */
    static final long GIVE_UP_WHEN_NONE_AFTER = 5_000;

    private Conditioning() {
    }

    /** Refuses, before any candidate is drawn, a condition that asks for what the model can never produce. */
    static void requireReachable(SessionGenerator generator, UserCondition condition) {
        int longest = generator.maxSessionLength();
        if (condition.minSessionLength() != null && condition.minSessionLength() > longest) {
            throw new InvalidInputException("the condition " + condition + " can never be met: this "
                    + generator.kind() + " model's sessions have at most " + longest + " events");
        }
        String category = condition.preferredCategory();
        // the GAN collects its categories over every item: only asked for when a category is named
        Set<String> categories = category == null ? null : generator.categories().orElse(null);
        if (categories != null && !categories.contains(category)) {
            throw new InvalidInputException("the condition " + condition + " can never be met: this "
                    + generator.kind() + " model has no category '" + category + "' (it has " + categories.size()
                    + ", e.g. " + categories.stream().sorted().limit(3).collect(Collectors.joining(", ")) + ")");
        }
    }

    static Stream<VirtualUser> users(SessionGenerator generator, GenerationRequest request) {
        GenerationRequest candidates = request.withUsers(Long.MAX_VALUE).withCondition(UserCondition.NONE);
        Iterator<VirtualUser> kept = new Iterator<>() {
            private long returned;
            private long drawn;
            private VirtualUser next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (returned >= request.users()) {
                    return false;
                }
                while (next == null) {
                    VirtualUser candidate = generator.user(drawn++, candidates);
                    if (request.condition().test(candidate)) {
                        next = candidate;
                    } else if (drawn >= GIVE_UP_AFTER && returned < MIN_ACCEPTANCE * drawn
                            || drawn >= GIVE_UP_WHEN_NONE_AFTER && returned == 0) {
                        throw new InvalidInputException("the condition " + request.condition() + " is met by "
                                + returned + " of " + drawn + " generated users; this model (almost) never produces"
                                + " such users");
                    }
                }
                return true;
            }

            @Override
            public VirtualUser next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                VirtualUser user = next;
                next = null;
                returned++;
                return user;
            }
        };
        // not SIZED: the stream fails when the model almost never meets the condition, and a sized stream's count()
        // would answer without drawing a user
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(kept, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
