package dev.quarry.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.strategy.OfflineInputs;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.NativeRuntime;

import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

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
 * k-center through the public call as the pool grows: {@link OfflineQueries#select} with {@code
 * kcenter}, B = {@value #BUDGET} of N embeddings of width {@value #WIDTH} (a 100-component Gaussian
 * mixture), {@value #LABELED} labeled rows, and one read of the embeddings, the floor's unit (the
 * greedy reads them once per pick). N = 10^7 holds 2.6 GB of embeddings, copied once to the heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true", "-Xms6g", "-Xmx6g", "--add-modules", "jdk.incubator.vector"})
public class KCenterCallBenchmark {

    /** B, the picks per call. */
    public static final int BUDGET = 100;
    static final int WIDTH = 64;
    static final int LABELED = 500;

    /** N. */
    @Param({"10000", "100000", "1000000", "10000000"})
    public int items;

    private NDManager manager;
    private NDArray embeddings;
    private OfflineInputs inputs;
    private QueryStrategy query;

    /** Seeded embeddings and evenly spaced labeled rows. */
    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager(NativeRuntime.device(System.getProperty("quarry.device", "auto")));
        embeddings = Embeddings.clustered(manager, items, WIDTH, 100, 7);
        long[] labeled = LongStream.range(0, LABELED).map(i -> i * (items / LABELED)).toArray();
        inputs = new OfflineInputs(null, embeddings, labeled);
        query = Strategies.get("kcenter");
    }

    /** Frees native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /**
     * The call.
     *
     * @return the picks
     */
    @Benchmark
    public Selection select() {
        return OfflineQueries.select(query, inputs, BUDGET, 1);
    }

    /**
     * One read of the embeddings; the report counts B of them as the floor.
     *
     * @return their sum
     */
    @Benchmark
    public float floorReadOnce() {
        try (NDArray sum = embeddings.sum()) {
            return sum.getFloat();
        }
    }
}
