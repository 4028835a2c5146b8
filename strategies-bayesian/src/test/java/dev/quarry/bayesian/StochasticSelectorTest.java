package dev.quarry.bayesian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.model.McScope;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StochasticSelectorTest {

    /** Probabilities whose least-confidence scores are exactly {@code scores} (two classes). */
    private static float[][] withLeastConfidence(float... scores) {
        float[][] p = new float[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            p[i] = new float[] {1 - scores[i], scores[i]};
        }
        return p;
    }

    /** Selects among rows 0..n-1 of {@code p}. */
    private static Selection select(String name, Map<String, String> options, float[][] p, int budget, long seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            return OfflineQueries.select(Strategies.get(name, options), m.create(p), budget, seed);
        }
    }

    @Test
    void givenPowerSampling_thenFirstPicksFollowTheWeights() {
        // Least-confidence scores 0.1 and 0.3: power weights at temperature 1 are 1 : 3.
        float[][] p = withLeastConfidence(0.1f, 0.3f);
        int second = 0;
        int draws = 4000;
        for (long seed = 0; seed < draws; seed++) {
            second += select("power-least-confidence", Map.of(), p, 1, seed).ids()[0] == 1 ? 1 : 0;
        }
        double share = (double) second / draws;
        assertEquals(0.75, share, 0.025, "share of the heavier item: " + share);
    }

    @Test
    void givenSoftmaxAndSoftrankSampling_thenFirstPicksFollowTheirWeights() {
        float[][] p = withLeastConfidence(0.1f, 0.3f, 0.2f);
        int[] softmax = new int[3];
        int[] softrank = new int[3];
        int draws = 6000;
        for (long seed = 0; seed < draws; seed++) {
            softmax[(int) select("softmax-least-confidence", Map.of("temperature", "0.1"), p, 1, seed).ids()[0]]++;
            softrank[(int) select("softrank-least-confidence", Map.of(), p, 1, seed).ids()[0]]++;
        }
        double[] e = {Math.exp(1), Math.exp(3), Math.exp(2)};
        double sum = e[0] + e[1] + e[2];
        for (int i = 0; i < 3; i++) {
            assertEquals(e[i] / sum, softmax[i] / (double) draws, 0.025, "softmax item " + i);
        }
        // Ranks: item 1 first, item 2 second, item 0 third -> weights 1, 1/2, 1/3.
        double[] r = {1.0 / 3, 1.0, 0.5};
        double rs = r[0] + r[1] + r[2];
        for (int i = 0; i < 3; i++) {
            assertEquals(r[i] / rs, softrank[i] / (double) draws, 0.025, "softrank item " + i);
        }
    }

    @Test
    void givenALowTemperature_thenSamplingApproachesTopB() {
        float[][] p = withLeastConfidence(0.05f, 0.4f, 0.1f, 0.35f, 0.2f);
        Selection s = select("power-least-confidence", Map.of("temperature", "0.001"), p, 3, 42);
        assertArrayEquals(new long[] {1, 3, 4}, s.ids());
        assertArrayEquals(select("least-confidence", Map.of(), p, 3, 0).ids(), s.ids());
    }

    @Test
    void givenTheSameSeed_thenTheSameBatch_andAnotherSeedAnother() {
        float[][] p = withLeastConfidence(0.1f, 0.2f, 0.3f, 0.4f, 0.45f, 0.15f, 0.25f, 0.35f);
        Selection a = select("power-least-confidence", Map.of(), p, 4, 7);
        assertArrayEquals(a.ids(), select("power-least-confidence", Map.of(), p, 4, 7).ids());
        assertEquals(4, Arrays.stream(a.ids()).distinct().count());
        boolean differs = false;
        for (long seed = 8; seed < 20 && !differs; seed++) {
            differs = !Arrays.equals(a.ids(), select("power-least-confidence", Map.of(), p, 4, seed).ids());
        }
        assertTrue(differs);
    }

    @Test
    void givenFewerPositiveWeightsThanTheBudget_thenZeroWeightItemsFillTheRestUniformly() {
        float[][] p = withLeastConfidence(0f, 0.3f, 0f, 0f);
        Selection s = select("power-least-confidence", Map.of(), p, 4, 3);
        assertEquals(1, s.ids()[0], "the only item with weight comes first");
        long[] sorted = s.ids().clone();
        Arrays.sort(sorted);
        assertArrayEquals(new long[] {0, 1, 2, 3}, sorted);
    }

    @Test
    void givenInvalidTemperaturesOrNegativeScores_thenClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Strategies.get("power-bald", Map.of("temperature", "0")))
                .getMessage().contains("Option temperature 0.0 must be a finite number > 0."));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BayesianStrategyProvider.stochastic(
                StochasticKind.POWER, UncertaintyMeasure.MARGIN, new StochasticOptions(OptionalInt.empty(), McScope.FULL, 1)))
                .getMessage().contains("Use softmax-margin or softrank-margin"));
        assertFalse(Strategies.names().contains("power-margin"));
    }

    @Test
    void givenGumbelTopK_thenAFullDrawIsAPermutation() {
        int[] all = GumbelTopK.sample(new double[] {0, Math.log(2), Double.NEGATIVE_INFINITY, Math.log(5)},
                new long[] {10, 11, 12, 13}, 4, new SplittableRandom(1));
        int[] sorted = all.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3}, sorted);
        assertEquals(2, all[3], "the zero-weight item is drawn last");
    }

    @Test
    void givenItemNoise_thenItDependsOnlyOnTheRoundAndTheIdAndIsUniform() {
        long base = new SplittableRandom(8).nextLong();
        assertEquals(GumbelTopK.draw(0.5, base, 123_456), GumbelTopK.draw(0.5, base, 123_456),
                "the same item draws the same key wherever it is scored");
        // u = exp(-exp(-G)) is uniform: its quartiles over 40 000 consecutive ids.
        int[] quarters = new int[4];
        for (long id = 0; id < 40_000; id++) {
            double u = Math.exp(-Math.exp(-GumbelTopK.gumbel(base, id)));
            quarters[(int) Math.min(3, u * 4)]++;
        }
        for (int q : quarters) {
            assertEquals(10_000, q, 300, "each quarter of (0, 1) holds a quarter of the draws: " + Arrays.toString(quarters));
        }
        // A subset of the candidates, in another position: the common items keep their keys, so their order is kept.
        double[] logWeights = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        long[] ids = {3, 8, 13, 21, 34, 55};
        int[] full = GumbelTopK.sample(logWeights, ids, 6, new SplittableRandom(2));
        int[] part = GumbelTopK.sample(Arrays.copyOfRange(logWeights, 2, 6), Arrays.copyOfRange(ids, 2, 6), 4,
                new SplittableRandom(2));
        long[] fullOrder = Arrays.stream(full).mapToLong(i -> ids[i]).filter(id -> id >= 13).toArray();
        long[] partOrder = Arrays.stream(part).mapToLong(i -> ids[i + 2]).toArray();
        assertArrayEquals(fullOrder, partOrder);
    }

    @Test
    void givenMcProbabilities_thenPowerBaldScoresAreBaldScores() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mc = Tensors.create(m, McMeasuresTest.synthetic());
            Selection s = OfflineQueries.select(Strategies.get("power-bald", Map.of("mcSamples", "6", "temperature", "0.01")),
                    mc, 2, 0);
            assertArrayEquals(new long[] {2, 3}, s.ids(), "the two items with BALD > 0, highest first");
            assertEquals((float) Math.log(3), s.scores()[0], 1e-6f);
        }
    }
}
