package dev.quarry.diversity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.VectorApi;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host kernels against the device path and against exhaustive computations written here. */
class HostKernelsTest {

    @AfterEach
    void kernelsBackOn() {
        System.clearProperty(VectorApi.PROPERTY);
    }

    /** Rows around {@code centers} random centers with Gaussian spread, then scaled to unit length. */
    private static float[] clusteredUnitRows(Random random, int rows, int width, int centers, double spread) {
        float[][] means = new float[centers][width];
        for (float[] mean : means) {
            for (int j = 0; j < width; j++) {
                mean[j] = (float) random.nextGaussian();
            }
        }
        float[] out = new float[rows * width];
        for (int i = 0; i < rows; i++) {
            float[] mean = means[random.nextInt(centers)];
            double norm = 0;
            for (int j = 0; j < width; j++) {
                out[i * width + j] = (float) (mean[j] + spread * random.nextGaussian());
                norm += out[i * width + j] * out[i * width + j];
            }
            for (int j = 0; j < width; j++) {
                out[i * width + j] = (float) (out[i * width + j] / Math.sqrt(norm));
            }
        }
        return out;
    }

    private static double squaredDistance(float[] x, int i, int j, int width) {
        double sum = 0;
        for (int k = 0; k < width; k++) {
            double e = (double) x[i * width + k] - x[j * width + k];
            sum += e * e;
        }
        return sum;
    }

