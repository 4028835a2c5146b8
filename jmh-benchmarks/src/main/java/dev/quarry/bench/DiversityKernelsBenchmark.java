package dev.quarry.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.diversity.ProbCoverSelector;
import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.strategy.OfflineInputs;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.NativeRuntime;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The other diversity kernels, each beside its baseline: nearest-center distances (N = 100 000, 1
 * 000 centers, d = 128, blocked matrix products vs a 2-thread Java loop); BADGE (N = 20 000, C =
 * 100, d = 256, B = 100, factorized vs the C·d-wide gradient embeddings materialized); ProbCover's
 * δ-ball graph (N = 20 000 unit vectors, d = 128, blocked device build vs a 2-thread Java loop).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgs = {"-Dai.djl.offline=true", "-Xms6g", "-Xmx6g"})
public class DiversityKernelsBenchmark {

    private NDManager manager;
    private NDArray points;
    private NDArray centers;
    private float[] hostPoints;
    private float[] hostCenters;
    private NDArray badgeProbabilities;
    private NDArray badgeEmbeddings;
    private NDArray unit;
    private float[] hostUnit;
    private QueryStrategy badge;

    /** Seeded inputs. */
    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager(NativeRuntime.device(System.getProperty("quarry.device", "auto")));
        points = Embeddings.clustered(manager, 100_000, 128, 3);
        centers = Embeddings.clustered(manager, 1000, 128, 4);
        hostPoints = points.toFloatArray();
        hostCenters = centers.toFloatArray();
        Engine.getInstance().setRandomSeed(5);
        badgeProbabilities = manager.randomNormal(new Shape(20_000, 100)).mul(3f).softmax(1);
        badgeEmbeddings = Embeddings.clustered(manager, 20_000, 256, 6).maximum(0f);
        NDArray raw = Embeddings.clustered(manager, 20_000, 128, 7);
        unit = raw.div(raw.square().sum(new int[] {1}, true).sqrt());
        hostUnit = unit.toFloatArray();
        badge = Strategies.get("badge");
    }

    /** Frees native memory. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /**
     * Nearest-center squared distances, blocked matrix products.
     *
     * @return the distances
     */
    @Benchmark
    public float[] nearestDevice() {
        try (NDScope scope = new NDScope()) {
            return PairwiseDistances.minSquared(points, centers, PairwiseDistances.DEFAULT_BUDGET_BYTES).toFloatArray();
        }
    }

    /**
     * Baseline: the same in a 2-thread Java loop.
     *
     * @return the distances
     */
    @Benchmark
    public float[] nearestJava() {
        int d = 128;
        int l = hostCenters.length / d;
        float[] out = new float[hostPoints.length / d];
        IntStream.range(0, out.length).parallel().forEach(i -> {
            float best = Float.MAX_VALUE;
            for (int c = 0; c < l; c++) {
                float s = 0;
                for (int j = 0; j < d; j++) {
                    float e = hostPoints[i * d + j] - hostCenters[c * d + j];
                    s += e * e;
                }
                best = Math.min(best, s);
            }
            out[i] = best;
        });
        return out;
    }

    /**
     * BADGE with factorized gradient-embedding distances.
     *
     * @return the picks
     */
    @Benchmark
    public long[] badgeFactorized() {
        return OfflineQueries.select(badge, new OfflineInputs(badgeProbabilities, badgeEmbeddings, new long[0]), 100, 1)
                .ids();
    }

    /**
     * Baseline: the same k-means++ seeding with the {@code (N, C·d)} gradient embeddings built.
     *
     * @return the picks
     */
    @Benchmark
    public long[] badgeMaterialized() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray p = badgeProbabilities;
            NDArray a = p.sub(p.argMax(1).oneHot(100, DataType.FLOAT32));
            scope.tempAttachAll(p, badgeEmbeddings);
            NDArray g = a.expandDims(2).mul(badgeEmbeddings.expandDims(1)).reshape(20_000, 100L * 256);
            NDArray norms = g.square().sum(new int[] {1});
            long[] picks = new long[100];
            picks[0] = norms.argMax().getLong();
            SplittableRandom random = new SplittableRandom(1);
            NDArray nearest = norms.add(norms.get(picks[0])).sub(g.matMul(g.get(picks[0])).mul(2f)).maximum(0f);
            for (int b = 1; b < 100; b++) {
                float[] w = nearest.toFloatArray();
                for (int i = 0; i < b; i++) {
                    w[(int) picks[i]] = 0;
                }
                double total = 0;
                for (float v : w) {
                    total += v;
                }
                double target = random.nextDouble() * total;
                int pick = 0;
                for (double c = 0; pick < w.length - 1 && (c += w[pick]) <= target; pick++) {
                    // advance to the drawn index
                }
                picks[b] = pick;
                nearest = nearest.minimum(norms.add(norms.get(pick)).sub(g.matMul(g.get(pick)).mul(2f)).maximum(0f));
            }
            return picks;
        }
    }

    /**
     * ProbCover's δ-ball graph, built block by block on the device.
     *
     * @return the number of edges
     */
    @Benchmark
    public long probCoverGraphDevice() {
        long edges = 0;
        for (int[] out : ProbCoverSelector.ballGraph(unit, 0.5)) {
            edges += out.length;
        }
        return edges;
    }

    /**
     * Baseline: the same graph from a 2-thread Java loop.
     *
     * @return the number of edges
     */
    @Benchmark
    public long probCoverGraphJava() {
        int d = 128;
        int n = hostUnit.length / d;
        float threshold = 0.25f;
        return IntStream.range(0, n).parallel().mapToLong(x -> {
            long count = 0;
            for (int y = 0; y < n; y++) {
                float s = 0;
                for (int j = 0; j < d; j++) {
                    float e = hostUnit[x * d + j] - hostUnit[y * d + j];
                    s += e * e;
                }
                count += s < threshold ? 1 : 0;
            }
            return count;
        }).sum();
    }
}
