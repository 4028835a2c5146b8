package dev.quarry.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void givenTheEngineAlone_whenListed_thenRandomIsRegistered() {
        assertTrue(Strategies.names().contains("random"), Strategies.names().toString());
        assertEquals("RandomStrategy{}", Strategies.get("random").toString());
        assertEquals(Set.of(Requirement.NONE), Strategies.get("random").requirements());
    }

    @Test
    void givenAnUnknownNameOrOption_thenTheMessageListsWhatExists() {
        String m = assertThrows(IllegalArgumentException.class, () -> Strategies.get("bold")).getMessage();
        assertTrue(m.startsWith("Unknown strategy 'bold'; known strategies: ["), m);
        assertTrue(m.contains("random"), m);
        assertEquals("Unknown option 'seed' for strategy 'random'; its options are [maxPool].",
                assertThrows(IllegalArgumentException.class, () -> Strategies.get("random", Map.of("seed", "3"))).getMessage());
        assertEquals("Option maxPool of strategy 'random' must be an integer, got 'all'.",
                assertThrows(IllegalArgumentException.class, () -> Strategies.get("random", Map.of("maxPool", "all"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Strategies.get("random", Map.of("maxPool", "0")));
    }

    @Test
    void givenOptionSpecs_thenTypedGettersParseAndExplainBadValues() {
        List<OptionSpec> specs = List.of(new OptionSpec("t", "20", "passes"), new OptionSpec("temp", "1.0", "temperature"));
        StrategyOptions o = StrategyOptions.of("s", specs, Map.of("t", "5"));
        assertEquals(5, o.getInt("t"));
        assertEquals(1.0, o.getDouble("temp"));
        assertEquals("{t=5, temp=1.0}", o.toString());
        assertEquals("Unknown option 'x' for strategy 's'; its options are [t, temp].",
                assertThrows(IllegalArgumentException.class, () -> StrategyOptions.of("s", specs, Map.of("x", "1"))).getMessage());
        assertEquals("Option t of strategy 's' must be an integer, got 'many'.",
                assertThrows(IllegalArgumentException.class,
                        () -> StrategyOptions.of("s", specs, Map.of("t", "many")).getInt("t")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> StrategyOptions.of("s", specs, Map.of("temp", "NaN")).getDouble("temp"));
    }

    @Test
    void givenRandom_whenSelecting_thenDistinctUnlabeledIdsFixedByTheSeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            long[] unlabeled = new long[200];
            Arrays.setAll(unlabeled, i -> 3L * i);
            QueryStrategy random = Strategies.get("random");
            Selection a = random.select(context(unlabeled, 42, manager), 50);
            Selection b = random.select(context(unlabeled, 42, manager), 50);
            Selection c = random.select(context(unlabeled, 43, manager), 50);
            assertArrayEquals(a.ids(), b.ids());
            assertFalse(Arrays.equals(a.ids(), c.ids()));
            assertEquals(50, Arrays.stream(a.ids()).distinct().count());
            assertTrue(Arrays.stream(a.ids()).allMatch(id -> id % 3 == 0 && id < 600));
            assertEquals(0, a.scores().length);
            assertThrows(IllegalArgumentException.class, () -> random.select(context(unlabeled, 1, manager), 201));
            assertThrows(IllegalArgumentException.class, () -> random.select(context(unlabeled, 1, manager), 0));
        }
    }

    @Test
    void givenMaxPool_thenPicksComeFromASeededSubsetAndKeepTheirGlobalIds() {
        try (NDManager manager = NDManager.newBaseManager()) {
            long[] unlabeled = new long[1000];
            Arrays.setAll(unlabeled, i -> 10_000L + 7 * i);
            QueryStrategy sub = Strategies.get("random", Map.of("maxPool", "50"));
            assertEquals("SubsampledStrategy{maxPool=50, base=RandomStrategy{}}", sub.toString());
            Selection a = sub.select(context(unlabeled, 3, manager), 50);
            // A budget equal to the subset takes the whole subset: 50 distinct valid global ids.
            assertEquals(50, Arrays.stream(a.ids()).distinct().count());
            assertTrue(Arrays.stream(a.ids()).allMatch(id -> id >= 10_000 && (id - 10_000) % 7 == 0));
            assertArrayEquals(a.ids(), sub.select(context(unlabeled, 3, manager), 50).ids());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> sub.select(context(unlabeled, 3, manager), 51))
                    .getMessage().contains("larger than the 50 unlabeled items"));
            // maxPool above the pool size changes nothing.
            assertArrayEquals(Strategies.get("random").select(context(unlabeled, 9, manager), 5).ids(),
                    Strategies.get("random", Map.of("maxPool", "5000")).select(context(unlabeled, 9, manager), 5).ids());
        }
    }

    @Test
    void givenARandomBudgetOfThePoolSize_thenEveryItemOnce() {
        try (NDManager manager = NDManager.newBaseManager()) {
            long[] unlabeled = {5, 6, 7, 8};
            long[] all = Strategies.get("random").select(context(unlabeled, 1, manager), 4).ids().clone();
            Arrays.sort(all);
            assertArrayEquals(unlabeled, all);
        }
    }

    @Test
    void givenNonFiniteProbabilities_whenChecked_thenTheStrategyAndBadRowCountAreNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(new float[][] {{0.5f, 0.5f}, {Float.NaN, 1}, {0.2f, 0.8f}, {Float.POSITIVE_INFINITY, 0}});
            String m = assertThrows(IllegalArgumentException.class,
                    () -> SelectionChecks.requireFinite("margin", "probabilities", p)).getMessage();
            assertTrue(m.startsWith("Strategy 'margin': 2 of 4 rows of probabilities contain NaN or infinite values "
                    + "(first at row 1)"), m);
            SelectionChecks.requireFinite("margin", "probabilities", p.get("0, :").expandDims(0));
        }
    }

    @Test
    void givenASelectionWithADuplicate_thenRejected() {
        assertThrows(IllegalArgumentException.class, () -> Selection.of(1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Selection(new long[] {1}, new float[] {1, 2}));
    }

    static QueryContext context(long[] unlabeled, long seed, NDManager manager) {
        return PrecomputedQueryContext.builder().setUnlabeledIds(unlabeled).setManager(manager)
                .setRandom(new SplittableRandom(seed)).build();
    }
}
