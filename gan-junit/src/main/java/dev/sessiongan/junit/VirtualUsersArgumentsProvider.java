package dev.sessiongan.junit;

import dev.sessiongan.generate.GenerationRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** Supplies {@link VirtualUsersSource} users, one argument set per user. */
public final class VirtualUsersArgumentsProvider implements ArgumentsProvider, AnnotationConsumer<VirtualUsersSource> {

    private VirtualUsersSource spec;

    @Override
    public void accept(VirtualUsersSource annotation) {
        this.spec = annotation;
    }

    /** What JUnit (5.13 or later) calls for each parameterized test that names this source. */
    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        if (spec.count() < 1) {
            throw new IllegalArgumentException("@VirtualUsersSource count must be >= 1, got " + spec.count());
        }
        GenerationRequest request = GenerationRequest.of(spec.count(), spec.seed())
                .withCondition(SessionGanExtension.condition(spec.buyersOnly(), spec.preferredCategory(),
                        spec.minSessionLength(), spec.maxSessionLength()))
                .withNewItems(spec.newItems());
        // named by the user id: the user's whole toString made every invocation's name hundreds of characters long
        return SessionGanExtension.simulator(spec.model()).users(request)
                .map(user -> Arguments.argumentSet(user.userId(), user));
    }
}
