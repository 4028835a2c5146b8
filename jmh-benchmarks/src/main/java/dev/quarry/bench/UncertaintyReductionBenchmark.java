package dev.quarry.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.bayesian.UncertaintyMeasure;
import dev.quarry.engine.strategy.RowReductions;
import dev.quarry.runtime.NativeRuntime;

import java.util.Locale;
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
 * Reducing MC-dropout probabilities {@code (N, T, C) = (N, 20, 10)} to one score per item: Quarry's
 * chunked device reduction, a plain-Java loop (one thread, double accumulation) computing the same
 * scores, and the floor for both: reading the tensor once ({@code sum()} on the device, a summing
 * loop on the host). Times are per whole pool.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 4, time = 4)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true", "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
public class UncertaintyReductionBenchmark {

    static final int PASSES = 20;
    static final int CLASSES = 10;

    /** The probabilities, on the device and on the host. */
    @State(Scope.Benchmark)
    public static class Tensor {
        /** N. */
        @Param({"100000", "1000000"})
        public int items;

        NDManager manager;
        NDArray device;
        float[] host;

        /** Seeded random MC probabilities: each pass normalized to sum 1. */
        @Setup(Level.Trial)
        public void setUp() {
            manager = NDManager.newBaseManager(NativeRuntime.device(System.getProperty("quarry.device", "auto")));
            Engine.getInstance().setRandomSeed(42);
            NDArray raw = manager.randomUniform(0f, 1f, new Shape(items, PASSES, CLASSES));
            device = raw.div(raw.sum(new int[] {2}, true));
            raw.close();
            host = device.toFloatArray();
        }

        /** Frees native memory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            manager.close();
        }
    }

    /** Which score. */
    @State(Scope.Benchmark)
    public static class Measure {
        /** The strategy name. */
        @Param({"bald", "entropy", "margin"})
        public String name;

        UncertaintyMeasure measure;

        /**
         * Resolves the measure and checks that both implementations agree on the first rows.
         *
         * @param tensor the inputs
         */
        @Setup(Level.Trial)
        public void setUp(Tensor tensor) {
            measure = UncertaintyMeasure.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            int rows = 1000;
            float[] device = RowReductions.reduce(tensor.device.get("0:" + rows), 256, measure::score);
            float[] plain = PlainJavaScores.score(measure, tensor.host, rows);
            for (int i = 0; i < rows; i++) {
                if (Math.abs(device[i] - plain[i]) > 1e-5f) {
                    throw new IllegalStateException(name + " row " + i + ": device " + device[i] + " vs plain " + plain[i]);
                }
            }
        }
    }

    /**
     * Quarry: chunk by chunk on the device, N scores back.
     *
     * @param tensor the inputs
     * @param measure the score
     * @return N scores
     */
    @Benchmark
    public float[] device(Tensor tensor, Measure measure) {
        return RowReductions.reduce(tensor.device, RowReductions.DEFAULT_CHUNK_ROWS, measure.measure::score);
    }

    /**
     * Baseline: a plain-Java loop over a float array.
     *
     * @param tensor the inputs
     * @param measure the score
     * @return N scores
     */
    @Benchmark
    public float[] plainJava(Tensor tensor, Measure measure) {
        return PlainJavaScores.score(measure.measure, tensor.host, tensor.items);
    }

    /**
     * Floor: reading the tensor once on the device.
     *
     * @param tensor the inputs
     * @return the sum of all probabilities
     */
    @Benchmark
    public float readOnceDevice(Tensor tensor) {
        return tensor.device.sum().getFloat();
    }

    /**
     * Floor: reading the float array once on the host.
     *
     * @param tensor the inputs
     * @return the sum of all probabilities
     */
    @Benchmark
    public double readOnceHost(Tensor tensor) {
        double sum = 0;
        for (float v : tensor.host) {
            sum += v;
        }
        return sum;
    }
}