    @Test
    void givenColumnsOfEveryShape_whenDotsRunOneRowPerLane_thenEachEqualsTheSequentialChainBitForBit() {
        Random random = new Random(1);
        for (int width : new int[] {1, 7, 128}) {
            for (int count : new int[] {1, HostRows.LANES - 1, 3 * HostRows.LANES + 5, 9 * HostRows.LANES}) {
                float[] data = new float[(count + 1) * width];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) random.nextGaussian();
                }
                HostRows rows = new HostRows(data, count + 1, width);
                int[] members = new int[count];
                Arrays.setAll(members, j -> j + 1);
                HostRows.Columns columns = new HostRows.Columns(rows, members);
                float[] out = new float[columns.stride];
                int from = count / 3;
                columns.dots(data, 0, from, count, out);
                for (int j = from; j < count; j++) {
                    assertEquals(HostRows.sequentialDot(data, 0, data, (j + 1) * width, width), out[j],
                            "width " + width + ", column " + j + " of " + count);
                }
                assertEquals(HostRows.sequentialDot(data, 0, data, width, width), HostRows.dot(data, 0, data, width, width),
                        1e-4 * width);
            }
        }
    }

    @Test
    void givenRows_whenDistancesAreBoundedOrBatched_thenTheyAreTheFullComputationsWhereItMatters() {
        Random random = new Random(7);
        int width = 128;
        int count = 5 * HostRows.LANES + 3;
        float[] data = new float[(count + 1) * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (0.1 * random.nextGaussian());
        }
        data[width] = data[0]; // one column at distance 0 of the row
        HostRows rows = new HostRows(data, count + 1, width);
        int[] members = new int[count];
        Arrays.setAll(members, j -> j + 1);
        HostRows.Columns columns = new HostRows.Columns(rows, members);
        float[] bounded = new float[columns.stride];
        float limit = 2.5f;
        columns.squaredDistancesBelow(data, 0, 0, count, limit, bounded);
        int below = 0;
        for (int j = 0; j < count; j++) {
            float full = 0;
            for (int k = 0; k < width; k++) {
                float e = data[(j + 1) * width + k] - data[k];
                full = Math.fma(e, e, full);
            }
            if (full < limit) {
                assertEquals(full, bounded[j], "column " + j);
                below++;
            } else {
                assertTrue(bounded[j] >= limit, "column " + j + " abandoned at " + bounded[j]);
            }
        }
        assertTrue(below > 0 && below < count, below + " of " + count + " below the limit");
        float[] four = new float[4];
        HostRows.dot4(data, 0, data, new int[] {width, 2 * width, 5 * width, 9 * width}, width, four);
        int[] rowsOfFour = {1, 2, 5, 9};
        for (int b = 0; b < 4; b++) {
            assertEquals(HostRows.dot(data, rowsOfFour[b] * width, data, 0, width), four[b]);
        }
    }

    @Test
    void givenChangingWeights_whenDrawnFromBlockSums_thenEachDrawIsThePlainDraws() {
        Random random = new Random(8);
        int n = 5 * WeightedDraw.Blocked.BLOCK + 17;
        float[] weights = new float[n];
        boolean[] eligible = new boolean[n];
        Arrays.fill(eligible, true);
        for (int i = 0; i < n; i++) {
            weights[i] = random.nextFloat();
        }
        WeightedDraw.Blocked blocked = new WeightedDraw.Blocked(weights, eligible);
        SplittableRandom plain = new SplittableRandom(11);
        SplittableRandom sums = new SplittableRandom(11);
        for (int draw = 0; draw < 300; draw++) {
            int expected = WeightedDraw.draw(weights.clone(), eligible, plain);
            assertEquals(expected, blocked.draw(sums), "draw " + draw);
            eligible[expected] = false;
            blocked.set(expected, 0);
            for (int change = 0; change < 20; change++) {
                int i = random.nextInt(n);
                blocked.set(i, eligible[i] ? weights[i] * random.nextFloat() : 0);
            }
        }
        Arrays.fill(weights, 0);
        WeightedDraw.Blocked zero = new WeightedDraw.Blocked(weights, eligible);
        assertEquals(WeightedDraw.draw(weights, eligible, new SplittableRandom(3)), zero.draw(new SplittableRandom(3)),
                "all weights 0: uniform over the eligible");
    }

    @Test
    void givenClusteredAndUnstructuredRows_whenTheBallGraphIsPruned_thenItHasTheExhaustiveEdges() {
        Random random = new Random(2);
        int n = 1500;
        int width = 16;
        float[][] pools = {clusteredUnitRows(random, n, width, 12, 0.15), clusteredUnitRows(random, n, width, 1, 1.0)};
        double[] deltas = {0.35, 0.9};
        for (int p = 0; p < pools.length; p++) {
            float[] rows = pools[p];
            double delta = deltas[p];
            int[][] pruned = HostBallGraph.build(new HostRows(rows, n, width), delta, ProbCoverSelector.MAX_EDGES);
            try (NDManager m = NDManager.newBaseManager()) {
                int[][] device = ProbCoverSelector.deviceGraph(m.create(rows, new Shape(n, width)), delta,
                        ProbCoverSelector.MAX_EDGES);
                long edges = 0;
                for (int x = 0; x < n; x++) {
                    int[] expected = Arrays.stream(device[x]).sorted().toArray();
                    edges += pruned[x].length;
                    for (int y = 0; y < n; y++) {
                        // Pairs within rounding of the ball's edge may fall either way, on either path.
                        double d2 = squaredDistance(rows, x, y, width);
                        if (Math.abs(d2 - delta * delta) > 1e-5) {
                            boolean in = d2 < delta * delta;
                            assertEquals(in, Arrays.binarySearch(pruned[x], y) >= 0, "host " + x + " -> " + y);
                            assertEquals(in, Arrays.binarySearch(expected, y) >= 0, "device " + x + " -> " + y);
                        }
                    }
                }
                assertTrue(edges > 2L * n, "the test graph has edges besides self loops: " + edges);
            }
        }
    }

    @Test
    void givenAPool_whenSeededOnTheHost_thenTheSeedsAndNearestSeedsAreTheUnprunedSeedings() {
        Random random = new Random(3);
        // Enough rows and seeds that the seeding regroups its rows by seed part way.
        int n = 9000;
        int width = 24;
        int k = 60;
        float[] rows = clusteredUnitRows(random, n, width, 30, 0.3);
        HostRows host = new HostRows(rows, n, width);
        HostKMeans.Seeding seeding = HostKMeans.seed(host, k, new SplittableRandom(5));
        // The same draws with every row compared with every new seed, in the same arithmetic: bit for bit.
        SplittableRandom draws = new SplittableRandom(5);
        int[] seeds = new int[k];
        boolean[] eligible = new boolean[n];
        Arrays.fill(eligible, true);
        float[] nearest = new float[n];
        int[] owner = new int[n];
        for (int c = 0; c < k; c++) {
            if (c == 0) {
                seeds[0] = draws.nextInt(n);
            } else {
                float[] weights = new float[n];
                for (int i = 0; i < n; i++) {
                    weights[i] = eligible[i] ? nearest[i] : 0;
                }
                seeds[c] = WeightedDraw.draw(weights, eligible, draws);
            }
            eligible[seeds[c]] = false;
            for (int i = 0; i < n; i++) {
                float d = host.squaredTo(i, rows, seeds[c] * width, host.squaredNorms[seeds[c]]);
                if (c == 0 || d < nearest[i]) {
                    nearest[i] = d;
                    owner[i] = c;
                }
            }
        }
        assertArrayEquals(seeds, seeding.seeds());
        assertArrayEquals(owner, seeding.owner());
        assertArrayEquals(nearest, seeding.nearest());
    }

    @Test
    void givenAPool_whenClusteredOnTheHost_thenTheResultIsLloydsFromTheSameSeedsAndTheDevicePaths() {
        Random random = new Random(4);
        int n = 3000;
        int width = 20;
        int k = 40;
        float[] rows = clusteredUnitRows(random, n, width, 25, 0.25);
        HostKMeans.Result host = HostKMeans.fit(new HostRows(rows, n, width), k, new SplittableRandom(6),
                KMeans.MAX_ITERATIONS);
        // Exhaustive Lloyd in float64 from the same seeds.
        double[] centroids = new double[k * width];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < width; j++) {
                centroids[c * width + j] = rows[host.seeds()[c] * width + j];
            }
        }
        int[] assignment = nearest(rows, centroids, n, width, k);
        for (int iteration = 0; iteration < KMeans.MAX_ITERATIONS; iteration++) {
            double[] sums = new double[k * width];
            int[] sizes = new int[k];
            for (int i = 0; i < n; i++) {
                sizes[assignment[i]]++;
                for (int j = 0; j < width; j++) {
                    sums[assignment[i] * width + j] += rows[i * width + j];
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < width && sizes[c] > 0; j++) {
                    centroids[c * width + j] = (float) (sums[c * width + j] / sizes[c]);
                }
            }
            int[] next = nearest(rows, centroids, n, width, k);
            boolean stable = Arrays.equals(next, assignment);
            assignment = next;
            if (stable) {
                break;
            }
        }
        // Rows within rounding of two centroids may go either way, here and on other CPUs: all but a few agree.
        assertTrue(agreement(assignment, host.assignment()) >= 0.998, "agreement with float64 Lloyd "
                + agreement(assignment, host.assignment()));
        System.setProperty(VectorApi.PROPERTY, "false");
        try (NDManager m = NDManager.newBaseManager()) {
            KMeans.Clustering device = KMeans.fit(m.create(rows, new Shape(n, width)), k, new SplittableRandom(6), 1 << 20);
            assertTrue(agreement(device.assignment(), host.assignment()) >= 0.998, "agreement with the device path "
                    + agreement(device.assignment(), host.assignment()));
        }
    }

    private static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return (double) same / a.length;
    }

    @Test
    void givenTinyAndDegenerateRows_whenRunOnTheHost_thenGraphAndClustersAreTheExhaustiveOnes() {
        // Three rows of width 5 (fewer than a vector's lanes), one of them zero, one a duplicate.
        float[] rows = {0.6f, 0.8f, 0, 0, 0, 0, 0, 0, 0, 0, 0.6f, 0.8f, 0, 0, 0};
        HostRows host = new HostRows(rows, 3, 5);
        int[][] graph = HostBallGraph.build(host, 0.5, ProbCoverSelector.MAX_EDGES);
        assertArrayEquals(new int[] {0, 2}, graph[0]);
        assertArrayEquals(new int[] {1}, graph[1]);
        assertArrayEquals(new int[] {0, 2}, graph[2]);
        HostKMeans.Result one = HostKMeans.fit(host, 1, new SplittableRandom(1), KMeans.MAX_ITERATIONS);
        assertArrayEquals(new int[] {0, 0, 0}, one.assignment());
        assertArrayEquals(new float[] {0.4f, 0.53333336f, 0, 0, 0}, one.centroids(), 1e-6f);
        HostKMeans.Result all = HostKMeans.fit(host, 3, new SplittableRandom(1), KMeans.MAX_ITERATIONS);
        assertEquals(all.assignment()[0], all.assignment()[2], "duplicates share a cluster");
        assertTrue(all.assignment()[1] != all.assignment()[0], "the zero row is apart");
    }

    private static int[] nearest(float[] rows, double[] centroids, int n, int width, int k) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    double e = rows[i * width + j] - centroids[c * width + j];
                    sum += e * e;
                }
                if (sum < best) {
                    best = sum;
                    out[i] = c;
                }
            }
        }
        return out;
    }

    @Test
    void givenAClusteredPool_whenSelectedWithAndWithoutTheHostKernels_thenProbCoverPicksTheSameAndTypiClustNearly() {
        Random random = new Random(5);
        int n = 1200;
        int width = 12;
        float[] pool = clusteredUnitRows(random, n, width, 15, 0.3);
        float[] labeled = Arrays.copyOf(clusteredUnitRows(random, 30, width, 15, 0.3), 30 * width);
        for (String strategy : new String[] {"typiclust", "probcover"}) {
            Map<String, String> options = strategy.equals("probcover") ? Map.of("delta", "0.3") : Map.of();
            Selection host = Contexts.select(Strategies.get(strategy, options), pool, labeled, width, null, 0, 40, 9);
            System.setProperty(VectorApi.PROPERTY, "false");
            Selection device = Contexts.select(Strategies.get(strategy, options), pool, labeled, width, null, 0, 40, 9);
            System.clearProperty(VectorApi.PROPERTY);
            if (strategy.equals("probcover")) {
                assertArrayEquals(device.ids(), host.ids(), strategy);
                assertArrayEquals(device.scores(), host.scores(), 1e-4f, strategy);
            } else {
                // k-means rounds differently on the two paths (see HostKMeans): nearly all picks are shared.
                long shared = Arrays.stream(host.ids()).filter(id -> Arrays.stream(device.ids()).anyMatch(d -> d == id))
                        .count();
                assertTrue(shared >= 36, strategy + " shares " + shared + " of 40 picks");
            }
        }
    }
}
