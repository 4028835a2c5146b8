package dev.quarry.engine.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PoolTest {

    @Test
    void givenLabelsInTwoRounds_thenBookkeepingRecordsRoundAndLabel() {
        Pool pool = new Pool(6, 3);
        pool.addLabels(new long[] {4, 1}, new int[] {2, 0}, 1);
        pool.addLabels(new long[] {5}, new int[] {1}, 2);
        assertArrayEquals(new int[] {0, 1, 0, 0, 1, 2}, pool.labeledAtRound());
        assertArrayEquals(new long[] {1, 4, 5}, pool.labeledIds());
        assertArrayEquals(new long[] {0, 2, 3}, pool.unlabeledIds());
        assertArrayEquals(new int[] {2, 0, 1}, pool.labelsOf(new long[] {4, 1, 5}));
        assertEquals(3, pool.labeledCount());
        assertEquals(2, pool.roundOf(5));
    }

    @Test
    void givenBadLabelings_thenNothingIsRecordedAndTheMessageSaysWhy() {
        Pool pool = new Pool(4, 2);
        pool.addLabels(new long[] {0}, new int[] {1}, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pool.addLabels(new long[] {2, 0}, new int[] {0, 0}, 2))
                .getMessage().contains("Item 0 is already labeled (round 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pool.addLabels(new long[] {2, 2}, new int[] {0, 0}, 2))
                .getMessage().contains("appears twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pool.addLabels(new long[] {9}, new int[] {0}, 2))
                .getMessage().contains("outside the pool [0, 4)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> pool.addLabels(new long[] {2, 3}, new int[] {0, 2}, 2))
                .getMessage().contains("Label 2 for item 3 is outside [0, 2)"));
        assertThrows(IllegalArgumentException.class, () -> pool.addLabels(new long[] {2}, new int[] {0}, 0));
        assertEquals(1, pool.labeledCount(), "failed labelings change nothing");
        assertThrows(IllegalArgumentException.class, () -> new Pool(0, 2));
    }

    @Test
    void givenBalancedInitialSelection_thenEveryClassGetsItsShareAndTheSeedFixesTheDraw() {
        int[] truth = new int[300];
        Arrays.setAll(truth, i -> i % 3);
        long[] ids = InitialSelection.BALANCED.choose(31, 300, truth, 3, new SplittableRandom(5));
        int[] counts = new int[3];
        for (long id : ids) {
            counts[truth[(int) id]]++;
        }
        Arrays.sort(counts);
        assertArrayEquals(new int[] {10, 10, 11}, counts);
        assertArrayEquals(ids, InitialSelection.BALANCED.choose(31, 300, truth, 3, new SplittableRandom(5)));
        assertEquals(31, Arrays.stream(ids).distinct().count());
    }

    @Test
    void givenRandomInitialSelection_thenDistinctSortedAndSeeded() {
        long[] a = InitialSelection.RANDOM.choose(50, 100, null, 2, new SplittableRandom(1));
        assertEquals(50, Arrays.stream(a).distinct().count());
        long[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, a);
        assertArrayEquals(a, InitialSelection.RANDOM.choose(50, 100, null, 2, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> InitialSelection.RANDOM.choose(101, 100, null, 2, new SplittableRandom(1)));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> InitialSelection.BALANCED.choose(5, 100, null, 2, new SplittableRandom(1))).getMessage().contains("needs ground truth"));
    }
}
