package dev.quarry.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.OfflineInputs;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.NativeRuntime;
import dev.quarry.runtime.VectorApi;

import java.util.Map;
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
 * The public selection call, {@link OfflineQueries#select} on arrays already loaded (what {@code
 * quarry select} times with {@code --repeats}): B = 100 of N = 50 000 items with d = 128 embeddings
 * from a 100-component Gaussian mixture, C = 10 Dirichlet probabilities (BADGE reads them; BatchBALD
 * reads T = 20 MC passes and picks B = 10), 500 labeled. Beside it, the same call as libtorch
 * operations; the Python tools were timed outside the JVM (see the report).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true", "-Xms3g", "-Xmx3g", "--add-modules", "jdk.incubator.vector"})
public class SelectCallBenchmark {

    static final int ITEMS = 50_000;
    static final int WIDTH = 128;
    static final int CLASSES = 10;
    static final int LABELED = 500;
    static final int BUDGET = 100;

    /** The strategy, with the options the Python runs used (BatchBALD: B = 10 from T = 20 MC passes). */
    @Param({"kcenter", "badge", "typiclust", "probcover delta=0.25", "batch-bald"})
    public String strategy;

    static final int BATCH_BALD_BUDGET = 10;
    static final int PASSES = 20;

    private NDManager manager;
    private OfflineInputs inputs;
    private QueryStrategy query;
    private int budget;

    /** Seeded embeddings, probabilities and labeled rows (every 100th). */
    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager(NativeRuntime.device(System.getProperty("quarry.device", "auto")));
        NDArray embeddings = Embeddings.clustered(manager, ITEMS, WIDTH, 100, 7);
        Engine.getInstance().setRandomSeed(8);
        NDArray probabilities;
        try (NDManager scratch = manager.newSubManager()) {
            boolean passes = strategy.equals("batch-bald");
            Shape shape = passes ? new Shape(ITEMS, PASSES, CLASSES) : new Shape(ITEMS, CLASSES);
            NDArray gamma = scratch.randomUniform(1e-7f, 1f, shape).log().neg();
            probabilities = gamma.div(gamma.sum(new int[] {passes ? 2 : 1}, true));
            probabilities.attach(manager);
        }
        long[] labeled = LongStream.range(0, LABELED).map(i -> i * (ITEMS / LABELED)).toArray();
        inputs = new OfflineInputs(probabilities, embeddings, labeled);
        budget = strategy.equals("batch-bald") ? BATCH_BALD_BUDGET : BUDGET;
        String[] nameAndOption = strategy.split(" ");
        query = nameAndOption.length == 1 ? Strategies.get(strategy)
                : Strategies.get(nameAndOption[0], Map.of(nameAndOption[1].split("=")[0], nameAndOption[1].split("=")[1]));
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
        return OfflineQueries.select(query, inputs, budget, 1);
    }

    /**
     * The same call with CPU work as libtorch operations ({@code -Dquarry.cpu.vectorKernels=false}):
     * the path before the host kernels.
     *
     * @return the picks
     */
    @Benchmark
    public Selection baselineLibtorch() {
        System.setProperty(VectorApi.PROPERTY, "false");
        try {
            return OfflineQueries.select(query, inputs, budget, 1);
        } finally {
            System.clearProperty(VectorApi.PROPERTY);
        }
    }
}
