package dev.quarry.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ScoreRankingTest {

    @Test
    void givenTies_whenRanked_thenTheLowerPositionComesFirst() {
        float[] scores = {0.5f, 0.9f, 0.5f, 0.9f, -1f, 0.5f};
        assertArrayEquals(new int[] {1, 3, 0, 2, 5}, ScoreRanking.topK(scores, 5));
        assertArrayEquals(new int[] {1, 3, 0}, ScoreRanking.topK(scores, 3));
        assertArrayEquals(new int[0], ScoreRanking.topK(scores, 0));
    }

    @Test
    void givenNegativeZeroAndExtremes_whenRanked_thenFloatOrderIsKept() {
        float[] scores = {-0.0f, 0.0f, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE};
        assertArrayEquals(new int[] {5, 3, 0, 1, 4, 2}, ScoreRanking.topK(scores, 6));
    }

    @Test
    void givenRandomScoresWithManyTies_whenRanked_thenEqualToAFullStableSort() {
        Random random = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(500);
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(20) / 4f - 2f; // few distinct values: many ties
            }
            int k = random.nextInt(n + 1);
            int[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, ScoreRanking.topK(scores, k), "n=" + n + " k=" + k);
        }
    }

    @Test
    void givenIdsAndScores_whenSelected_thenIdsAndScoresComeBackBestFirst() {
        Selection s = ScoreRanking.selectTop("x", new long[] {10, 20, 30}, new float[] {0.1f, 0.7f, 0.4f}, 2);
        assertArrayEquals(new long[] {20, 30}, s.ids());
        assertArrayEquals(new float[] {0.7f, 0.4f}, s.scores());
    }

    @Test
    void givenBadBudgetsOrScores_thenClearMessages() {
        long[] ids = {1, 2, 3};
        float[] scores = {1, 2, 3};
        assertEquals("Budget 0 for strategy 'x' must be > 0.",
                assertThrows(IllegalArgumentException.class, () -> ScoreRanking.selectTop("x", ids, scores, 0)).getMessage());
        assertEquals("Budget 4 for strategy 'x' is larger than the 3 unlabeled items left in the pool; lower the budget or "
                        + "the number of rounds.",
                assertThrows(IllegalArgumentException.class, () -> ScoreRanking.selectTop("x", ids, scores, 4)).getMessage());
        float[] bad = {1, Float.NaN, Float.POSITIVE_INFINITY};
        String m = assertThrows(IllegalArgumentException.class, () -> ScoreRanking.selectTop("x", ids, bad, 1)).getMessage();
        assertTrue(m.contains("2 of 3 scores are NaN or infinite (first at row 1"), m);
        assertTrue(Arrays.equals(new int[] {2, 1, 0}, ScoreRanking.topK(scores, 3)));
    }
}
