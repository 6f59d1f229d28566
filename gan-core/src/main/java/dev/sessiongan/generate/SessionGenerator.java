package dev.sessiongan.generate;

import dev.sessiongan.internal.SeedMix;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Anything that generates virtual users: the Markov baseline, the GAN. User {@code i} of a request
 * depends only on the model, the request's seed, start and choice of {@linkplain GenerationRequest#newItems
 * new items}, and {@code i}, so output is identical however it is split over threads or batches.
 */
public interface SessionGenerator {

    /** The most threads {@link #users(GenerationRequest, int)} takes. */
    int MOST_THREADS = 256;

    /** The model kind, e.g. {@code markov}. */
    String kind();

    /**
     * Generates user number {@code index} (0-based) of the request, ignoring its condition: conditioned
     * requests are served by {@link #users}, which keeps the candidates that satisfy it.
     *
     * @throws IllegalArgumentException if {@code index} is outside {@code [0, request.users())}
     */
    VirtualUser user(long index, GenerationRequest request);

    /**
     * Whether this generator can emit items new to the catalog when a request
     * {@linkplain GenerationRequest#withNewItems asks for them} (GAN models that deal their long tail by pass).
     */
    default boolean emitsNewItems() {
        return false;
    }

    /**
     * How many consecutive users (from user 0) this generator generates together; 1 where each is generated
     * on its own. A parallel stream of {@link #users} splits only between such blocks, so that no block is
     * generated twice.
     */
    default int usersGeneratedTogether() {
        return 1;
    }

    /**
     * The most events a generated session can have, so that a condition no session can meet is refused
     * before any user is drawn; {@link Integer#MAX_VALUE} where the model sets no bound.
     */
    default int maxSessionLength() {
        return Integer.MAX_VALUE;
    }

    /**
     * Every category a generated event can have, so that a preferred category the model never produces is
     * refused before any user is drawn; empty where the generator does not list them.
     */
    default Optional<Set<String>> categories() {
        return Optional.empty();
    }

    /**
     * All users of the request, lazily, in index order. With a condition, candidates are drawn in index
     * order and those that satisfy it are kept (see {@link UserCondition}); they keep their candidate ids.
     *
     * @throws dev.sessiongan.InvalidInputException at once if the request asks for new items and this generator
     *         cannot emit them ({@link #emitsNewItems}) or if the condition asks for what the model can never
     *         produce ({@link #maxSessionLength}, {@link #categories}); while streaming, if the condition is
     *         (almost) never met
     */
    default Stream<VirtualUser> users(GenerationRequest request) {
        if (request.newItems() && !emitsNewItems()) {
            throw new dev.sessiongan.InvalidInputException("this " + kind() + " model cannot emit items new to the"
                    + " catalog; GAN models trained by SessionGAN since it deals each category's long tail by"
                    + " pass can (an older GAN model can be retrained to)");
        }
        if (request.condition().isNone()) {
            return StreamSupport.stream(new UserSpliterator(this, request), false);
        }
        Conditioning.requireReachable(this, request.condition());
        return Conditioning.users(this, request);
    }

    /**
     * The users of {@link #users(GenerationRequest)}, the same and in the same order, generated ahead on
     * {@code threads} threads: while the stream's reader is on one block of users (a pass of a GAN model's
     * tail, 3,584 users on the embedded default, 53,248 on the Taobao model; 256 for the Markov chain), the
     * next {@code threads - 1} are being generated. It holds that many blocks of users in memory at once. More
     * threads than processors would add nothing but memory, so at most one per processor is used, and no more
     * than 131,072 users are held (two blocks of the Taobao model, so two threads there). The stream
     * is read in order (a parallel one runs its stages on other threads but reads the users one by one).
     * Closing it stops its threads: a block being generated stops at its next user.
     *
     * @param threads 1 to {@link #MOST_THREADS}; 1, or a machine with one processor, is
     *                {@link #users(GenerationRequest)} itself
     */
    default Stream<VirtualUser> users(GenerationRequest request, int threads) {
        if (threads < 1 || threads > MOST_THREADS) {
            throw new dev.sessiongan.InvalidInputException("threads must be in [1, " + MOST_THREADS + "], got "
                    + threads);
        }
        int used = AheadGenerator.threadsFor(Math.min(threads, Runtime.getRuntime().availableProcessors()), this);
        if (used == 1) {
            return users(request);
        }
        AheadGenerator ahead = new AheadGenerator(this, used);
        try {
            // read through one iterator: a split would send two readers to blocks the other just let go
            Iterator<VirtualUser> users = ahead.users(request).iterator();
            int traits = Spliterator.ORDERED | Spliterator.NONNULL;
            Spliterator<VirtualUser> inOrder = request.condition().isNone()
                    ? Spliterators.spliterator(users, request.users(), traits)
                    : Spliterators.spliteratorUnknownSize(users, traits);
            return StreamSupport.stream(inOrder, false).onClose(ahead::close);
        } catch (RuntimeException e) {
            ahead.close();
            throw e;
        }
    }

    /** The random source of user {@code index} under {@code seed}: independent streams per index. */
    static SplittableRandom randomFor(long seed, long index) {
        return new SplittableRandom(SeedMix.mix(seed) ^ SeedMix.mix(index + 0x9E3779B97F4A7C15L));
    }

    /** The canonical id of generated user {@code index}: {@code u1}, {@code u2}, ... */
    static String userId(long index) {
        return "u" + (index + 1);
    }
}
