package dev.quarry.bench;

import ai.djl.Device;

import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.rfi.ae.AutoencoderOptions;
import dev.quarry.rfi.ae.RfiAutoencoder;
import dev.quarry.rfi.detect.CellFlags;
import dev.quarry.rfi.detect.SmapDetectors;
import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.FootprintSet;
import dev.quarry.rfi.sim.RadiometerSimulator;
import dev.quarry.rfi.sim.SimulationMode;
import dev.quarry.rfi.sim.SimulatorConfig;
import dev.quarry.runtime.NativeRuntime;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The RF hot paths, footprints per second on one thread: simulating a footprint (fast and IQ mode),
 * running the SMAP-like detectors on one (fast-mode set, IQ-mode set with kurtosis), and the
 * autoencoder's inference batched 1 024 footprints per forward against one forward per footprint
 * (the baseline). The autoencoder is trained for one epoch in setup: its weights do not change its
 * speed. The device is {@code -Dquarry.device} (default {@code auto}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class RfiBenchmark {

    private static final int BATCH = 1024;
    private static final int SINGLES = 64;

    private RadiometerSimulator fast;
    private RadiometerSimulator iq;
    private List<Footprint> fastSet;
    private List<Footprint> iqSet;
    private SmapDetectors fastDetectors;
    private SmapDetectors iqDetectors;
    private RfiAutoencoder autoencoder;
    private float[] batch;
    private float[][] singles;
    private int next;

    /** Simulators, footprint sets and a briefly trained autoencoder. */
    @Setup(Level.Trial)
    public void setUp() {
        fast = new RadiometerSimulator(SimulatorConfig.defaults(1));
        iq = new RadiometerSimulator(SimulatorConfig.defaults(1).withMode(SimulationMode.IQ));
        fastSet = fast.footprints(0, BATCH, ProgressReporter.SILENT);
        iqSet = iq.footprints(0, 16, ProgressReporter.SILENT);
        fastDetectors = SmapDetectors.forMode(SimulationMode.FAST, 2.5);
        iqDetectors = SmapDetectors.forMode(SimulationMode.IQ, 2.5);
        Device device = NativeRuntime.device(System.getProperty("quarry.device", "auto"));
        autoencoder = RfiAutoencoder.create(AutoencoderOptions.defaults(1).withMaxEpochs(1), device);
        FootprintSet train = FootprintSet.of(fastSet);
        autoencoder.fit(train, train, ProgressReporter.SILENT);
        batch = train.cells();
        singles = new float[SINGLES][];
        for (int i = 0; i < SINGLES; i++) {
            singles[i] = fastSet.get(i).cells();
        }
    }

    /** Frees the model. */
    @TearDown(Level.Trial)
    public void tearDown() {
        autoencoder.close();
    }

    /**
     * One fast-mode footprint.
     *
     * @return it
     */
    @Benchmark
    public Footprint simulateFast() {
        return fast.footprint(next++ & 0xffff);
    }

    /**
     * One IQ-mode footprint: 2 × 230 400 complex samples, the filter bank, kurtosis and Stokes.
     *
     * @return it
     */
    @Benchmark
    public Footprint simulateIq() {
        return iq.footprint(next++ & 0xffff);
    }

    /**
     * The four detectors fast mode supports on one footprint.
     *
     * @return the flags
     */
    @Benchmark
    public CellFlags detectFast() {
        return fastDetectors.flag(fastSet.get(next++ % BATCH));
    }

    /**
     * All six detectors (kurtosis included) on one IQ-mode footprint.
     *
     * @return the flags
     */
    @Benchmark
    public CellFlags detectIq() {
        return iqDetectors.flag(iqSet.get(next++ % iqSet.size()));
    }

    /**
     * Autoencoder inference, 1 024 footprints in one forward.
     *
     * @return the mitigated cells
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[] autoencoderBatched() {
        return autoencoder.mitigate(batch);
    }

    /**
     * Baseline: one forward per footprint.
     *
     * @return the last footprint's mitigated cells
     */
    @Benchmark
    @OperationsPerInvocation(SINGLES)
    public float[] autoencoderOneByOne() {
        float[] out = null;
        for (float[] cells : singles) {
            out = autoencoder.mitigate(cells);
        }
        return out;
    }
}
