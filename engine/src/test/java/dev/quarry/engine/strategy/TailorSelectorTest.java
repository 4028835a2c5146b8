package dev.quarry.engine.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.errors.InvalidInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** TAILOR's bandit: Beta draws, the posterior read back from history, the fill rule, the refusals. */
class TailorSelectorTest {

    private static final QueryStrategy LEAST_MAX = QueryStrategy.topK(
            Scorer.of("least-max", Input.probabilities(), p -> p.max(new int[] {1}).neg()));
    private static final QueryStrategy RANDOM = QueryStrategy.of("random", new RandomSelector());

    @Test
    void givenBetaAndGammaShapes_thenTheDrawsHaveTheirMeansAndVariances() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 40_000;
        double sum = 0;
        double sumSq = 0;
        double gammaSum = 0;
        for (int i = 0; i < n; i++) {
            double x = BetaSampling.draw(2, 5, random);
            assertTrue(x >= 0 && x <= 1);
            sum += x;
            sumSq += x * x;
            gammaSum += BetaSampling.gamma(0.5, random);
        }
        double mean = sum / n;
        assertEquals(2.0 / 7, mean, 0.005);
        assertEquals(10.0 / (49 * 8), sumSq / n - mean * mean, 0.001, "ab / ((a+b)^2 (a+b+1))");
        assertEquals(0.5, gammaSum / n, 0.015, "Gamma(0.5, 1) has mean 0.5");
    }

    @Test
    void givenAnArmThatFoundTheRareClass_thenItGetsMostSlotsAndEachPickSaysItsArm() {
        // Classes 0 and 1 have 50 labels each, class 2 has 6: the 5 that arm 1 found last round and one more.
        long[] labeled = new long[106];
        int[] labels = new int[106];
        for (int i = 0; i < 106; i++) {
            labeled[i] = i;
            labels[i] = i < 50 ? 0 : i < 100 ? 1 : 2;
        }
        Selection lastRound = new Selection(new long[] {40, 41, 42, 43, 44, 101, 102, 103, 104, 105},
                new float[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
        SelectionHistory history = new SelectionHistory(List.of(lastRound), labeled, labels, 3);
        TailorSelector tailor = new TailorSelector(List.of(LEAST_MAX, RANDOM), 1);
        Selection arm0 = Selection.of(LongRange.of(200, 220));
        Selection arm1 = Selection.of(LongRange.of(300, 320));
        Selection picked = tailor.combine(List.of(arm0, arm1), history, 20, new SplittableRandom(7));
        long toArm1 = 0;
        for (int j = 0; j < 20; j++) {
            int arm = (int) picked.scores()[j];
            toArm1 += arm;
            assertTrue(arm == 0 ? picked.ids()[j] < 300 : picked.ids()[j] >= 300, "pick " + j + " comes from arm " + arm);
        }
        // Arm 1's class-2 posterior is Beta(6, 1) and class 2 weighs 1/6 against 1/50: it wins nearly every draw.
        assertTrue(toArm1 >= 18, "slots for the arm that finds the rare class: " + toArm1);
        assertEquals(picked, tailor.combine(List.of(arm0, arm1), history, 20, new SplittableRandom(7)), "same seed");
    }

    @Test
    void givenOverlappingBatches_thenAnArmSkipsItemsAnotherSlotTookAndEveryIdIsPickedOnce() {
        TailorSelector tailor = new TailorSelector(List.of(LEAST_MAX, RANDOM), 1);
        SelectionHistory empty = new SelectionHistory(List.of(), new long[] {0, 1}, new int[] {0, 1}, 2);
        Selection a = Selection.of(10, 11, 12, 13, 14, 15);
        Selection b = Selection.of(11, 10, 16, 17, 12, 18);
        Selection picked = tailor.combine(List.of(a, b), empty, 6, new SplittableRandom(3));
        assertEquals(6, Arrays.stream(picked.ids()).distinct().count());
        int[] next = new int[2];
        List<long[]> lists = List.of(a.ids(), b.ids());
        java.util.Set<Long> taken = new java.util.HashSet<>();
        for (int j = 0; j < 6; j++) {
            int arm = (int) picked.scores()[j];
            long[] own = lists.get(arm);
            while (taken.contains(own[next[arm]])) {
                next[arm]++;
            }
            assertEquals(own[next[arm]], picked.ids()[j], "slot " + j + ": the arm's next item nobody took");
            taken.add(own[next[arm]]);
        }
        long armsUsed = Arrays.stream(new int[] {0, 1}).filter(arm -> {
            for (float s : picked.scores()) {
                if ((int) s == arm) {
                    return true;
                }
            }
            return false;
        }).count();
        assertEquals(2, armsUsed, "with a flat prior both arms get slots (seed 3)");
    }

    @Test
    void givenBadCandidatesOrOfflineUse_thenEachIsRefusedSayingWhy() {
        assertThrows(IllegalArgumentException.class, () -> new TailorSelector(List.of(RANDOM), 1));
        assertThrows(IllegalArgumentException.class, () -> new TailorSelector(List.of(RANDOM, RANDOM), 1));
        assertThrows(IllegalArgumentException.class, () -> new TailorSelector(List.of(RANDOM, LEAST_MAX), 0));
        InvalidInputException one = assertThrows(InvalidInputException.class,
                () -> Strategies.get("tailor", Map.of("candidates", "random")));
        assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
        InvalidInputException self = assertThrows(InvalidInputException.class,
                () -> Strategies.get("tailor", Map.of("candidates", "random,tailor")));
        assertTrue(self.getMessage().contains("tailor itself"), self.getMessage());
        InvalidInputException stray = assertThrows(InvalidInputException.class,
                () -> Strategies.get("tailor", Map.of("candidates", "random,random2", "candidates.margin.x", "1")));
        assertTrue(stray.getMessage().contains("Unknown strategy") || stray.getMessage().contains("random2"),
                stray.getMessage());
        InvalidInputException offline = assertThrows(InvalidInputException.class,
                () -> new TailorSelector(List.of(LEAST_MAX, RANDOM), 1).select(null, 1));
        assertTrue(offline.getMessage().contains("quarry run or compare"), offline.getMessage());
        assertArrayEquals(new double[] {1, 0.5, 0.1}, TailorSelector.diversityWeights(new int[] {0, 2, 10}), 1e-12);
    }

    /** Consecutive ids. */
    private static final class LongRange {
        static long[] of(long from, long to) {
            long[] ids = new long[(int) (to - from)];
            Arrays.setAll(ids, i -> from + i);
            return ids;
        }
    }
}
