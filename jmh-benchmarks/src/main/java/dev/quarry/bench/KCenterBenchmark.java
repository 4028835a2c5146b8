package dev.quarry.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.kernels.KCenterGreedy;
import dev.quarry.engine.kernels.KCenterJava;
import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.runtime.NativeRuntime;

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
 * Greedy k-center, B = 1 000 picks from N clustered embeddings of width d with 100 labeled centers:
 * the device kernel, the triangle-inequality-pruned Java kernel, the plain Java baseline (both Java
 * kernels on 2 threads), and one read of the embeddings on the device (k-center reads them about
 * once per pick, so B reads are its memory floor). Each includes its nearest-labeled-center start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true", "-Xms8g", "-Xmx8g"})
public class KCenterBenchmark {

    static final int BUDGET = 1000;
    static final int LABELED = 100;

    /** N. */
    @Param({"100000", "1000000"})
    public int items;

    /** d. */
    @Param({"128", "512"})
    public int width;

    private NDManager manager;
    private NDArray pool;
    private NDArray labeled;
    private float[] hostPool;
    private float[] hostLabeled;

    /** Seeded clustered embeddings, on the device and on the host. */
    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager(NativeRuntime.device(System.getProperty("quarry.device", "auto")));
        pool = Embeddings.clustered(manager, items, width, 1);
        labeled = Embeddings.clustered(manager, LABELED, width, 2);
        hostPool = pool.toFloatArray();
        hostLabeled = labeled.toFloatArray();
    }

    /** Frees native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /**
     * The device kernel.
     *
     * @return the picks
     */
    @Benchmark
    public int[] device() {
        return KCenterGreedy.select(pool, labeled, BUDGET, PairwiseDistances.DEFAULT_BUDGET_BYTES).positions();
    }

    /**
     * The pruned Java kernel.
     *
     * @return the picks
     */
    @Benchmark
    public int[] javaAccelerated() {
        int[] owner = PairwiseDistances.nearest(pool, labeled, PairwiseDistances.DEFAULT_BUDGET_BYTES);
        return KCenterJava.accelerated(hostPool, width, hostLabeled, owner, BUDGET).positions();
    }

    /**
     * Baseline: plain Java greedy.
     *
     * @return the picks
     */
    @Benchmark
    public int[] javaPlain() {
        int[] owner = PairwiseDistances.nearest(pool, labeled, PairwiseDistances.DEFAULT_BUDGET_BYTES);
        return KCenterJava.plain(hostPool, width, hostLabeled, owner, BUDGET).positions();
    }

    /**
     * Floor: one read of the embeddings on the device.
     *
     * @return their sum
     */
    @Benchmark
    public float readOnce() {
        return pool.sum().getFloat();
    }
}
