package dev.quarry.bayesian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.NpyReader;
import dev.quarry.engine.model.McScope;
import dev.quarry.engine.strategy.ChunkMap;
import dev.quarry.engine.strategy.Chunks;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.ScoreRanking;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

import org.junit.jupiter.api.Test;

class McMeasuresTest {

    private static final float THIRD = 1f / 3;

    /**
     * Four items, T = 6 passes, C = 3, with known uncertainty: a confident and consistent; b
     * uniform in every pass (aleatoric: high entropy, no BALD); c each pass certain of a different
     * class (epistemic: BALD = ln 3); d split between two confident answers.
     */
    static float[][][] synthetic() {
        float[] confident = {0.98f, 0.01f, 0.01f};
        float[] uniform = {THIRD, THIRD, THIRD};
        float[][] oneHot = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        float[][][] p = new float[4][6][];
        for (int t = 0; t < 6; t++) {
            p[0][t] = confident;
            p[1][t] = uniform;
            p[2][t] = oneHot[t % 3];
            p[3][t] = t < 3 ? new float[] {0.9f, 0.1f, 0} : new float[] {0.1f, 0.9f, 0};
        }
        return p;
    }

    private static float[] scores(String name, float[][][] p) {
        try (NDManager m = NDManager.newBaseManager()) {
            QueryStrategy s = Strategies.get(name, Map.of("mcSamples", Integer.toString(p[0].length)));
            return OfflineQueries.score(s, Tensors.create(m, p));
        }
    }

