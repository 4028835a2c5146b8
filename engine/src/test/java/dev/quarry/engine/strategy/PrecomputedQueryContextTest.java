package dev.quarry.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.model.McSpec;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class PrecomputedQueryContextTest {

    private static float[] randomProbabilities(int n, int t, int c, long seed) {
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

    @Test
    void givenAnyChunkSize_thenReductionsEqualTheWholeArrayReduction() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mc = m.create(randomProbabilities(101, 4, 3, 1), new Shape(101, 4, 3));
            long[] ids = new long[101];
            UnaryOperator<NDArray> f = p -> p.mean(new int[] {1}).max(new int[] {1});
            float[] whole = f.apply(mc).toFloatArray();
            for (int chunk : new int[] {1, 7, 100, 101, 4096}) {
                PrecomputedQueryContext ctx = PrecomputedQueryContext.builder().setUnlabeledIds(ids).setManager(m)
                        .setRandom(new SplittableRandom(0)).optMcProbabilities(mc).optChunkRows(chunk).build();
                assertArrayEquals(whole, ctx.mcScores(McSpec.DEFAULT, f), "chunk " + chunk);
            }
        }
    }

    @Test
    void givenACappedManager_thenReductionsAndViewsLeaveNothingInIt() {
        try (NDManager m = NDManager.newBaseManager(); NDManager view = NDManager.newBaseManager()) {
            NDArray p = m.create(randomProbabilities(10, 1, 4, 2), new Shape(10, 4));
            m.cap();
            PrecomputedQueryContext ctx = PrecomputedQueryContext.builder().setUnlabeledIds(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
                    .setManager(m).setRandom(new SplittableRandom(0)).optProbabilities(p).optChunkRows(3).build();
            assertEquals(10, ctx.scores(x -> x.max(new int[] {1})).length);
            QueryContext some = ctx.restrictTo(new int[] {9, 2}, view);
            assertArrayEquals(new long[] {9, 2}, some.unlabeledIds());
            assertArrayEquals(p.get("9").toFloatArray(), some.probabilities().get("0").toFloatArray());
        }
    }

    @Test
    void givenAReductionThatDropsRows_thenItIsReported() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(randomProbabilities(5, 1, 2, 3), new Shape(5, 2));
            PrecomputedQueryContext ctx = PrecomputedQueryContext.builder().setUnlabeledIds(new long[5]).setManager(m)
                    .setRandom(new SplittableRandom(0)).optProbabilities(p).build();
            assertTrue(assertThrows(IllegalStateException.class, () -> ctx.scores(x -> x.max())).getMessage()
                    .contains("must return one score per row"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> ctx.embeddings()).getMessage()
                    .contains("needs embeddings (N, d), but none were provided"));
        }
    }
}
