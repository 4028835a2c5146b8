package dev.quarry.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void givenTiedScores_thenTheLowerPositionComesFirst() {
        assertArrayEquals(new int[] {1, 3, 0, 2}, ScoreRanking.topK(new float[] {0.5f, 0.7f, 0.5f, 0.7f}, 4));
        assertArrayEquals(new int[] {2, 1, 0}, ScoreRanking.topK(new float[] {1, 2, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> ScoreRanking.topK(new float[] {1, 2}, 3));
    }
}
