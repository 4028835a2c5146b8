package dev.quarry.engine.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LabelLedgerTest {

    @Test
    void givenLabelsInTwoRounds_thenBookkeepingRecordsRoundAndLabel() {
        LabelLedger ledger = new LabelLedger(6, 3);
        ledger.addLabels(new long[] {4, 1}, new int[] {2, 0}, 1);
        ledger.addLabels(new long[] {5}, new int[] {1}, 2);
        assertArrayEquals(new int[] {0, 1, 0, 0, 1, 2}, ledger.labeledAtRound());
        assertArrayEquals(new long[] {1, 4, 5}, ledger.labeledIds());
        assertArrayEquals(new long[] {0, 2, 3}, ledger.unlabeledIds());
        assertArrayEquals(new int[] {2, 0, 1}, ledger.labelsOf(new long[] {4, 1, 5}));
        assertEquals(3, ledger.labeledCount());
        assertEquals(2, ledger.roundOf(5));
    }

    @Test
    void givenBadLabelings_thenNothingIsRecordedAndTheMessageSaysWhy() {
        LabelLedger ledger = new LabelLedger(4, 2);
        ledger.addLabels(new long[] {0}, new int[] {1}, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ledger.addLabels(new long[] {2, 0}, new int[] {0, 0}, 2))
                .getMessage().contains("Item 0 is already labeled (round 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ledger.addLabels(new long[] {2, 2}, new int[] {0, 0}, 2))
                .getMessage().contains("appears twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ledger.addLabels(new long[] {9}, new int[] {0}, 2))
                .getMessage().contains("outside the pool [0, 4)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ledger.addLabels(new long[] {2, 3}, new int[] {0, 2}, 2))
                .getMessage().contains("Label 2 for item 3 is outside [0, 2)"));
        assertThrows(IllegalArgumentException.class, () -> ledger.addLabels(new long[] {2}, new int[] {0}, 0));
        assertEquals(1, ledger.labeledCount(), "failed labelings change nothing");
        assertThrows(IllegalArgumentException.class, () -> new LabelLedger(0, 2));
    }

    @Test
    void givenASnapshot_whenRestored_thenTheLedgerIsTheSameInTheSameOrder() {
        LabelLedger ledger = new LabelLedger(10, 3);
        ledger.addLabels(new long[] {7, 2}, new int[] {1, 0}, 1);
        ledger.addLabels(new long[] {5}, new int[] {2}, 2);
        LabelLedger.Snapshot snapshot = ledger.snapshot();
        assertArrayEquals(new long[] {7, 2, 5}, snapshot.ids());
        assertArrayEquals(new int[] {1, 0, 2}, snapshot.labels());
        assertArrayEquals(new int[] {1, 1, 2}, snapshot.rounds());
        LabelLedger restored = new LabelLedger(10, 3);
        restored.restore(snapshot);
        assertArrayEquals(ledger.labeledAtRound(), restored.labeledAtRound());
        assertArrayEquals(new int[] {0, 2}, restored.labelsOf(new long[] {2, 5}));
        assertArrayEquals(snapshot.ids(), restored.snapshot().ids(), "the order received survives");
        assertThrows(IllegalStateException.class, () -> restored.restore(snapshot));
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
