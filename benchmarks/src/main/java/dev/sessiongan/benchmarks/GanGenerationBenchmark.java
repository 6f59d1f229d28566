package dev.sessiongan.benchmarks;

import dev.sessiongan.UserSimulator;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time for the embedded session GAN to generate {@code users} users (about 1.1 sessions each), on one
 * thread, and four passes of its long tail's deal in a parallel stream (a pass a thread). Each invocation
 * uses a new seed, so no shard is served from the generator's cache. Run from the repository root:
 * {@code OMP_NUM_THREADS=1 java -jar benchmarks/target/benchmarks.jar GanGeneration}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class GanGenerationBenchmark {

    /** How many users one invocation generates (ten 256-user shards). */
    @Param("2560")
    public int users;

    private UserSimulator simulator;
    private long seed;

    /** Loads the embedded model once. */
    @Setup
    public void load() {
        simulator = UserSimulator.defaultModel();
    }

    /** Users of four passes of the embedded model's tail: a parallel stream splits only between passes. */
    public static final int PARALLEL_USERS = 4 * 14 * 256;

    /** Generates {@link #users} users; returns their number of sessions. */
    @Benchmark
    public long generateUsers() {
        Iterator<VirtualUser> it = simulator.users(GenerationRequest.of(users, seed++)).iterator();
        long sessions = 0;
        while (it.hasNext()) {
            sessions += it.next().sessions().size();
        }
        return sessions;
    }

    /** Generates {@link #PARALLEL_USERS} users in a parallel stream; returns their number of sessions. */
    @Benchmark
    public long generateUsersInParallel() {
        return simulator.users(GenerationRequest.of(PARALLEL_USERS, seed++)).parallel()
                .mapToLong(user -> user.sessions().size()).sum();
    }

    /** The same users on one thread, to compare with {@link #generateUsersInParallel}. */
    @Benchmark
    public long generateParallelUsersSequentially() {
        return simulator.users(GenerationRequest.of(PARALLEL_USERS, seed++))
                .mapToLong(user -> user.sessions().size()).sum();
    }
}
