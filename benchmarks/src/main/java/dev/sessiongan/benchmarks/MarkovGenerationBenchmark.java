package dev.sessiongan.benchmarks;

import dev.sessiongan.baseline.MarkovGenerator;
import dev.sessiongan.baseline.MarkovTrainer;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.VirtualUser;
import java.nio.file.Path;
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
 * Time to generate {@code sessions} sessions with the Markov baseline fitted on the REES46 train split
 * (target: 100,000 sessions in under 2 s). Run from the repository root:
 * {@code java -jar benchmarks/target/benchmarks.jar MarkovGeneration}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MarkovGenerationBenchmark {

    /** The training file, relative to the repository root. */
    @Param("../shared/data/rees46_multicategory/train.csv")
    public String trainFile;

    /** How many sessions one invocation generates. */
    @Param("100000")
    public int sessions;

    private MarkovGenerator model;
    private long seed;

    /** Fits the model once. */
    @Setup
    public void fit() {
        model = MarkovTrainer.fit(ClickstreamFormats.rees46().read(Path.of(trainFile), ReadOptions.DEFAULT).dataset());
    }

    /** Generates users until {@link #sessions} sessions exist; returns the number of events. */
    @Benchmark
    public long generateSessions() {
        Iterator<VirtualUser> users = model.users(GenerationRequest.of(Long.MAX_VALUE, seed++)).iterator();
        long made = 0;
        long events = 0;
        while (made < sessions) {
            VirtualUser user = users.next();
            made += user.sessions().size();
            events += user.profile().events();
        }
        return events;
    }
}
