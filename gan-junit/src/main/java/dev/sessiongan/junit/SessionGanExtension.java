package dev.sessiongan.junit;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.UserSimulator;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.UserCondition;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Resolves {@link VirtualUsers}-annotated parameters and, when such a test fails, attaches the seeds it
 * used to the failure (as a suppressed exception, and as a report entry {@code sessiongan.seed}).
 * Models are loaded once per class loader and shared.
 */
public final class SessionGanExtension implements ParameterResolver, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SessionGanExtension.class);
    private static final Map<String, UserSimulator> MODELS = new ConcurrentHashMap<>();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(VirtualUsers.class) && shape(parameter.getParameter().getParameterizedType()) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        VirtualUsers spec = parameter.findAnnotation(VirtualUsers.class).orElseThrow();
        Shape shape = shape(parameter.getParameter().getParameterizedType());
        long seed = spec.seed() == VirtualUsers.RANDOM ? ThreadLocalRandom.current().nextLong() : spec.seed();
        seeds(context).add(name(parameter) + ": seed = " + seed + "L");
        int count = shape == Shape.ONE ? 1 : spec.count();
        if (count < 1) {
            throw new ParameterResolutionException("@VirtualUsers count must be >= 1, got " + count);
        }
        try {
            GenerationRequest request = GenerationRequest.of(count, seed).withCondition(condition(spec))
                    .withNewItems(spec.newItems());
            Stream<VirtualUser> users = simulator(spec.model()).users(request);
            return switch (shape) {
                case ONE -> users.findFirst().orElseThrow();
                case LIST -> users.toList();
                case STREAM -> users;
            };
        } catch (InvalidInputException e) {
            throw new ParameterResolutionException("@VirtualUsers on " + name(parameter) + ": " + e.getMessage(), e);
        }
    }

    /** The parameter's name where the class was compiled with {@code -parameters}, else its position. */
    private static String name(ParameterContext parameter) {
        java.lang.reflect.Parameter p = parameter.getParameter();
        return p.isNamePresent() ? p.getName() : "parameter " + parameter.getIndex();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        reportSeeds(context, failure);
    }

    /** A {@code @BeforeEach} or {@code @AfterEach} that takes virtual users reports their seeds as the test does. */
    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        reportSeeds(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        reportSeeds(context, failure);
    }

    private static void reportSeeds(ExtensionContext context, Throwable failure) throws Throwable {
        List<String> used = seeds(context);
        if (!used.isEmpty()) {
            String message = "SessionGAN virtual users: " + String.join(", ", used)
                    + " (replay with @VirtualUsers(seed = ...))";
            failure.addSuppressed(new SeedReport(message));
            context.publishReportEntry("sessiongan.seed", String.join(", ", used));
        }
        throw failure;
    }

    /** Carries the seed report on a failure; no stack trace, only the message. */
    static final class SeedReport extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SeedReport(String message) {
            super(message, null, false, false);
        }
    }

    static UserCondition condition(VirtualUsers spec) {
        return condition(spec.buyersOnly(), spec.preferredCategory(), spec.minSessionLength(),
                spec.maxSessionLength());
    }

    /** The condition both annotations describe, with their "none" values: false, "" and 0. */
    static UserCondition condition(boolean buyersOnly, String preferredCategory, int minSessionLength,
            int maxSessionLength) {
        UserCondition c = buyersOnly ? UserCondition.buyers() : UserCondition.NONE;
        if (!preferredCategory.isEmpty()) {
            c = c.withPreferredCategory(preferredCategory);
        }
        // 0 is the annotations' "no bound"; anything else, negative too, goes to the condition's own checks
        Integer min = minSessionLength != 0 ? minSessionLength : null;
        Integer max = maxSessionLength != 0 ? maxSessionLength : null;
        return new UserCondition(c.buyer(), c.preferredCategory(), min, max);
    }

    /** The seeds used by this test's parameters, kept in the test's own store. */
    @SuppressWarnings("unchecked")
    private static List<String> seeds(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("seeds", k -> new ArrayList<String>(), List.class);
    }

    static UserSimulator simulator(String model) {
        return MODELS.computeIfAbsent(model, SessionGanExtension::load);
    }

    private static UserSimulator load(String model) {
        if (model.isEmpty()) {
            return UserSimulator.defaultModel();
        }
        if (model.startsWith("classpath:")) {
            String resource = model.substring("classpath:".length());
            try (InputStream in = SessionGanExtension.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new InvalidInputException(model, 0, null, "no such classpath resource");
                }
                return UserSimulator.of(ModelFile.load(in.readAllBytes(), model).generator());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return UserSimulator.load(Path.of(model));
    }

    private enum Shape { ONE, LIST, STREAM }

    private static Shape shape(Type type) {
        if (type == VirtualUser.class) {
            return Shape.ONE;
        }
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] == VirtualUser.class) {
            if (p.getRawType() == List.class) {
                return Shape.LIST;
            }
            if (p.getRawType() == Stream.class) {
                return Shape.STREAM;
            }
        }
        return null;
    }
}
