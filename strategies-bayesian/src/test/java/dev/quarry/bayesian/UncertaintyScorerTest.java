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
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.model.McScope;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.VectorApi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UncertaintyScorerTest {

    /**
     * Five distributions with known scores: a uniform, b (0.5, 0.3, 0.2), c peaked, d a two-way tie,
     * e certain. Least confidence ranks d before b, entropy ranks b before d, margin ties a and d.
     */
    private static final float[][] KNOWN = {
        {1f / 3, 1f / 3, 1f / 3},
        {0.5f, 0.3f, 0.2f},
        {0.9f, 0.05f, 0.05f},
        {0.45f, 0.45f, 0.1f},
        {1f, 0f, 0f},
    };
    /**
     * Selects from the known distributions with a capped manager: a strategy that leaves an array in it
     * fails the test.
     */
    private static Selection select(String name, int budget) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(KNOWN);
            m.cap();
            return OfflineQueries.select(Strategies.get(name), p, budget, 0);
        }
    }

    /** The scores of a measure, through the same path as every strategy. */
    static float[] scores(UncertaintyMeasure measure, NDArray probabilities) {
        return OfflineQueries.score(QueryStrategy.topK(new UncertaintyScorer(measure)), probabilities);
    }

    @Test
    void givenKnownDistributions_thenEachMeasureRanksThemAsDefined() {
        assertArrayEquals(new long[] {0, 3, 1, 2, 4}, select("least-confidence", 5).ids());
        assertArrayEquals(new long[] {0, 3, 1, 2, 4}, select("margin", 5).ids(), "a and d tie at 0: lower id first");
        assertArrayEquals(new long[] {0, 1, 3, 2, 4}, select("entropy", 5).ids());
    }

    @Test
    void givenKnownDistributions_thenScoresEqualTheHandComputedValues() {
        Selection lc = select("least-confidence", 5);
        assertArrayEquals(new float[] {2f / 3, 0.55f, 0.5f, 0.1f, 0f}, lc.scores(), 1e-6f);
        Selection margin = select("margin", 5);
        assertArrayEquals(new float[] {0f, 0f, -0.2f, -0.85f, -1f}, margin.scores(), 1e-6f);
        Selection entropy = select("entropy", 5);
        double b = -(0.5 * Math.log(0.5) + 0.3 * Math.log(0.3) + 0.2 * Math.log(0.2));
        double d = -(2 * 0.45 * Math.log(0.45) + 0.1 * Math.log(0.1));
        double c = -(0.9 * Math.log(0.9) + 2 * 0.05 * Math.log(0.05));
        assertArrayEquals(new float[] {(float) Math.log(3), (float) b, (float) d, (float) c, 0f}, entropy.scores(), 1e-6f);
    }

    @Test
    void givenGoldenScoresFromNumpy_thenEveryMeasureMatchesWithinFloatPrecision() throws IOException, URISyntaxException {
        HostArray probs = NpyReader.read(resource("golden/probs.npy"));
        HostArray golden = NpyReader.read(resource("golden/scores.npy"));
        int n = (int) probs.dim(0);
        ByteBuffer g = golden.data();
        UncertaintyMeasure[] order = {UncertaintyMeasure.LEAST_CONFIDENCE, UncertaintyMeasure.MARGIN, UncertaintyMeasure.ENTROPY};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(probs.toFloatArray(), new Shape(n, probs.dim(1)));
            for (int k = 0; k < order.length; k++) {
                float[] scores = scores(order[k], p);
                for (int i = 0; i < n; i++) {
                    assertEquals(g.getDouble((k * n + i) * 8), scores[i], 2e-6, order[k] + " row " + i);
                }
            }
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(UncertaintyScorerTest.class.getResource("/" + name).toURI());
    }

    @Test
    void givenIdenticalRows_thenTheLowerIdWins() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[][] {{0.9f, 0.1f}, {0.6f, 0.4f}, {0.6f, 0.4f}, {0.9f, 0.1f}, {0.6f, 0.4f}});
            assertArrayEquals(new long[] {1, 2}, OfflineQueries.select(Strategies.get("margin"), p, 2, 0).ids());
        }
    }

    @Test
    void givenProbabilitiesSlightlyOutsideTheSimplex_thenClampedBeforeScoring() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[][] {{1.0000001f, -1e-7f}, {0.5f, 0.5f}});
            float[] entropy = scores(UncertaintyMeasure.ENTROPY, p);
            assertEquals(0f, entropy[0], 0f);
            assertEquals((float) Math.log(2), entropy[1], 1e-6f);
            float[] lc = scores(UncertaintyMeasure.LEAST_CONFIDENCE, p);
            assertEquals(0f, lc[0], 0f);
        }
    }

    /** Both CPU paths: the fused kernels, and libtorch operations with the kernels switched off. */
    @ParameterizedTest(name = "fused kernels {0}")
    @ValueSource(booleans = {true, false})
    void givenNonFiniteProbabilities_thenTheStrategyAndBadRowsAreNamed(boolean kernels) {
        System.setProperty(VectorApi.PROPERTY, String.valueOf(kernels));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[][] {{0.5f, 0.5f}, {Float.NaN, 0.5f}, {0.1f, 0.9f}});
            String msg = assertThrows(InvalidInputException.class,
                    () -> OfflineQueries.select(Strategies.get("entropy"), p, 1, 0)).getMessage();
            assertTrue(msg.startsWith("Strategy 'entropy': 1 of 3 rows of probabilities (N, C) contain NaN or infinite "
                    + "values"), msg);
            NDArray inf = m.create(new float[][] {{Float.POSITIVE_INFINITY, 0f}, {0.5f, 0.5f}});
            String infMsg = assertThrows(InvalidInputException.class,
                    () -> OfflineQueries.select(Strategies.get("margin"), inf, 1, 0)).getMessage();
            assertTrue(infMsg.startsWith("Strategy 'margin': 1 of 2 rows of probabilities (N, C) contain NaN or infinite "
                    + "values (first: item 0)"), infMsg);
        } finally {
            System.clearProperty(VectorApi.PROPERTY);
        }
    }

    @Test
    void givenBadBudgetsOrShapes_thenClearErrors() {
        assertTrue(assertThrows(InvalidInputException.class, () -> select("margin", 6)).getMessage()
                .contains("Budget 6 for strategy 'margin' is larger than the 5 unlabeled items"));
        assertThrows(InvalidInputException.class, () -> select("margin", 0));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray oneClass = m.create(new float[][] {{1f}, {1f}});
            assertTrue(assertThrows(IllegalArgumentException.class, () -> scores(UncertaintyMeasure.MARGIN, oneClass))
                    .getMessage().contains("(N, C) or (N, T, C) with C >= 2"));
        }
    }

    @Test
    void givenTheRegistry_thenNamesInputsAndConfigurationsArePinned() {
        for (String name : new String[] {"least-confidence", "margin", "entropy"}) {
            QueryStrategy s = Strategies.get(name);
            assertEquals(name, s.name());
            assertEquals(Set.of(Input.probabilities()), s.inputs());
            assertEquals(name + "{mcSamples=auto, mcScope=full}", s.toString());
        }
        assertTrue(Strategies.names().containsAll(List.of("random", "least-confidence", "margin", "entropy", "bald",
                "variation-ratio", "mean-std", "batch-bald", "power-bald", "softmax-margin", "softrank-entropy")));
        assertTrue(!Strategies.names().contains("power-margin"), "margin scores are negative: no power sampling");
        assertEquals(Set.of(Input.mc(OptionalInt.empty(), McScope.FULL, false)), Strategies.get("bald").inputs());
        assertEquals(Set.of(Input.mc(OptionalInt.of(10), McScope.HEAD, false)),
                Strategies.get("entropy", Map.of("mcSamples", "10", "mcScope", "HEAD")).inputs());
        assertEquals(Set.of(Input.probabilities()), Strategies.get("entropy", Map.of("mcSamples", "1")).inputs());
        assertEquals("entropy{mcSamples=10, mcScope=head}",
                Strategies.get("entropy", Map.of("mcSamples", "10", "mcScope", "HEAD")).toString());
        assertEquals("power-bald{mcSamples=auto, mcScope=full, temperature=0.5}",
                Strategies.get("power-bald", Map.of("temperature", "0.5")).toString());
        assertEquals("batch-bald{mcSamples=auto, mcScope=full, maxConfigs=1000}", Strategies.get("batch-bald").toString());
        assertEquals(Set.of(Input.mc(OptionalInt.empty(), McScope.FULL, true)), Strategies.get("batch-bald").inputs());
    }
}
