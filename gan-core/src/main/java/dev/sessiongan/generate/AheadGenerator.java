package dev.sessiongan.generate;

import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A generator's users reached in order, each block of users generated ahead on its own thread: while the
 * reader is on one block, the next {@code threads - 1} are being generated. It holds at most {@code threads}
 * blocks, and its users are its generator's, byte for byte. Meant to be read by one reader, in order (its
 * stream does not split); closing it stops its threads.
 */
final class AheadGenerator implements SessionGenerator, AutoCloseable {
    /** The fewest users a block holds, so that a thread's work outweighs handing it over. */
    private static final int MIN_BLOCK = 256;
    /**
     * The most users held in all blocks at once, whatever the threads asked for: about 300 MB of a Taobao model's
     * users, whose blocks (passes) are 53,248 users, so two blocks there, and 36 of the embedded default's.
     */
    static final long MOST_USERS_HELD = 131_072;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final SessionGenerator generator;
    private final int threads;
    private final long block;
    private final ExecutorService executor;
    private final TreeMap<Long, Future<VirtualUser[]>> ahead = new TreeMap<>();
    private GenerationRequest current;
    private boolean closed;

    AheadGenerator(SessionGenerator generator, int threads) {
        this.generator = generator;
        this.threads = threads;
        this.block = blockOf(generator);
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread t = new Thread(task, "sessiongan-generate-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true); // a stream left unclosed must not keep the JVM alive
            return t;
        };
        ThreadPoolExecutor threadPool = new ThreadPoolExecutor(threads, threads, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons);
        threadPool.allowCoreThreadTimeOut(true);
        this.executor = threadPool;
    }

    /** The users of a block: whole groups of users generated together, at least {@value #MIN_BLOCK}. */
    private static long blockOf(SessionGenerator generator) {
        long together = Math.max(1, generator.usersGeneratedTogether());
        return together * ((MIN_BLOCK + together - 1) / together);
    }

    /**
     * How many of {@code threads} to use for {@code generator}'s blocks: as many blocks as fit in
     * {@value #MOST_USERS_HELD} users, at least one.
     */
    static int threadsFor(int threads, SessionGenerator generator) {
        return (int) Math.max(1, Math.min(threads, MOST_USERS_HELD / blockOf(generator)));
    }

    @Override
    public String kind() {
        return generator.kind();
    }

    @Override
    public VirtualUser user(long index, GenerationRequest request) {
        if (index < 0 || index >= request.users()) {
            throw new IllegalArgumentException("user index must be in [0, " + request.users() + "), got " + index);
        }
        long first = index / block;
        Future<VirtualUser[]> users;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the stream of users generated ahead was closed");
            }
            if (!request.equals(current)) {
                cancelAll();
                current = request;
            }
            ahead.headMap(first).clear(); // blocks behind the reader are done with
            long last = Math.min(first + threads - 1, (request.users() - 1) / block);
            for (long b = first; b <= last; b++) {
                long from = b * block;
                long to = Math.min(request.users(), from + block);
                ahead.computeIfAbsent(b, k -> executor.submit(() -> generate(from, to, request)));
            }
            users = ahead.get(first);
        }
        return await(users)[(int) (index - first * block)];
    }

    private VirtualUser[] generate(long from, long to, GenerationRequest request) {
        VirtualUser[] users = new VirtualUser[(int) (to - from)];
        for (long i = from; i < to; i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("generation stopped: the stream was closed");
            }
            users[(int) (i - from)] = generator.user(i, request);
        }
        return users;
    }

    private void cancelAll() {
        ahead.values().forEach(f -> f.cancel(true));
        ahead.clear();
    }

    /** The block's users, or what its thread threw, as thrown there. */
    private static VirtualUser[] await(Future<VirtualUser[]> users) {
        try {
            return users.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for generated users");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public boolean emitsNewItems() {
        return generator.emitsNewItems();
    }

    @Override
    public int usersGeneratedTogether() {
        return generator.usersGeneratedTogether();
    }

    @Override
    public int maxSessionLength() {
        return generator.maxSessionLength();
    }

    @Override
    public Optional<Set<String>> categories() {
        return generator.categories();
    }

    /** Stops generating: a block being generated stops at its next user, and the blocks held are let go. */
    @Override
    public synchronized void close() {
        closed = true;
        cancelAll();
        executor.shutdownNow();
    }
}
