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
import dev.quarry.engine.strategy.PrecomputedQueryContext;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UncertaintyStrategyTest {

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
    private static final long[] IDS = {10, 11, 12, 13, 14};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** The context's manager is capped: a strategy that leaves an array in it fails the test. */
    private QueryContext context(long[] ids, NDArray probabilities) {
        manager.cap();
        return PrecomputedQueryContext.builder().setUnlabeledIds(ids).setManager(manager)
                .setRandom(new SplittableRandom(0)).optProbabilities(probabilities).build();
    }

    private static Selection select(String name, int budget) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(KNOWN);
            m.cap();
            return Strategies.get(name).select(PrecomputedQueryContext.builder().setUnlabeledIds(IDS).setManager(m)
                    .setRandom(new SplittableRandom(0)).optProbabilities(p).build(), budget);
        }
    }

    @Test
    void givenKnownDistributions_thenEachMeasureRanksThemAsDefined() {
        assertArrayEquals(new long[] {10, 13, 11, 12, 14}, select("least-confidence", 5).ids());
        assertArrayEquals(new long[] {10, 13, 11, 12, 14}, select("margin", 5).ids(), "a and d tie at 0: lower id first");
        assertArrayEquals(new long[] {10, 11, 13, 12, 14}, select("entropy", 5).ids());
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
                float[] scores = new UncertaintyStrategy(order[k]).scores(p);
                for (int i = 0; i < n; i++) {
                    assertEquals(g.getDouble((k * n + i) * 8), scores[i], 2e-6, order[k] + " row " + i);
                }
            }
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(UncertaintyStrategyTest.class.getResource("/" + name).toURI());
    }

    @Test
    void givenIdenticalRows_thenTheLowerIdWinsWhateverTheOrder() {
        NDArray p = manager.create(new float[][] {{0.6f, 0.4f}, {0.6f, 0.4f}, {0.9f, 0.1f}, {0.6f, 0.4f}});
        long[] ids = {40, 7, 3, 12};
        // Ids need not be sorted in a precomputed context: ties go to the lower position, i.e. the given order.
        Selection s = Strategies.get("margin").select(context(ids, p), 2);
        assertArrayEquals(new long[] {40, 7}, s.ids());
    }

    @Test
    void givenProbabilitiesSlightlyOutsideTheSimplex_thenClampedBeforeScoring() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[][] {{1.0000001f, -1e-7f}, {0.5f, 0.5f}});
            float[] entropy = new UncertaintyStrategy(UncertaintyMeasure.ENTROPY).scores(p);
            assertEquals(0f, entropy[0], 0f);
            assertEquals((float) Math.log(2), entropy[1], 1e-6f);
            float[] lc = new UncertaintyStrategy(UncertaintyMeasure.LEAST_CONFIDENCE).scores(p);
            assertEquals(0f, lc[0], 0f);
        }
    }

    @Test
    void givenNonFiniteProbabilities_thenTheStrategyAndBadRowsAreNamed() {
        NDArray p = manager.create(new float[][] {{0.5f, 0.5f}, {Float.NaN, 0.5f}, {0.1f, 0.9f}});
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Strategies.get("entropy").select(context(new long[] {1, 2, 3}, p), 1)).getMessage();
        assertTrue(msg.startsWith("Strategy 'entropy': 1 of 3 rows of probabilities contain NaN or infinite values"), msg);
        NDArray inf = NDManager.newBaseManager().create(new float[][] {{Float.POSITIVE_INFINITY, 0f}, {0.5f, 0.5f}});
        String infMsg = assertThrows(IllegalArgumentException.class,
                () -> Strategies.get("margin").select(PrecomputedQueryContext.builder().setUnlabeledIds(new long[] {1, 2})
                        .setManager(inf.getManager()).setRandom(new SplittableRandom(0)).optProbabilities(inf).build(), 1))
                .getMessage();
        assertTrue(infMsg.startsWith("Strategy 'margin': 1 of 2 rows of probabilities contain NaN or infinite values "
                + "(first at row 0)"), infMsg);
        inf.getManager().close();
    }

    @Test
    void givenBadBudgetsOrShapes_thenClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> select("margin", 6)).getMessage()
                .contains("Budget 6 for strategy 'margin' is larger than the 5 unlabeled items"));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray oneClass = m.create(new float[][] {{1f}, {1f}});
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> new UncertaintyStrategy(UncertaintyMeasure.MARGIN).scores(oneClass)).getMessage()
                    .contains("(N, C) or (N, T, C) with C >= 2"));
            NDArray wrongRows = m.create(new float[][] {{0.5f, 0.5f}});
            assertTrue(assertThrows(IllegalArgumentException.class, () -> context(IDS, wrongRows)).getMessage()
                    .contains("probabilities has shape (1, 2) but (N, C) with N = 5 was expected"));
            assertThrows(IllegalArgumentException.class, () -> Strategies.get("margin").select(context(IDS, m.create(KNOWN)), 0));
        }
    }

    @Test
    void givenTheRegistry_thenNamesRequirementsAndConfigurationsArePinned() {
        for (String name : new String[] {"least-confidence", "margin", "entropy"}) {
            QueryStrategy s = Strategies.get(name);
            assertEquals(name, s.name());
            assertEquals(Set.of(Requirement.PROBABILITIES), s.requirements());
            assertEquals("UncertaintyStrategy{measure=" + name + ", mcSamples=1, mcScope=full}", s.toString());
        }
        assertTrue(Strategies.names().containsAll(java.util.List.of("random", "least-confidence", "margin", "entropy", "bald",
                "variation-ratio", "mean-std", "batch-bald", "power-bald", "softmax-margin", "softrank-entropy")));
        assertTrue(!Strategies.names().contains("power-margin"), "margin scores are negative: no power sampling");
        assertEquals("UncertaintyStrategy{measure=bald, mcSamples=20, mcScope=full}", Strategies.get("bald").toString());
        assertEquals("UncertaintyStrategy{measure=entropy, mcSamples=10, mcScope=head}",
                Strategies.get("entropy", java.util.Map.of("mcSamples", "10", "mcScope", "HEAD")).toString());
        assertEquals("StochasticBatchStrategy{kind=power, temperature=0.5, base=UncertaintyStrategy{measure=bald, mcSamples=20, "
                + "mcScope=full}}", Strategies.get("power-bald", java.util.Map.of("temperature", "0.5")).toString());
        assertEquals("BatchBaldStrategy{mcSamples=20, mcScope=full, maxConfigs=1000}", Strategies.get("batch-bald").toString());
    }
}
