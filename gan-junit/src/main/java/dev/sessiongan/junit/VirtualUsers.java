package dev.sessiongan.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects virtual users into a test parameter of type {@code VirtualUser}, {@code List<VirtualUser>} or
 * {@code Stream<VirtualUser>}:
 * <pre>{@code
 * @Test
 * void recommends(@VirtualUsers(count = 100, seed = 42) List<VirtualUser> users) { ... }
 * }</pre>
 * Registers {@link SessionGanExtension} by itself. When a test that received users fails, the seed is
 * added to the failure so the case can be replayed with {@code seed = ...}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@ExtendWith(SessionGanExtension.class)
public @interface VirtualUsers {

    /** Marks {@link #seed()} as unset: a fresh seed per test, reported when the test fails. */
    long RANDOM = Long.MIN_VALUE;

    /** How many users (for a single {@code VirtualUser} parameter, ignored: one). */
    int count() default 10;

    /**
     * The seed; by default a fresh one per test, reported on failure. {@link #RANDOM} ({@code Long.MIN_VALUE}) is
     * that default, so that one seed cannot be pinned here (use {@code UserSimulator} for it).
     */
    long seed() default RANDOM;

    /**
     * The model: a classpath resource ({@code classpath:/models/shop.model}) or a file path; empty for
     * the model embedded in the library.
     */
    String model() default "";

    /** Only users with a purchase. */
    boolean buyersOnly() default false;

    /** Only users whose most frequent category is this one; empty for any. */
    String preferredCategory() default "";

    /** Only users whose every session has at least this many events; 0 for no bound. */
    int minSessionLength() default 0;

    /** Only users whose every session has at most this many events; 0 for no bound. */
    int maxSessionLength() default 0;

    /**
     * Items new to the catalog once a category's real long tail is dealt out ({@code GenerationRequest.withNewItems});
     * models that cannot emit them (the Markov baseline, GAN models that deal by turns) fail the parameter.
     */
    boolean newItems() default false;
}
