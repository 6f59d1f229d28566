package dev.sessiongan.junit;

import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.UserCondition;
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
                .withCondition(spec.buyersOnly() ? UserCondition.buyers() : UserCondition.NONE)
                .withNewItems(spec.newItems());
        return SessionGanExtension.simulator(spec.model()).users(request).map(Arguments::of);
    }
}
