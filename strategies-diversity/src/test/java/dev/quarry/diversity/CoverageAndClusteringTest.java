package dev.quarry.diversity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CoverageAndClusteringTest {

    private static Selection select(String name, Map<String, String> options, float[] pool, float[] labeled, int d,
            float[] probabilities, int classes, int budget, long seed) {
        return Contexts.select(Strategies.get(name, options), pool, labeled, d, probabilities, classes, budget, seed);
    }

    private static float[] unit(float[] x, int d) {
        float[] out = x.clone();
        for (int i = 0; i < x.length / d; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += x[i * d + j] * x[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) (x[i * d + j] / Math.max(1e-12, Math.sqrt(norm)));
            }
        }
        return out;
    }

    /** Brute force: how many pool items lie within delta of a pick or of a labeled item (unit vectors). */
    private static int bruteForceCovered(float[] pool, float[] labeled, int d, int[] picks, double delta) {
        float[] z = unit(pool, d);
        float[] zl = unit(labeled, d);
        int n = pool.length / d;
        int covered = 0;
        for (int y = 0; y < n; y++) {
            boolean in = false;
            for (int p : picks) {
                in |= distance(z, p, z, y, d) < delta;
            }
            for (int l = 0; l < labeled.length / d; l++) {
                in |= distance(zl, l, z, y, d) < delta;
            }
            covered += in ? 1 : 0;
        }
        return covered;
    }

    private static double distance(float[] a, int i, float[] b, int j, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double e = a[i * d + k] - b[j * d + k];
            s += e * e;
        }
        return Math.sqrt(s);
    }

    @Test
    void givenAGivenDelta_thenEachPickCoversTheMostAndCoverageMatchesABruteForceCount() {
        Random r = new Random(12);
        float[] pool = new float[300 * 3];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (float) r.nextGaussian();
        }
        float[] labeled = Arrays.copyOf(pool, 3 * 3); // the first three pool rows' directions are already labeled
        double delta = 0.6;
        Selection s = select("probcover", Map.of("delta", "0.6"), pool, labeled, 3, null, 0, 12, 1);
        int[] picks = Arrays.stream(s.ids()).mapToInt(id -> (int) id - 100).toArray();
        int before = bruteForceCovered(pool, labeled, 3, new int[0], delta);
        int previous = before;
        for (int b = 1; b <= picks.length; b++) {
            int now = bruteForceCovered(pool, labeled, 3, Arrays.copyOf(picks, b), delta);
            assertTrue(now >= previous, "coverage never decreases");
            assertEquals(now - previous, (int) s.scores()[b - 1], "the reported gain is the newly covered count");
            previous = now;
            // Greedy: no other item would have covered more at this step.
            int best = 0;
            for (int x = 0; x < 300; x++) {
                int[] trial = Arrays.copyOf(picks, b);
                trial[b - 1] = x;
                best = Math.max(best, bruteForceCovered(pool, labeled, 3, trial, delta));
            }
            assertEquals(best, now, "pick " + b + " is a maximum-coverage pick");
        }
    }

    @Test
    void givenAutomaticDelta_thenTheChosenBallsArePureForTheRequiredShare() {
        Random r = new Random(2);
        float[][] directions = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        float[] pool = Contexts.blobs(r, directions, 60, 0.15);
        ProbCoverSelector selector = new ProbCoverSelector(new ProbCoverOptions(OptionalDouble.empty(), 0.95, 3));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = DiversityInputs.normalized(m.create(pool, new Shape(180, 3)));
            double delta = selector.automaticDelta(z, null, new java.util.SplittableRandom(4));
            assertEquals(delta, selector.automaticDelta(z, HostRows.of(z), new java.util.SplittableRandom(4)),
                    "the host kernels choose the same delta");
            KMeans.Clustering c = KMeans.fit(z, 3, new java.util.SplittableRandom(4), 1 << 20);
            // With the same seed the pseudo-labels are the same clusters; check purity at delta by brute force.
            float[] zs = z.toFloatArray();
            int pure = 0;
            for (int x = 0; x < 180; x++) {
                boolean ok = true;
                for (int y = 0; y < 180; y++) {
                    ok &= distance(zs, x, zs, y, 3) >= delta || c.assignment()[x] == c.assignment()[y];
                }
                pure += ok ? 1 : 0;
            }
            assertTrue(pure >= 0.95 * 180, "pure balls " + pure + " of 180 at delta " + delta);
            assertTrue(delta > 0.1 && delta < 1.5, "delta " + delta + " separates the three directions");
        }
        assertEquals(10, select("probcover", Map.of("pseudoClasses", "3"), pool, new float[0], 3, null, 0, 10, 3).size());
    }

    @Test
    void givenATooLargeDelta_thenTheGraphIsRefusedWithWhatToDo() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = DiversityInputs.normalized(m.randomNormal(new Shape(20, 4)));
            // delta = 2 joins every pair of unit vectors: 400 edges.
            assertEquals(20, ProbCoverSelector.graph(z, 2.0, 400)[0].length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbCoverSelector.graph(z, 2.0, 399));
            assertTrue(e.getMessage().contains("choose a smaller delta or use maxPool"), e.getMessage());
        }
    }

    @Test
    void givenClustersWithDenseCores_thenTypiClustTakesTheMostTypicalItemOfEachUncoveredCluster() {
        Random r = new Random(6);
        float[][] directions = {{1, 0}, {0, 1}, {-1, 0}};
        float[] pool = Contexts.blobs(r, directions, 40, 0.05);
        // No labeled items: K = B = 3 clusters, one pick each, each the densest point of its blob.
        Selection s = select("typiclust", Map.of(), pool, new float[0], 2, null, 0, 3, 8);
        Set<Integer> blobs = new HashSet<>();
        for (long id : s.ids()) {
            blobs.add(((int) id - 100) / 40);
        }
        assertEquals(Set.of(0, 1, 2), blobs);
        for (float score : s.scores()) {
            assertTrue(score > 10, "typicality of a dense core: " + score);
        }
        Selection more = select("typiclust", Map.of(), pool, new float[0], 2, null, 0, 7, 8);
        assertEquals(7, Arrays.stream(more.ids()).distinct().count());
        assertArrayEquals(more.ids(), select("typiclust", Map.of(), pool, new float[0], 2, null, 0, 7, 8).ids(), "seeded");
    }

    @Test
    void givenLabeledItemsInACluster_thenTypiClustVisitsTheUncoveredClustersFirst() {
        Random r = new Random(7);
        float[][] directions = {{1, 0}, {0, 1}};
        float[] pool = Contexts.blobs(r, directions, 30, 0.05);
        float[] labeled = Contexts.blobs(r, new float[][] {{1, 0}}, 3, 0.05);
        // K = |L| + B = 4 clusters; the first pick comes from a cluster without labeled items.
        Selection s = select("typiclust", Map.of(), pool, labeled, 2, null, 0, 1, 3);
        assertEquals(1, ((int) s.ids()[0] - 100) / 30, "the blob without labeled items");
    }

    @Test
    void givenAverageLinkage_thenItMatchesANaiveImplementation() {
        Random r = new Random(13);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + r.nextInt(25);
            double[] d = new double[n * n];
            float[] x = new float[n * 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    d[i * n + j] = distance(x, i, x, j, 2);
                }
            }
            int k = 1 + r.nextInt(n);
            assertArrayEquals(naiveAverageLinkage(d, n, k), AverageLinkage.cluster(d, n, k), "n=" + n + " k=" + k);
        }
    }

    /** O(n^3) textbook average linkage: repeatedly merge the two clusters of smallest mean pairwise distance. */
    private static int[] naiveAverageLinkage(double[] d, int n, int k) {
        List<List<Integer>> clusters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clusters.add(new ArrayList<>(List.of(i)));
        }
        while (clusters.size() > k) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.MAX_VALUE;
            for (int a = 0; a < clusters.size(); a++) {
                for (int b = a + 1; b < clusters.size(); b++) {
                    double sum = 0;
                    for (int i : clusters.get(a)) {
                        for (int j : clusters.get(b)) {
                            sum += d[i * n + j];
                        }
                    }
                    double mean = sum / (clusters.get(a).size() * clusters.get(b).size());
                    if (mean < best) {
                        best = mean;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            clusters.get(bestA).addAll(clusters.remove(bestB));
        }
        int[] label = new int[n];
        clusters.sort((a, b) -> Integer.compare(a.stream().min(Integer::compare).orElseThrow(),
                b.stream().min(Integer::compare).orElseThrow()));
        for (int c = 0; c < clusters.size(); c++) {
            for (int i : clusters.get(c)) {
                label[i] = c;
            }
        }
        return label;
    }

    @Test
    void givenLowMarginCandidatesInTwoGroups_thenClusterMarginAlternatesBetweenThem() {
        // Rows 0-3: uncertain, near (0, 0); rows 4-5: uncertain, near (10, 10); rows 6-9: confident.
        float[] h = {0, 0, 0.1f, 0, 0, 0.1f, 0.1f, 0.1f, 10, 10, 10.1f, 10, 5, 5, 6, 6, 7, 7, 8, 8};
        float[] p = {0.5f, 0.5f, 0.51f, 0.49f, 0.52f, 0.48f, 0.53f, 0.47f, 0.505f, 0.495f, 0.515f, 0.485f,
            0.9f, 0.1f, 0.95f, 0.05f, 0.99f, 0.01f, 0.97f, 0.03f};
        Selection s = select("cluster-margin", Map.of("candidates", "3", "clusters", "2"), h, new float[0], 2, p, 2, 2, 1);
        // k_m = 6 candidates (rows 0-5), two clusters; the smaller (rows 4, 5) first, its lowest margin is row 4.
        assertArrayEquals(new long[] {104, 100}, s.ids());
        assertArrayEquals(new float[] {-0.01f, 0f}, s.scores(), 1e-6f);
    }

    @Test
    void givenTheHybrid_thenItsPicksAreKCenterAmongTheMostUncertain() {
        Random r = new Random(10);
        int n = 200;
        float[] h = new float[n * 4];
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) r.nextGaussian();
        }
        float[] p = new float[n * 3];
        float[] margin = new float[n];
        for (int i = 0; i < n; i++) {
            float a = r.nextFloat();
            float b = r.nextFloat() * (1 - a);
            p[i * 3] = a;
            p[i * 3 + 1] = b;
            p[i * 3 + 2] = 1 - a - b;
            float[] sorted = {p[i * 3], p[i * 3 + 1], p[i * 3 + 2]};
            Arrays.sort(sorted);
            margin[i] = -(sorted[2] - sorted[1]);
        }
        Selection s = select("hybrid", Map.of("score", "test-margin", "beta", "4"), h, new float[0], 4, p, 3, 5, 1);
        int[] top = dev.quarry.engine.strategy.ScoreRanking.topK(margin, 20);
        Set<Long> allowed = new HashSet<>();
        for (int t : top) {
            allowed.add(100L + t);
        }
        for (long id : s.ids()) {
            assertTrue(allowed.contains(id), id + " is among the 20 most uncertain");
        }
        // Equal to k-center run directly on those 20 rows.
        Arrays.sort(top);
        float[] subset = new float[20 * 4];
        for (int i = 0; i < 20; i++) {
            System.arraycopy(h, top[i] * 4, subset, i * 4, 4);
        }
        long[] direct = select("kcenter", Map.of(), subset, new float[0], 4, null, 0, 5, 1).ids();
        long[] mapped = Arrays.stream(direct).map(id -> 100L + top[(int) id - 100]).toArray();
        assertArrayEquals(mapped, s.ids());
        assertThrows(IllegalArgumentException.class, () -> Strategies.get("hybrid", Map.of("beta", "0", "score", "test-margin")));
    }
}
