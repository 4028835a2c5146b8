package dev.quarry.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.ProbabilityInputs;
import dev.quarry.engine.strategy.ProbabilityLayout;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.NativeRuntime;
import dev.quarry.runtime.VectorApi;

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
 * The public scoring call, {@link OfflineQueries#score} on MC probabilities already loaded {@code
 * (N, T, C) = (N, 20, 10)} (what {@code quarry score} times with {@code --repeats}): as it runs on
 * this JVM (the fused Vector API kernels on a CPU), the same call with the kernels switched off
 * (libtorch operations, the path before them: the baseline), and the floor, one read of the
 * tensor ({@code sum()}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true", "-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class ScoreCallBenchmark {

    static final int PASSES = 20;
    static final int CLASSES = 10;

    /** The probabilities. */
    @State(Scope.Benchmark)
    public static class Pool {
        /** N. */
        @Param({"10000", "50000", "100000", "1000000"})
        public int items;

        NDManager manager;
        NDArray probabilities;

        /** Seeded Dirichlet(1) passes, checked as {@code quarry score} checks a file. */
        @Setup(Level.Trial)
        public void setUp() {
            if (!VectorApi.enabled()) {
                throw new IllegalStateException("The fork runs without the Vector API, so 'score' would time the "
                        + "baseline: it needs --add-modules " + VectorApi.MODULE + " (the suite's @Fork passes it; a "
                        + "-jvmArgs on the command line replaces that, -jvmArgsAppend does not).");
            }
            manager = NDManager.newBaseManager(NativeRuntime.device(System.getProperty("quarry.device", "auto")));
            Engine.getInstance().setRandomSeed(42);
            try (NDManager scratch = manager.newSubManager()) {
                NDArray gamma = scratch.randomUniform(1e-7f, 1f, new Shape(items, PASSES, CLASSES)).log().neg();
                probabilities = ProbabilityInputs.toQuarryLayout("benchmark", gamma.div(gamma.sum(new int[] {2}, true)),
                        ProbabilityLayout.NTC);
                probabilities.attach(manager);
            }
        }

        /** Frees native memory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            manager.close();
        }
    }

    /** Which strategy. */
    @State(Scope.Benchmark)
    public static class Score {
        /** A registered strategy with one score per item. */
        @Param({"bald", "entropy", "margin"})
        public String strategy;

        QueryStrategy query;

        /** Resolves the strategy. */
        @Setup(Level.Trial)
        public void setUp() {
            query = Strategies.get(strategy);
        }
    }

    /**
     * The call as it runs: fused kernels where the JVM has the Vector API.
     *
     * @param pool the probabilities
     * @param score the strategy
     * @return N scores
     */
    @Benchmark
    public float[] score(Pool pool, Score score) {
        System.clearProperty(VectorApi.PROPERTY);
        return OfflineQueries.score(score.query, pool.probabilities);
    }

    /**
     * Baseline: the same call as libtorch operations.
     *
     * @param pool the probabilities
     * @param score the strategy
     * @return N scores
     */
    @Benchmark
    public float[] baselineLibtorch(Pool pool, Score score) {
        System.setProperty(VectorApi.PROPERTY, "false");
        try {
            return OfflineQueries.score(score.query, pool.probabilities);
        } finally {
            System.clearProperty(VectorApi.PROPERTY);
        }
    }

    /**
     * Floor: one read of the tensor.
     *
     * @param pool the probabilities
     * @return the sum of all probabilities
     */
    @Benchmark
    public float floorReadOnce(Pool pool) {
        try (NDArray sum = pool.probabilities.sum()) {
            return sum.getFloat();
        }
    }
}