    @Test
    void givenSyntheticPasses_thenBaldSeparatesEpistemicFromAleatoricUncertainty() {
        float[] bald = scores("bald", synthetic());
        assertEquals((float) Math.log(3), bald[2], 1e-6f);
        assertEquals(0f, bald[1], 1e-6f, "uniform in every pass: no disagreement");
        assertTrue(bald[0] < 1e-6f);
        double d = -Math.log(0.5) - (-(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1)));
        assertEquals(d - 0, bald[3] - 0, 1e-6, "H(0.5, 0.5) - H(0.9, 0.1)");
        float[] entropy = scores("entropy", synthetic());
        assertEquals(entropy[1], entropy[2], 1e-6f, "entropy cannot tell b and c apart");
    }

    @Test
    void givenSyntheticPasses_thenVariationRatioAndMeanStdMatchHandValues() {
        assertArrayEquals(new float[] {0f, 0f, 1f - 2f / 6, 0.5f}, scores("variation-ratio", synthetic()), 1e-6f);
        float std = (float) Math.sqrt(1.0 / 3 - 1.0 / 9);
        float[] meanStd = scores("mean-std", synthetic());
        assertEquals(std, meanStd[2], 1e-6f);
        assertEquals(0f, meanStd[1], 1e-6f);
        assertEquals((0.4f + 0.4f + 0f) / 3, meanStd[3], 1e-6f);
    }

    @Test
    void givenGoldenMcScoresFromNumpy_thenEveryMeasureMatches() throws IOException, URISyntaxException {
        HostArray probs = NpyReader.read(resource("golden/mc_probs.npy"));
        ByteBuffer golden = NpyReader.read(resource("golden/mc_scores.npy")).data();
        int n = (int) probs.dim(0);
        UncertaintyMeasure[] order = {UncertaintyMeasure.LEAST_CONFIDENCE, UncertaintyMeasure.MARGIN,
            UncertaintyMeasure.ENTROPY, UncertaintyMeasure.BALD, UncertaintyMeasure.VARIATION_RATIO, UncertaintyMeasure.MEAN_STD};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(probs.toFloatArray(), new Shape(probs.shape()));
            for (int k = 0; k < order.length; k++) {
                float[] scores = OfflineQueries.score(QueryStrategy.topK(new UncertaintyScorer(order[k],
                        new UncertaintyOptions(OptionalInt.of(8), McScope.FULL))), p);
                for (int i = 0; i < n; i++) {
                    assertEquals(golden.getDouble((k * n + i) * 8), scores[i], 2e-6, order[k] + " row " + i);
                }
            }
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(McMeasuresTest.class.getResource("/" + name).toURI());
    }

    @Test
    void givenRandomPasses_thenBaldIsNeverNegativeBeyondRounding() {
        Random r = new Random(5);
        float[][][] p = new float[300][10][4];
        for (float[][] item : p) {
            for (float[] pass : item) {
                float sum = 0;
                for (int c = 0; c < 4; c++) {
                    pass[c] = r.nextFloat() * (r.nextBoolean() ? 1 : 1e-3f);
                    sum += pass[c];
                }
                for (int c = 0; c < 4; c++) {
                    pass[c] /= sum;
                }
            }
        }
        for (float s : scores("bald", p)) {
            assertTrue(s >= -1e-6f, "BALD " + s);
        }
    }

    @Test
    void givenAPoolOfSeveralChunks_thenMcSelectionsEqualTheWholePoolSelection() {
        int n = Chunks.ROWS + 97;
        float[][][] p = McMeasuresTest.randomPasses(n, 5, 3, 9);
        for (UncertaintyMeasure measure : UncertaintyMeasure.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray mc = Tensors.create(m, p);
                // The whole pool in one call of the map the chunked path applies chunk by chunk (fused on CPUs).
                float[] whole;
                try (ChunkMap map = new UncertaintyScorer(measure).open(mc.getDevice())) {
                    whole = map.apply(mc).toFloatArray();
                }
                int[] top = ScoreRanking.topK(whole, 20);
                Selection chunked = OfflineQueries.select(Strategies.get(measure.strategyName(), Map.of("mcSamples", "5")),
                        mc, 20, 1);
                assertArrayEquals(Arrays.stream(top).asLongStream().toArray(), chunked.ids(), measure.strategyName());
                for (int i = 0; i < top.length; i++) {
                    assertEquals(whole[top[i]], chunked.scores()[i], 0f, measure.strategyName());
                }
            }
        }
    }

    static float[][][] randomPasses(int n, int t, int c, long seed) {
        Random r = new Random(seed);
        float[][][] p = new float[n][t][c];
        for (float[][] item : p) {
            for (float[] pass : item) {
                float sum = 0;
                for (int k = 0; k < c; k++) {
                    pass[k] = r.nextFloat();
                    sum += pass[k];
                }
                for (int k = 0; k < c; k++) {
                    pass[k] /= sum;
                }
            }
        }
        return p;
    }

    @Test
    void givenJavaArrays_thenOfflineQueriesScoreAndSelectLikeNdArrays() {
        float[][][] p = randomPasses(30, 4, 3, 12);
        float[] flat = new float[30 * 4 * 3];
        for (int i = 0; i < 30; i++) {
            for (int t = 0; t < 4; t++) {
                System.arraycopy(p[i][t], 0, flat, (i * 4 + t) * 3, 3);
            }
        }
        QueryStrategy bald = Strategies.get("bald", Map.of("mcSamples", "4"));
        assertArrayEquals(scores("bald", p), OfflineQueries.score(bald, flat, 30, 4, 3));
        Selection picks = OfflineQueries.select(bald, flat, 5, 0, 30, 4, 3);
        assertEquals(5, picks.size());
        assertThrows(IllegalArgumentException.class, () -> OfflineQueries.score(bald, flat, 30, 4, 4));
    }

    @Test
    void givenMcMeasuresWithoutPasses_thenClearErrors() {
        assertEquals("Strategy 'bald' needs mcSamples >= 2 (MC-dropout passes), got 1.",
                assertThrows(IllegalArgumentException.class, () -> Strategies.get("bald", Map.of("mcSamples", "1"))).getMessage());
        try (NDManager m = NDManager.newBaseManager()) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> OfflineQueries.score(Strategies.get("bald"), m.create(new float[][] {{0.5f, 0.5f}})))
                    .getMessage().contains("'bald' needs MC-dropout probabilities (N, T, C)"));
        }
        assertEquals("Option mcScope of strategy 'bald' must be one of full, head; got 'trunk'.",
                assertThrows(IllegalArgumentException.class, () -> Strategies.get("bald", Map.of("mcScope", "trunk")))
                        .getMessage());
    }
}
