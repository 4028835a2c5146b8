package dev.quarry.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class KCenterTest {

    /** Points 0, 1, ..., 9 on a line. */
    private static final float[] LINE = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static KCenterPicks device(float[] x, int d, float[] labeled, int budget, long blockBytes) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray pool = m.create(x, new Shape(x.length / d, d));
            NDArray centers = labeled.length == 0 ? null : m.create(labeled, new Shape(labeled.length / d, d));
            return KCenterGreedy.select(pool, centers, budget, blockBytes);
        }
    }

    private static int[] owners(float[] x, int d, float[] labeled) {
        if (labeled.length == 0) {
            return new int[x.length / d];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            return PairwiseDistances.nearest(m.create(x, new Shape(x.length / d, d)),
                    m.create(labeled, new Shape(labeled.length / d, d)), PairwiseDistances.DEFAULT_BUDGET_BYTES);
        }
    }

    @Test
    void givenPointsOnALineAndACenterAtZero_thenTheGreedyPicksTheObviousFarthestPoints() {
        float[] labeled = {0};
        // mind = u^2 -> 9; then min(u^2, (9-u)^2) ties 4 and 5 at 16 -> the lower, 4; then 2 (4); then 6 (4, lower than 7).
        int[] expected = {9, 4, 2, 6};
        assertArrayEquals(expected, device(LINE, 1, labeled, 4, 1 << 20).positions());
        int[] owner = owners(LINE, 1, labeled);
        assertArrayEquals(expected, KCenterJava.plain(LINE, 1, labeled, owner, 4).positions());
        KCenterPicks fast = KCenterJava.accelerated(LINE, 1, labeled, owner, 4);
        assertArrayEquals(expected, fast.positions());
        assertArrayEquals(new float[] {9, 4, 2, 2}, fast.distances(), 1e-6f);
    }

    @Test
    void givenNoLabeledCenters_thenTheFirstPickIsClosestToTheMean() {
        // The mean 4.5 is equally far from 4 and 5: the lower, 4; then the farthest from 4 is 9, then 0.
        int[] expected = {4, 9, 0};
        assertArrayEquals(expected, device(LINE, 1, new float[0], 3, 1 << 20).positions());
        assertArrayEquals(expected, KCenterJava.plain(LINE, 1, new float[0], new int[10], 3).positions());
        KCenterPicks fast = KCenterJava.accelerated(LINE, 1, new float[0], new int[10], 3);
        assertArrayEquals(expected, fast.positions());
        assertArrayEquals(new float[] {0.5f, 5, 4}, fast.distances(), 1e-6f);
    }

    @Test
    void givenRandomData_thenAcceleratedEqualsPlainExactlyAndTheDeviceGreedyAgrees() {
        Random r = new Random(17);
        int[][] cases = {{300, 2, 0, 40}, {2000, 8, 5, 100}, {5000, 32, 50, 200}, {1500, 16, 0, 1500}};
        for (int[] c : cases) {
            int n = c[0];
            int d = c[1];
            float[] x = gaussianClusters(r, n, d);
            float[] labeled = Arrays.copyOf(gaussianClusters(r, c[2], d), c[2] * d);
            int[] owner = owners(x, d, labeled);
            KCenterPicks plain = KCenterJava.plain(x, d, labeled, owner, c[3]);
            KCenterPicks fast = KCenterJava.accelerated(x, d, labeled, owner, c[3]);
            assertArrayEquals(plain.positions(), fast.positions(), Arrays.toString(c));
            assertArrayEquals(plain.distances(), fast.distances(), Arrays.toString(c));
            assertEquals(c[3], Arrays.stream(plain.positions()).distinct().count());
            KCenterPicks onDevice = device(x, d, labeled, Math.min(c[3], 100), 1 << 16);
            // The device computes distances as ||a||^2 + ||b||^2 - 2ab, which rounds differently: the picks agree until
            // two candidates are within rounding of each other (then either is a correct greedy step).
            int agreed = 0;
            while (agreed < onDevice.positions().length && onDevice.positions()[agreed] == plain.positions()[agreed]) {
                assertEquals(plain.distances()[agreed], onDevice.distances()[agreed], 1e-3f);
                agreed++;
            }
            if (agreed < onDevice.positions().length) {
                float gap = Math.abs(plain.distances()[agreed] - plain.distances()[agreed + 1]);
                assertTrue(gap <= 1e-4f * plain.distances()[agreed], Arrays.toString(c) + ": the device greedy left the plain one "
                        + "at pick " + agreed + " without a near-tie (gap " + gap + ")");
            }
            assertTrue(agreed >= Math.min(40, onDevice.positions().length), "agreed on " + agreed + " picks");
        }
    }

    /** Points around a few random centers, so that pruning has groups to skip. */
    static float[] gaussianClusters(Random r, int n, int d) {
        float[][] centers = new float[8][d];
        for (float[] center : centers) {
            for (int j = 0; j < d; j++) {
                center[j] = (float) (r.nextGaussian() * 10);
            }
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] center = centers[r.nextInt(centers.length)];
            for (int j = 0; j < d; j++) {
                x[i * d + j] = center[j] + (float) r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void givenDuplicatePointsAndABudgetOfTheWholePool_thenEveryPositionOnce() {
        float[] x = {1, 1, 1, 1, 5, 5};
        int[] owner = owners(x, 1, new float[] {0});
        for (KCenterPicks p : new KCenterPicks[] {KCenterJava.plain(x, 1, new float[] {0}, owner, 6),
            KCenterJava.accelerated(x, 1, new float[] {0}, owner, 6), device(x, 1, new float[] {0}, 6, 1 << 20)}) {
            int[] sorted = p.positions().clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, sorted);
        }
    }

    @Test
    void givenTinyAndLargeBlocks_thenBlockedMinimaEqualTheDirectOnes() {
        Random r = new Random(3);
        float[] x = gaussianClusters(r, 777, 6);
        float[] c = gaussianClusters(r, 131, 6);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xs = m.create(x, new Shape(777, 6));
            NDArray cs = m.create(c, new Shape(131, 6));
            float[] direct = PairwiseDistances.squared(xs, cs).min(new int[] {1}).toFloatArray();
            for (long budget : new long[] {64, 4096, 1 << 20, 1L << 30}) {
                float[] blocked = PairwiseDistances.minSquared(xs, cs, budget).toFloatArray();
                for (int i = 0; i < direct.length; i++) {
                    assertEquals(direct[i], blocked[i], 1e-5f * Math.max(1, direct[i]), "budget " + budget + " row " + i);
                }
            }
            // And the matrix-product distances match a direct computation.
            float[] all = PairwiseDistances.squared(xs.get("0:5"), cs.get("0:7")).toFloatArray();
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 7; j++) {
                    assertEquals(KCenterJava.squared(x, i * 6, c, j * 6, 6), all[i * 7 + j], 1e-3f);
                }
            }
            assertTrue(PairwiseDistances.rbf(xs.get("0:2"), xs.get("0:2"), 0.5).get("0, 0").getFloat() > 0.999f);
        }
    }

    @Test
    void givenBadArguments_thenClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> KCenterJava.plain(LINE, 1, new float[0], new int[10], 11));
        assertThrows(IllegalArgumentException.class, () -> KCenterJava.plain(LINE, 3, new float[0], new int[10], 1));
        assertThrows(IllegalArgumentException.class, () -> device(LINE, 1, new float[0], 0, 1 << 20));
        try (NDManager m = NDManager.newBaseManager()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> PairwiseDistances.squared(m.ones(new Shape(2, 3)),
                    m.ones(new Shape(2, 4)))).getMessage().contains("same d"));
        }
    }
}
