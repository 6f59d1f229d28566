package dev.sessiongan.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A parameterized-test source: one invocation per virtual user.
 * <pre>{@code
 * @ParameterizedTest
 * @VirtualUsersSource(count = 20, seed = 7, buyersOnly = true)
 * void checksOut(VirtualUser user) { ... }
 * }</pre>
 * The seed is fixed by the annotation (default 1), so every invocation can be replayed; each invocation's
 * display name carries the user id.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ArgumentsSource(VirtualUsersArgumentsProvider.class)
public @interface VirtualUsersSource {

    /** How many users, one invocation each. */
    int count() default 10;

    /** The seed. */
    long seed() default 1;

    /** The model, as in {@link VirtualUsers#model()}. */
    String model() default "";

    /** Only users with a purchase. */
    boolean buyersOnly() default false;

    /** Only users whose most frequent category is this one; empty for any. */
    String preferredCategory() default "";

    /** Only users whose every session has at least this many events; 0 for no bound. */
    int minSessionLength() default 0;

    /** Only users whose every session has at most this many events; 0 for no bound. */
    int maxSessionLength() default 0;

    /** Items new to the catalog, as in {@link VirtualUsers#newItems()}. */
    boolean newItems() default false;
}
