package dev.quarry.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.NativeRuntime;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One BatchBALD selection of B items from N = 10 000 candidates with T = 20 shared-mask passes and
 * C = 10 classes (maxConfigs 1 000: exact for the first 3 picks, sampled after), next to the top-B
 * BALD selection it generalizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class BatchBaldBenchmark {

    /** B. */
    @Param({"10", "50"})
    public int budget;

    private NDManager manager;
    private NDArray probabilities;
    private QueryStrategy batchBald;
    private QueryStrategy bald;

    /** Seeded random MC probabilities, sharper for some items than others. */
    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager(NativeRuntime.device(System.getProperty("quarry.device", "auto")));
        Engine.getInstance().setRandomSeed(7);
        NDArray logits = manager.randomNormal(new Shape(10_000, 20, 10)).mul(manager.randomUniform(0.5f, 4f, new Shape(10_000, 1, 1)));
        probabilities = logits.softmax(2);
        logits.close();
        batchBald = Strategies.get("batch-bald", Map.of("mcSamples", "20"));
        bald = Strategies.get("bald", Map.of("mcSamples", "20"));
    }

    /** Frees native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /**
     * BatchBALD.
     *
     * @return the picked row indices
     */
    @Benchmark
    public long[] batchBald() {
        return OfflineQueries.select(batchBald, probabilities, budget, 1).ids();
    }

    /**
     * Reference: top-B BALD, which ignores the redundancy between picks.
     *
     * @return the picked row indices
     */
    @Benchmark
    public long[] topBald() {
        return OfflineQueries.select(bald, probabilities, budget, 1).ids();
    }
}
