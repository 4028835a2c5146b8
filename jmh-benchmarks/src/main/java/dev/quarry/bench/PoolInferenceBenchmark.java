package dev.quarry.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.model.CnnClassifier;
import dev.quarry.engine.model.CnnOptions;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.McMode;
import dev.quarry.engine.model.McScope;
import dev.quarry.engine.model.McSpec;
import dev.quarry.engine.model.TrainingOptions;
import dev.quarry.runtime.NativeRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pool inference throughput of the demo model (the default CNN) on real Fashion-MNIST images, in
 * images per second: one deterministic pass, and MC dropout with T passes run through the whole
 * network (each batch replicated T times, one forward per chunk; or a loop of T forwards) or
 * through the dropout head only (the trunk once per image).
 *
 * <p>Multiply an MC score by T for image-passes per second. The device is {@code -Dquarry.device}
 * (default {@code auto}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
// A fixed, pre-touched heap: otherwise first-touch page faults of a growing heap drift the scores.
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class PoolInferenceBenchmark {

    /** Images per benchmark invocation. */
    static final int IMAGES = 1024;

    /** MC-dropout passes. */
    @Param({"20"})
    public int samples;

    private ExperimentData data;
    private long[] ids;
    private CnnClassifier replicate;
    private CnnClassifier loop;
    private NDManager manager;

    /**
     * Trains the demo model briefly (the weights do not change the cost) and shares its weights
     * between a replicating and a looping instance.
     *
     * @throws IOException if the embedded data cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Device device = NativeRuntime.device(System.getProperty("quarry.device", "auto"));
        data = DatasetSpec.embeddedSubset().load();
        ids = new long[IMAGES];
        Arrays.setAll(ids, i -> i);
        InferenceOptions defaults = InferenceOptions.defaultsFor(device);
        replicate = CnnClassifier.forPool(data.pool(), CnnOptions.DEFAULTS, TrainingOptions.DEFAULTS,
                defaults.withMcMode(McMode.REPLICATE), device);
        loop = CnnClassifier.forPool(data.pool(), CnnOptions.DEFAULTS, TrainingOptions.DEFAULTS,
                defaults.withMcMode(McMode.LOOP), device);
        long[] train = Arrays.copyOf(ids, 500);
        int[] labels = Arrays.copyOf(data.pool().labels(), 500);
        replicate.fit(data.pool(), train, labels, 1);
        Path weights = Files.createTempDirectory("quarry-bench");
        replicate.save(weights);
        loop.load(weights);
        manager = NDManager.newBaseManager(device);
    }

    /** Frees native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
        replicate.close();
        loop.close();
    }

    /**
     * One deterministic pass over the images.
     *
     * @return the probabilities, copied to the host
     */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public float[] deterministic() {
        try (NDManager m = manager.newSubManager()) {
            return replicate.probabilities(data.pool(), ids, m).toFloatArray();
        }
    }

    /**
     * T stochastic passes, each batch replicated T times.
     *
     * @return the {@code (N, T, C)} probabilities, copied to the host
     */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public float[] mcReplicated() {
        try (NDManager m = manager.newSubManager()) {
            return replicate.mcProbabilities(data.pool(), ids, new McSpec(samples, McScope.FULL, false), 7, m).toFloatArray();
        }
    }

    /**
     * T stochastic passes, one forward per pass.
     *
     * @return the {@code (N, T, C)} probabilities, copied to the host
     */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public float[] mcLoop() {
        try (NDManager m = manager.newSubManager()) {
            return loop.mcProbabilities(data.pool(), ids, new McSpec(samples, McScope.FULL, false), 7, m).toFloatArray();
        }
    }

    /**
     * T stochastic passes through the head only: the trunk runs once per image.
     *
     * @return the {@code (N, T, C)} probabilities, copied to the host
     */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public float[] mcHeadOnly() {
        try (NDManager m = manager.newSubManager()) {
            return replicate.mcProbabilities(data.pool(), ids, new McSpec(samples, McScope.HEAD, false), 7, m).toFloatArray();
        }
    }
}
