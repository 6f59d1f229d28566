package dev.sessiongan;

import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.EmbeddedModels;
import dev.sessiongan.io.ModelFile;
import dev.sessiongan.io.ModelManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The front door: a model (the embedded default or a model file) that simulates virtual users.
 * <pre>{@code
 * UserSimulator simulator = UserSimulator.defaultModel();
 * List<VirtualUser> users = simulator.users(GenerationRequest.of(100, 42)).toList();
 * }</pre>
 * Users are generated lazily, in order, and reproducibly: the same model, seed, start and condition
 * always give the same users, however the stream is consumed. Instances are safe to share between
 * threads.
 */
public final class UserSimulator {

    /** The embedded default, parsed on first use and then shared (it is immutable and thread-safe). */
    private static volatile UserSimulator embeddedDefault;

    private final SessionGenerator generator;
    private final ModelManifest manifest;

    private UserSimulator(SessionGenerator generator, ModelManifest manifest) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.manifest = manifest;
    }

    /**
     * The model shipped inside the library: works offline, with no training and no files. It is read from the
     * jar on the first call; later calls return the same instance.
     */
    public static UserSimulator defaultModel() {
        UserSimulator simulator = embeddedDefault;
        if (simulator == null) {
            synchronized (UserSimulator.class) {
                simulator = embeddedDefault;
                if (simulator == null) {
                    ModelFile.Loaded loaded = EmbeddedModels.defaultModel();
                    simulator = new UserSimulator(loaded.generator(), loaded.manifest());
                    embeddedDefault = simulator;
                }
            }
        }
        return simulator;
    }

    /**
     * A model file written by {@code sessiongan train}.
     *
     * @throws InvalidInputException if the file is missing, corrupt, truncated or not a model file
     */
    public static UserSimulator load(Path modelFile) {
        ModelFile.Loaded loaded = ModelFile.load(modelFile);
        return new UserSimulator(loaded.generator(), loaded.manifest());
    }

    /** A generator built in code (e.g. a freshly trained one). */
    public static UserSimulator of(SessionGenerator generator) {
        return new UserSimulator(generator, null);
    }

    /** The model kind, e.g. {@code markov} or {@code gan}. */
    public String kind() {
        return generator.kind();
    }

    /** What the model file says about itself (versions, training data, seed); empty for {@link #of}. */
    public Optional<ModelManifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    /**
     * The request's users, lazily and in order. A request with a {@link dev.sessiongan.generate.UserCondition}
     * yields only users that satisfy it (rejection sampling; fails while streaming if the model almost
     * never produces such users).
     */
    public Stream<VirtualUser> users(GenerationRequest request) {
        return generator.users(Objects.requireNonNull(request, "request"));
    }

    /**
     * The same users as {@link #users(GenerationRequest)}, in the same order, generated ahead on {@code threads}
     * threads (see {@link SessionGenerator#users(GenerationRequest, int)}): for writing many users in order
     * faster on a machine with cores to spare. Close the stream (try-with-resources) when done with it early.
     */
    public Stream<VirtualUser> users(GenerationRequest request, int threads) {
        return generator.users(Objects.requireNonNull(request, "request"), threads);
    }

    /** Most users {@link #users(long, long)} puts in a list; more are streamed ({@link #users(GenerationRequest)}). */
    public static final long MOST_LISTED = 10_000_000;

    /**
     * {@code count} users from {@code seed}, as a list: at most {@link #MOST_LISTED}, which already take gigabytes;
     * stream more with {@link #users(GenerationRequest)}.
     */
    public List<VirtualUser> users(long count, long seed) {
        if (count > MOST_LISTED) {
            throw new InvalidInputException(String.format(Locale.ROOT, "a list holds at most %,d users, got %,d; stream"
                    + " them instead: users(GenerationRequest.of(count, seed))", MOST_LISTED, count));
        }
        return users(GenerationRequest.of(count, seed)).toList();
    }

    /** The underlying generator. */
    public SessionGenerator generator() {
        return generator;
    }
}
