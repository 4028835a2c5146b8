package dev.quarry.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class KeyedMasksTest {

    private static final int UNITS = 4_000;
    private static final float RATE = 0.3f;

    @Test
    void givenOneItem_thenItsMasksAreTheSameAloneOrInAnyChunkAndInEitherLayout() {
        float[] inChunk = KeyedMasks.draw(7, 0, new long[] {3, 42, 9}, 5, -1, UNITS, RATE);
        float[] alone = KeyedMasks.draw(7, 0, new long[] {42}, 5, -1, UNITS, RATE);
        assertArrayEquals(alone, Arrays.copyOfRange(inChunk, 5 * UNITS, 10 * UNITS));
        for (int t = 0; t < 5; t++) {
            float[] pass = KeyedMasks.draw(7, 0, new long[] {42}, 5, t, UNITS, RATE);
            assertArrayEquals(Arrays.copyOfRange(alone, t * UNITS, (t + 1) * UNITS), pass, "pass " + t);
        }
    }

    @Test
    void givenMasks_thenTheyKeepOneMinusTheRateScaledToMeanOneAndDifferByKeyPassBlockAndSeed() {
        float[] m = KeyedMasks.draw(1, 0, new long[] {0, 1}, 2, -1, UNITS, RATE);
        double kept = 0;
        double sum = 0;
        for (float v : m) {
            kept += v > 0 ? 1 : 0;
            sum += v;
            assertFalse(v != 0f && Math.abs(v - 1f / (1f - RATE)) > 1e-6f, "a mask value is 0 or 1 / (1 - rate)");
        }
        // 16 000 Bernoulli(0.7) draws: the kept share is within 4 standard deviations (0.0036 each) of 0.7.
        assertEquals(1 - RATE, kept / m.length, 0.015);
        assertEquals(1.0, sum / m.length, 0.03);
        float[] item0pass0 = Arrays.copyOfRange(m, 0, UNITS);
        assertFalse(Arrays.equals(item0pass0, Arrays.copyOfRange(m, UNITS, 2 * UNITS)), "another pass");
        assertFalse(Arrays.equals(item0pass0, Arrays.copyOfRange(m, 2 * UNITS, 3 * UNITS)), "another item");
        assertFalse(Arrays.equals(item0pass0, KeyedMasks.draw(1, 1, new long[] {0}, 2, 0, UNITS, RATE)), "another block");
        assertFalse(Arrays.equals(item0pass0, KeyedMasks.draw(2, 0, new long[] {0}, 2, 0, UNITS, RATE)), "another seed");
    }
}
