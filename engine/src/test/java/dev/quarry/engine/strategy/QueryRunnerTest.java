package dev.quarry.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.model.McScope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class QueryRunnerTest {

    static float[] randomProbabilities(int n, int t, int c, long seed) {
        Random r = new Random(seed);
        float[] p = new float[n * t * c];
        for (int row = 0; row < n * t; row++) {
            float sum = 0;
            for (int k = 0; k < c; k++) {
                p[row * c + k] = r.nextFloat();
                sum += p[row * c + k];
            }
            for (int k = 0; k < c; k++) {
                p[row * c + k] /= sum;
            }
        }
        return p;
    }

    private static Selection select(QueryStrategy s, ModelOutputs outputs, long[] unlabeled, int budget, long seed,
            NDManager m) {
        return QueryRunner.select(s, outputs, unlabeled, new long[0], budget, new SplittableRandom(seed), m);
    }

    private static final ModelOutputs NOTHING = new PrecomputedOutputs(null, null, null);

    @Test
    void givenRandom_whenSelecting_thenDistinctUnlabeledIdsFixedByTheSeed() {
        try (NDManager m = NDManager.newBaseManager()) {
            long[] unlabeled = LongStream.range(0, 200).map(i -> 3 * i).toArray();
            QueryStrategy random = Strategies.get("random");
            Selection a = select(random, NOTHING, unlabeled, 50, 42, m);
            assertArrayEquals(a.ids(), select(random, NOTHING, unlabeled, 50, 42, m).ids());
            assertFalse(Arrays.equals(a.ids(), select(random, NOTHING, unlabeled, 50, 43, m).ids()));
            assertEquals(50, Arrays.stream(a.ids()).distinct().count());
            assertTrue(Arrays.stream(a.ids()).allMatch(id -> id % 3 == 0 && id < 600));
            assertEquals(0, a.scores().length);
            long[] all = select(random, NOTHING, new long[] {5, 6, 7, 8}, 4, 1, m).ids();
            Arrays.sort(all);
            assertArrayEquals(new long[] {5, 6, 7, 8}, all);
        }
    }

    @Test
    void givenABudgetOutsideThePool_thenTheMessageSaysWhatToDo() {
        try (NDManager m = NDManager.newBaseManager()) {
            long[] ids = {1, 2, 3};
            QueryStrategy random = Strategies.get("random");
            assertEquals("Budget 0 for strategy 'random' must be > 0.",
                    assertThrows(InvalidInputException.class, () -> select(random, NOTHING, ids, 0, 1, m)).getMessage());
            assertEquals("Budget 4 for strategy 'random' is larger than the 3 unlabeled items left in the pool; lower the "
                    + "budget or the number of rounds.",
                    assertThrows(InvalidInputException.class, () -> select(random, NOTHING, ids, 4, 1, m)).getMessage());
        }
    }

    @Test
    void givenMaxPool_thenPicksComeFromASeededSubsetAndKeepTheirGlobalIds() {
        try (NDManager m = NDManager.newBaseManager()) {
            long[] unlabeled = LongStream.range(0, 1000).map(i -> 10_000 + 7 * i).toArray();
            QueryStrategy sub = Strategies.get("random", Map.of("maxPool", "50"));
            assertEquals("random{maxPool=50}", sub.toString());
            Selection a = select(sub, NOTHING, unlabeled, 50, 3, m);
            assertEquals(50, Arrays.stream(a.ids()).distinct().count());
            assertTrue(Arrays.stream(a.ids()).allMatch(id -> id >= 10_000 && (id - 10_000) % 7 == 0));
            assertArrayEquals(a.ids(), select(sub, NOTHING, unlabeled, 50, 3, m).ids());
            assertTrue(assertThrows(InvalidInputException.class, () -> select(sub, NOTHING, unlabeled, 51, 3, m))
                    .getMessage().contains("is larger than its maxPool 50 (the items it scores each round)"));
            // maxPool above the pool size changes nothing.
            assertArrayEquals(select(Strategies.get("random"), NOTHING, unlabeled, 5, 9, m).ids(),
                    select(Strategies.get("random", Map.of("maxPool", "5000")), NOTHING, unlabeled, 5, 9, m).ids());
        }
    }

    @Test
    void givenAScorer_thenTopKTakesTheHighestScoresWithTheLowerIdOnTies() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[][] {{0.9f, 0.1f}, {0.6f, 0.4f}, {0.5f, 0.5f}, {0.6f, 0.4f}});
            QueryStrategy leastMax = QueryStrategy.topK(Scorer.of("least-max", Input.probabilities(),
                    x -> x.max(new int[] {1}).neg()));
            Selection s = OfflineQueries.select(leastMax, p, 3, 0);
            assertArrayEquals(new long[] {2, 1, 3}, s.ids());
            assertArrayEquals(new float[] {-0.5f, -0.6f, -0.6f}, s.scores());
            assertArrayEquals(new float[] {-0.9f, -0.6f, -0.5f, -0.6f}, OfflineQueries.score(leastMax, p));
        }
    }

    @Test
    void givenAnyRows_thenStreamedScoresEqualTheReductionOfTheWholeArray() {
        try (NDManager m = NDManager.newBaseManager()) {
            int n = Chunks.ROWS + 101;
            NDArray mc = m.create(randomProbabilities(n, 4, 3, 1), new Shape(n, 4, 3));
            UnaryOperator<NDArray> meanMax = p -> p.mean(new int[] {1}).max(new int[] {1});
            float[] whole = meanMax.apply(mc).toFloatArray();
            QueryStrategy s = QueryStrategy.topK(Scorer.of("mean-max", Input.mc(OptionalInt.empty(), McScope.FULL, false),
                    meanMax));
            // Chunks of Chunks.ROWS rows (the smallest) and one chunk of everything (the default's size here).
            for (ModelOutputs outputs : List.of(new PrecomputedOutputs(mc, null, null, 1), new PrecomputedOutputs(mc, null,
                    null))) {
                assertArrayEquals(whole, QueryRunner.scores(s, outputs, LongStream.range(0, n).toArray(), m));
                long[] some = {3, 4, 5, 90, Chunks.ROWS + 100};
                float[] rows = QueryRunner.scores(s, outputs, some, m);
                for (int i = 0; i < some.length; i++) {
                    assertEquals(whole[(int) some[i]], rows[i], 0f);
                }
            }
        }
    }

    @Test
    void givenACappedManager_thenTheQueryLeavesNothingInIt() {
        try (NDManager m = NDManager.newBaseManager(); NDManager work = NDManager.newBaseManager()) {
            NDArray p = m.create(randomProbabilities(10, 3, 4, 2), new Shape(10, 3, 4));
            NDArray e = m.create(randomProbabilities(10, 1, 5, 3), new Shape(10, 5));
            m.cap();
            QueryStrategy everything = QueryStrategy.of("every-input", Scorer.of("max", Input.probabilities(),
                    x -> x.max(new int[] {1})), new EveryInput());
            ModelOutputs outputs = new PrecomputedOutputs(p, e, null);
            Selection s = QueryRunner.select(everything, outputs, new long[] {0, 2, 3, 5, 7, 8, 9}, new long[] {1, 4, 6}, 2,
                    new SplittableRandom(1), work);
            assertEquals(2, s.size());
            assertEquals(0, work.getManagedArrays().size());
        }
    }

    /** Reads every whole input, checks their shapes, and takes the first rows. */
    private static final class EveryInput implements Selector {
        @Override
        public Set<Input> inputs() {
            return Set.of(Input.probabilities(), Input.mc(OptionalInt.of(3), McScope.FULL, false), Input.embeddings(),
                    Input.labeledEmbeddings());
        }

        @Override
        public Selection select(RoundInputs round, int budget) {
            assertEquals(new Shape(7, 4), round.probabilities().getShape());
            assertEquals(new Shape(7, 3, 4), round.mcProbabilities().getShape());
            assertEquals(new Shape(7, 5), round.embeddings().getShape());
            assertEquals(new Shape(3, 5), round.labeledEmbeddings().getShape());
            assertEquals(7, round.scores().length);
            return Selection.of(Arrays.copyOf(round.ids(), budget));
        }
    }

    @Test
    void givenInputsThatAreMissingOrWrong_thenOneClearError() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(randomProbabilities(5, 2, 2, 3), new Shape(5, 2, 2));
            QueryStrategy dropsRows = QueryStrategy.topK(Scorer.of("all", Input.probabilities(), x -> x.max()));
            assertTrue(assertThrows(IllegalStateException.class, () -> OfflineQueries.score(dropsRows, p)).getMessage()
                    .contains("must return one score per row"));
            QueryStrategy everything = QueryStrategy.of("every-input", new EveryInput());
            assertEquals("Strategy 'every-input' needs 3 MC passes (option mcSamples), but the probabilities hold T = 2; "
                    + "leave mcSamples unset to use the passes given, or set it to 2; and embeddings (N, d), which were not "
                    + "given.", assertThrows(InvalidInputException.class, () -> OfflineQueries.select(everything, p, 1, 0))
                    .getMessage());
            QueryStrategy fivePasses = QueryStrategy.topK(Scorer.of("t5", Input.mc(OptionalInt.of(5), McScope.FULL, false),
                    x -> x.max(new int[] {2}).max(new int[] {1})));
            assertTrue(assertThrows(InvalidInputException.class, () -> OfflineQueries.score(fivePasses, p)).getMessage()
                    .contains("needs 5 MC passes (option mcSamples), but the probabilities hold T = 2"));
            assertTrue(assertThrows(InvalidInputException.class, () -> OfflineQueries.score(Strategies.get("random"), p))
                    .getMessage().contains("without one score per item"));
        }
    }

    @Test
    void givenNonFiniteOutputsGivenByTheCaller_thenBadInputNamingTheStrategyAndRows() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[][] {{0.5f, 0.5f}, {Float.NaN, 1}, {0.2f, 0.8f}, {Float.POSITIVE_INFINITY, 0}});
            QueryStrategy leastMax = QueryStrategy.topK(Scorer.of("least-max", Input.probabilities(),
                    x -> x.max(new int[] {1}).neg()));
            String message = assertThrows(InvalidInputException.class, () -> OfflineQueries.select(leastMax, p, 1, 0))
                    .getMessage();
            assertTrue(message.startsWith("Strategy 'least-max': 2 of 4 rows of probabilities (N, C) contain NaN or infinite "
                    + "values (first: item 1)"), message);
        }
    }

    @Test
    void givenASelectorThatBreaksTheContract_thenTheRunnerSaysSo() {
        List<Selector> broken = new ArrayList<>();
        broken.add(new Selector() {
            @Override
            public Set<Input> inputs() {
                return Set.of();
            }

            @Override
            public Selection select(RoundInputs round, int budget) {
                return Selection.of(round.ids()[0]);
            }
        });
        broken.add(new Selector() {
            @Override
            public Set<Input> inputs() {
                return Set.of();
            }

            @Override
            public Selection select(RoundInputs round, int budget) {
                return Selection.of(999);
            }
        });
        try (NDManager m = NDManager.newBaseManager()) {
            assertTrue(assertThrows(IllegalStateException.class, () -> select(QueryStrategy.of("short", broken.get(0)),
                    NOTHING, new long[] {1, 2, 3}, 2, 0, m)).getMessage().contains("returned 1 items for a budget of 2"));
            assertTrue(assertThrows(IllegalStateException.class, () -> select(QueryStrategy.of("stranger", broken.get(1)),
                    NOTHING, new long[] {1, 2, 3}, 1, 0, m)).getMessage().contains("returned item 999"));
        }
    }

    @Test
    void givenASelectionWithADuplicate_thenRejected() {
        assertThrows(IllegalArgumentException.class, () -> Selection.of(1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Selection(new long[] {1}, new float[] {1, 2}));
    }
}
