package dev.quarry.diversity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.model.ChunkConsumer;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.ModelOutputs;
import dev.quarry.engine.strategy.QueryRunner;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DiversityStrategiesTest {

    private static final float[][] THREE = {{0, 0}, {20, 0}, {0, 20}};

    private static Selection select(String name, Map<String, String> options, float[] pool, float[] labeled, int d,
            float[] probabilities, int classes, int budget, long seed) {
        return Contexts.select(Strategies.get(name, options), pool, labeled, d, probabilities, classes, budget, seed);
    }

    @Test
    void givenPointsOnALine_thenKCenterPicksTheObviousFarthestPointsWithEitherKernel() {
        float[] line = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        for (String implementation : new String[] {"device", "java", "auto"}) {
            Selection s = select("kcenter", Map.of("implementation", implementation), line, new float[] {0}, 1, null, 0, 4, 1);
            assertArrayEquals(new long[] {109, 104, 102, 106}, s.ids(), implementation);
            assertArrayEquals(new float[] {9, 4, 2, 2}, s.scores(), 1e-5f);
            Selection fresh = select("kcenter", Map.of("implementation", implementation), line, new float[0], 1, null, 0, 3, 1);
            assertArrayEquals(new long[] {104, 109, 100}, fresh.ids(), "no labeled: closest to the mean first");
        }
    }

    @Test
    void givenThreeSeparatedBlobs_thenKMeansTakesTheMostCentralMemberOfEach() {
        Random r = new Random(4);
        float[] pool = Contexts.blobs(r, THREE, 30, 1.0);
        Selection s = select("kmeans", Map.of(), pool, new float[0], 2, null, 0, 3, 9);
        Set<Integer> blobs = new HashSet<>();
        for (long id : s.ids()) {
            int row = (int) id - 100;
            blobs.add(row / 30);
            // The pick is its blob's member nearest the blob's mean.
            int blob = row / 30;
            double[] mean = new double[2];
            for (int i = blob * 30; i < blob * 30 + 30; i++) {
                mean[0] += pool[2 * i] / 30.0;
                mean[1] += pool[2 * i + 1] / 30.0;
            }
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int i = blob * 30; i < blob * 30 + 30; i++) {
                double d2 = Math.pow(pool[2 * i] - mean[0], 2) + Math.pow(pool[2 * i + 1] - mean[1], 2);
                if (d2 < best) {
                    best = d2;
                    nearest = i;
                }
            }
            assertEquals(nearest, row);
        }
        assertEquals(Set.of(0, 1, 2), blobs);
        assertArrayEquals(s.ids(), select("kmeans", Map.of(), pool, new float[0], 2, null, 0, 3, 9).ids(), "seeded");
    }

    @Test
    void givenFactorizedGradientEmbeddings_thenDistancesEqualTheMaterializedOnes() {
        Random r = new Random(8);
        int n = 40;
        int c = 5;
        int d = 7;
        float[] p = new float[n * c];
        float[] h = new float[n * d];
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int k = 0; k < c; k++) {
                p[i * c + k] = r.nextFloat();
                sum += p[i * c + k];
            }
            for (int k = 0; k < c; k++) {
                p[i * c + k] /= sum;
            }
            for (int j = 0; j < d; j++) {
                h[i * d + j] = (float) r.nextGaussian();
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = BadgeSelector.gradientFactor(m.create(p, new Shape(n, c)));
            NDArray hs = m.create(h, new Shape(n, d));
            NDArray norms = a.square().sum(new int[] {1}).mul(hs.square().sum(new int[] {1}));
            // Materialized: g_i = a_i ⊗ h_i, (n, c·d).
            NDArray g = a.expandDims(2).mul(hs.expandDims(1)).reshape(n, (long) c * d);
            for (int j : new int[] {0, 17, 39}) {
                float[] factorized = BadgeSelector.distancesTo(a, hs, norms, j).toFloatArray();
                float[] direct = g.sub(g.get(j)).square().sum(new int[] {1}).toFloatArray();
                assertArrayEquals(direct, factorized, 1e-4f);
            }
            assertArrayEquals(g.square().sum(new int[] {1}).toFloatArray(), norms.toFloatArray(), 1e-5f);
        }
        Selection s = select("badge", Map.of(), h, new float[0], d, p, c, 8, 3);
        assertEquals(8, Arrays.stream(s.ids()).distinct().count());
        assertArrayEquals(s.ids(), select("badge", Map.of(), h, new float[0], d, p, c, 8, 3).ids(), "seeded");
        // The first pick has the largest gradient embedding.
        float best = -1;
        int arg = -1;
        for (int i = 0; i < n; i++) {
            float maxP = 0;
            int top = 0;
            for (int k = 0; k < c; k++) {
                if (p[i * c + k] > maxP) {
                    maxP = p[i * c + k];
                    top = k;
                }
            }
            float a2 = 0;
            for (int k = 0; k < c; k++) {
                float v = p[i * c + k] - (k == top ? 1 : 0);
                a2 += v * v;
            }
            float h2 = 0;
            for (int j = 0; j < d; j++) {
                h2 += h[i * d + j] * h[i * d + j];
            }
            if (a2 * h2 > best) {
                best = a2 * h2;
                arg = i;
            }
        }
        assertEquals(100 + arg, s.ids()[0]);
    }

    @Test
    void givenIdenticalGradientEmbeddings_thenBadgeFallsBackToUniformWithoutDuplicates() {
        float[] h = new float[6 * 2];
        Arrays.fill(h, 1f);
        float[] p = new float[6 * 2];
        Arrays.fill(p, 0.5f);
        Selection s = select("badge", Map.of(), h, new float[0], 2, p, 2, 6, 5);
        long[] sorted = s.ids().clone();
        Arrays.sort(sorted);
        assertArrayEquals(new long[] {100, 101, 102, 103, 104, 105}, sorted);
    }

    @Test
    void givenTheRegistry_thenDiversityStrategiesAreFoundWithPinnedConfigurations() {
        assertEquals("kcenter{implementation=auto, blockMb=24}", Strategies.get("kcenter").toString());
        assertEquals("kmeans{}", Strategies.get("kmeans").toString());
        assertEquals("probcover{delta=auto, purity=0.95, pseudoClasses=10}", Strategies.get("probcover").toString());
        assertEquals("probcover{delta=0.3, purity=0.95, pseudoClasses=10}",
                Strategies.get("probcover", Map.of("delta", "0.3")).toString());
        assertEquals("cluster-margin{candidates=10, clusters=auto}", Strategies.get("cluster-margin").toString());
        QueryStrategy hybrid = Strategies.get("hybrid", Map.of("score", "test-margin", "beta", "5", "implementation", "java"));
        assertEquals("hybrid{score=test-margin, beta=5, implementation=java, blockMb=24}", hybrid.toString());
        assertEquals("test-margin", hybrid.scorer().orElseThrow().name());
        assertEquals(Set.of(Input.probabilities(), Input.embeddings()), Strategies.get("badge").inputs());
        assertEquals(Set.of(Input.embeddings(), Input.labeledEmbeddings()), Strategies.get("typiclust").inputs());
        assertEquals(Set.of(Input.probabilities(), Input.embeddings(), Input.labeledEmbeddings()), hybrid.inputs());
    }

    @Test
    void givenInvalidOptionsOrInputs_thenClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Strategies.get("probcover", Map.of("delta", "0")))
                .getMessage().contains("Option delta 0.0 must be in (0, 2]"));
        assertThrows(IllegalArgumentException.class, () -> Strategies.get("probcover", Map.of("delta", "-1")));
        assertEquals("Option implementation of strategy 'kcenter' must be one of auto, device, java; got 'gpu'.",
                assertThrows(IllegalArgumentException.class, () -> Strategies.get("kcenter",
                        Map.of("implementation", "gpu"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Strategies.get("hybrid", Map.of("score", "kcenter")))
                .getMessage().contains("needs a strategy with one score per item"));
        float[] pool = {0, 0, 1, Float.NaN, 2, 2};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> select("kcenter", Map.of(), pool, new float[0], 2, null,
                0, 1, 1)).getMessage().contains("1 of 3 rows of embeddings (N, d) contain NaN"));
        float[] ok = {0, 0, 1, 1, 2, 2};
        try (NDManager m = NDManager.newBaseManager()) {
            ModelOutputs mismatched = new ModelOutputs() {
                @Override
                public ai.djl.Device device() {
                    return m.getDevice();
                }

                @Override
                public boolean computedByModel() {
                    return true;
                }

                @Override
                public Optional<String> problem(Input input) {
                    return Optional.empty();
                }

                @Override
                public void stream(Input input, long[] ids, NDManager manager, ChunkConsumer consumer) {
                    throw new UnsupportedOperationException("kcenter streams nothing");
                }

                @Override
                public NDArray whole(Input input, long[] ids, NDManager manager) {
                    boolean labeled = ((Input.Embeddings) input).labeled();
                    return labeled ? manager.create(new float[] {1, 2, 3}, new Shape(1, 3))
                            : manager.create(ok, new Shape(3, 2));
                }
            };
            assertTrue(assertThrows(IllegalArgumentException.class, () -> QueryRunner.select(Strategies.get("kcenter"),
                    mismatched, new long[] {0, 1, 2}, new long[] {7}, 1, new java.util.SplittableRandom(0), m))
                    .getMessage().contains("labeled embeddings have width 3 but the pool's have 2"));
        }
        assertThrows(IllegalArgumentException.class, () -> select("typiclust", Map.of(), ok, new float[0], 2, null, 0, 4, 1));
        assertFalse(Strategies.names().contains("bald"), "this module's tests run without strategies-bayesian");
    }
}
