package dev.sessiongan.generate;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.UserSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What generated users must satisfy, e.g. buyers only, a preferred category, or session lengths in a
 * range. Realised by rejection sampling: the generator draws candidate users in a fixed order and keeps
 * those that satisfy the condition, so the kept users follow the model's distribution given the
 * condition — asking for buyers yields buyers with the sessions buyers have — and the output stays
 * deterministic. Any field left {@code null} is not constrained.
 *
 * @param buyer             {@code true}: only users with a purchase; {@code false}: only users without
 * @param preferredCategory only users whose most frequent category is this one
 * @param minSessionLength  only users whose every session has at least this many events
 * @param maxSessionLength  only users whose every session has at most this many events
 */
public record UserCondition(Boolean buyer, String preferredCategory, Integer minSessionLength,
        Integer maxSessionLength) {

    /** No constraint. */
    public static final UserCondition NONE = new UserCondition(null, null, null, null);

    public UserCondition {
        if (minSessionLength != null && minSessionLength < 1) {
            throw new InvalidInputException("min session length must be >= 1, got " + minSessionLength);
        }
        if (maxSessionLength != null && maxSessionLength < 1) {
            throw new InvalidInputException("max session length must be >= 1, got " + maxSessionLength);
        }
        if (minSessionLength != null && maxSessionLength != null && minSessionLength > maxSessionLength) {
            throw new InvalidInputException("min session length " + minSessionLength + " is above max session length "
                    + maxSessionLength);
        }
        if (preferredCategory != null && preferredCategory.isBlank()) {
            throw new InvalidInputException("preferred category must not be blank");
        }
    }

    /** Only users with a purchase. */
    public static UserCondition buyers() {
        return NONE.withBuyer(true);
    }

    /** A copy that also requires (or excludes, with {@code false}) a purchase. */
    public UserCondition withBuyer(boolean value) {
        return new UserCondition(value, preferredCategory, minSessionLength, maxSessionLength);
    }

    /** A copy that also requires this preferred category. */
    public UserCondition withPreferredCategory(String category) {
        return new UserCondition(buyer, Objects.requireNonNull(category, "category"), minSessionLength,
                maxSessionLength);
    }

    /** A copy that also requires every session to have between {@code min} and {@code max} events. */
    public UserCondition withSessionLength(int min, int max) {
        return new UserCondition(buyer, preferredCategory, min, max);
    }

    /** Whether nothing is constrained. */
    public boolean isNone() {
        return buyer == null && preferredCategory == null && minSessionLength == null && maxSessionLength == null;
    }

    /** Whether a user satisfies the condition. */
    public boolean test(VirtualUser user) {
        UserProfile profile = user.profile();
        if (buyer != null && profile.buyer() != buyer) {
            return false;
        }
        if (preferredCategory != null && !preferredCategory.equals(profile.preferredCategory())) {
            return false;
        }
        for (UserSession session : user.sessions()) {
            if (minSessionLength != null && session.length() < minSessionLength
                    || maxSessionLength != null && session.length() > maxSessionLength) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (buyer != null) {
            parts.add("buyer=" + buyer);
        }
        if (preferredCategory != null) {
            parts.add("preferred-category=" + preferredCategory);
        }
        if (minSessionLength != null) {
            parts.add("min-session-length=" + minSessionLength);
        }
        if (maxSessionLength != null) {
            parts.add("max-session-length=" + maxSessionLength);
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
