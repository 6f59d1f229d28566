package dev.sessiongan.benchmarks;

import dev.sessiongan.data.SessionDataset;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.model.GanOptions;
import dev.sessiongan.model.GanTrainer;
import java.nio.file.Path;
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
 * Time for one short GAN training run with the default network on the REES46 train split: by default one
 * maximum-likelihood (teacher-forced) epoch with its validation; {@code -p adversarialEpochs=1} adds one
 * adversarial epoch. No calibration. Each run trains from scratch with the same seed, so every iteration
 * does the same work. Run from the repository root:
 * {@code OMP_NUM_THREADS=1 java -jar benchmarks/target/benchmarks.jar GanTraining}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=3g",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class GanTrainingBenchmark {

    /** The training file, relative to the repository root. */
    @Param("../shared/data/rees46_multicategory/train.csv")
    public String trainFile;

    /** Warm-start epochs per run. */
    @Param("1")
    public int mleEpochs;

    /** Adversarial epochs per run, after the warm start. */
    @Param("0")
    public int adversarialEpochs;

    private SessionDataset dataset;
    private GanOptions options;

    /** Reads the data once. */
    @Setup
    public void read() {
        dataset = ClickstreamFormats.rees46().read(Path.of(trainFile), ReadOptions.DEFAULT).dataset();
        options = GanOptions.builder().mleEpochs(mleEpochs).adversarialEpochs(adversarialEpochs)
                .calibrationRounds(0).build();
    }

    /** Trains once; returns the kept epoch so the work cannot be optimised away. */
    @Benchmark
    public int train() {
        return GanTrainer.train(dataset, options, null).history().keptEpoch();
    }
}
