package dev.quarry.bayesian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.model.McScope;
import dev.quarry.engine.model.McSpec;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BatchBaldSelectorTest {

    /** Random passes with a spread of confidences, as float32 like a model's outputs. */
    static float[][][] passes(int n, int t, int c, long seed) {
        Random r = new Random(seed);
        float[][][] p = new float[n][t][c];
        for (float[][] item : p) {
            double sharpness = 0.5 + 4 * r.nextDouble();
            for (float[] pass : item) {
                double sum = 0;
                double[] raw = new double[c];
                for (int k = 0; k < c; k++) {
                    raw[k] = Math.pow(r.nextDouble(), sharpness);
                    sum += raw[k];
                }
                for (int k = 0; k < c; k++) {
                    pass[k] = (float) (raw[k] / sum);
                }
            }
        }
        return p;
    }

    /** Brute force: H(y_items) = -sum_y p(y) ln p(y), p(y) = mean_t prod_i p[i][t][y_i], all configurations. */
    static double jointEntropy(float[][][] p, int... items) {
        int t = p[0].length;
        int c = p[0][0].length;
        int[] y = new int[items.length];
        double h = 0;
        while (true) {
            double prob = 0;
            for (int pass = 0; pass < t; pass++) {
                double prod = 1;
                for (int i = 0; i < items.length; i++) {
                    prod *= p[items[i]][pass][y[i]];
                }
                prob += prod / t;
            }
            if (prob > 0) {
                h -= prob * Math.log(prob);
            }
            int i = 0;
            while (i < y.length && ++y[i] == c) {
                y[i++] = 0;
            }
            if (i == y.length) {
                return h;
            }
        }
    }

    static double conditionalEntropy(float[][][] p, int item) {
        double h = 0;
        for (float[] pass : p[item]) {
            for (float v : pass) {
                h -= v > 0 ? v * Math.log(v) / p[item].length : 0;
            }
        }
        return h;
    }

    /** Greedy BatchBALD by brute force, independent of the strategy's matrix formulation. */
    static int[] bruteForceGreedy(float[][][] p, int budget, double[] scores) {
        int[] picked = new int[budget];
        boolean[] taken = new boolean[p.length];
        double conditionalSum = 0;
        for (int b = 0; b < budget; b++) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int x = 0; x < p.length; x++) {
                if (taken[x]) {
                    continue;
                }
                int[] items = Arrays.copyOf(picked, b + 1);
                items[b] = x;
                double score = jointEntropy(p, items) - conditionalSum - conditionalEntropy(p, x);
                if (score > bestScore) {
                    best = x;
                    bestScore = score;
                }
            }
            picked[b] = best;
            taken[best] = true;
            scores[b] = bestScore;
            conditionalSum += conditionalEntropy(p, best);
        }
        return picked;
    }

    private static Selection select(float[][][] p, int budget, Map<String, String> options, long seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mc = Tensors.create(m, p);
            m.cap();
            return OfflineQueries.select(Strategies.get("batch-bald", options), mc, budget, seed);
        }
    }

    @Test
    void givenSmallBatches_thenPicksAndScoresEqualABruteForceJointEntropy() {
        float[][][] p = passes(8, 4, 3, 1);
        double[] expected = new double[4];
        int[] picks = bruteForceGreedy(p, 4, expected);
        Selection s = select(p, 4, Map.of("mcSamples", "4"), 0);
        assertArrayEquals(Arrays.stream(picks).asLongStream().toArray(), s.ids());
        for (int b = 0; b < 4; b++) {
            assertEquals(expected[b], s.scores()[b], 1e-5, "pick " + b);
        }
    }

    @Test
    void givenOnePick_thenItIsBaldsTopPickWithBaldsScore() {
        float[][][] p = passes(200, 10, 5, 2);
        Selection batch = select(p, 1, Map.of("mcSamples", "10"), 0);
        try (NDManager m = NDManager.newBaseManager()) {
            Selection bald = OfflineQueries.select(Strategies.get("bald", Map.of("mcSamples", "10")), Tensors.create(m, p), 1,
                    0);
            assertArrayEquals(bald.ids(), batch.ids());
            assertEquals(bald.scores()[0], batch.scores()[0], 1e-5);
        }
    }

    @Test
    void givenSampledConfigurations_thenTheJointEntropyEstimateIsCloseToTheExactValue() {
        // C = 100: the second pick already has 10 000 > maxConfigs = 5 000 configurations, so the third pick is
        // scored with 5 000 sampled configurations; brute force gives the exact value of the same triple.
        float[][][] p = passes(6, 3, 100, 3);
        Selection s = select(p, 3, Map.of("mcSamples", "3", "maxConfigs", "5000"), 11);
        int[] items = Arrays.stream(s.ids()).mapToInt(Math::toIntExact).toArray();
        double exact = jointEntropy(p, items) - conditionalEntropy(p, items[0]) - conditionalEntropy(p, items[1])
                - conditionalEntropy(p, items[2]);
        assertEquals(exact, s.scores()[2], 0.08, "sampled estimate of the third pick's joint mutual information");
        assertArrayEquals(s.ids(), select(p, 3, Map.of("mcSamples", "3", "maxConfigs", "5000"), 11).ids(), "seeded");
    }

    @Test
    void givenABudgetOfTheWholePool_thenEveryItemExactlyOnceEvenWhenSampling() {
        float[][][] p = passes(12, 5, 4, 4);
        Selection s = select(p, 12, Map.of("mcSamples", "5", "maxConfigs", "20"), 5);
        long[] sorted = s.ids().clone();
        Arrays.sort(sorted);
        assertArrayEquals(java.util.stream.LongStream.range(0, 12).toArray(), sorted);
    }

    @Test
    void givenItsOptions_thenBatchBaldDeclaresSharedMasks() {
        QueryStrategy s = Strategies.get("batch-bald", Map.of("mcSamples", "4", "mcScope", "head"));
        assertEquals(Set.of(Input.mc(OptionalInt.of(4), McScope.HEAD, true)), s.inputs());
        assertEquals(new McSpec(4, McScope.HEAD, true), ((Input.McProbabilities) s.inputs().iterator().next()).spec());
    }

    @Test
    void givenInvalidOptionsOrInputs_thenClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> Strategies.get("batch-bald", Map.of("mcSamples", "1")));
        assertThrows(IllegalArgumentException.class, () -> Strategies.get("batch-bald", Map.of("maxConfigs", "0")));
        float[][][] p = passes(4, 3, 2, 7);
        p[2][1][0] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> select(p, 2, Map.of("mcSamples", "3"), 0))
                .getMessage().startsWith("Strategy 'batch-bald': 1 of 4 rows of MC probabilities (N, T, C) with T = 3 and "
                        + "shared masks contain NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> select(passes(4, 3, 2, 8), 5, Map.of(), 0))
                .getMessage().contains("Budget 5 for strategy 'batch-bald' is larger than the 4 unlabeled items"));
    }
}
