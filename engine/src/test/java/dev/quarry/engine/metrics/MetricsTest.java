package dev.quarry.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void givenHandComputedPredictions_thenAccuracyNllAndEceMatch() {
        // Item 0: confident and right (0.9); item 1: right at 0.6; item 2: wrong at 0.7; item 3: right at 0.95.
        float[] p = {
            0.9f, 0.1f,
            0.4f, 0.6f,
            0.7f, 0.3f,
            0.05f, 0.95f,
        };
        int[] truth = {0, 1, 1, 1};
        ClassificationMetrics m = ClassificationMetrics.of(p, 2, truth);
        assertEquals(0.75, m.accuracy(), 1e-12);
        double nll = -(Math.log(0.9f) + Math.log(0.6f) + Math.log(0.3f) + Math.log(0.95f)) / 4;
        assertEquals(nll, m.nll(), 1e-9);
        // Bins of width 1/15: 0.6f (just above 0.6) -> bin 9, 0.7 -> bin 10, 0.9 -> bin 13, 0.95 -> bin 14.
        // Each bin holds one item: ECE = (|1-0.9| + |1-0.6| + |0-0.7| + |1-0.95|) / 4.
        double ece = (Math.abs(1 - 0.9f) + Math.abs(1 - 0.6f) + Math.abs(0 - 0.7f) + Math.abs(1 - 0.95f)) / 4;
        assertEquals(ece, m.ece(), 1e-7);
    }

    @Test
    void givenItemsSharingABin_thenEceUsesTheBinAverages() {
        // Both confidences (0.81, 0.85) fall in bin 12, (0.8, 0.867]; item 0 is right, item 1 wrong.
        float[] p = {0.81f, 0.19f, 0.85f, 0.15f};
        ClassificationMetrics m = ClassificationMetrics.of(p, 2, new int[] {0, 1});
        // One bin: accuracy 0.5, mean confidence 0.83 -> |0.5 - 0.83| = 0.33.
        assertEquals(Math.abs(0.5 - (0.81f + 0.85f) / 2), m.ece(), 1e-7);
        assertEquals(0.5, m.accuracy());
    }

    @Test
    void givenAProbabilityOfZeroForTheTruth_thenNllIsFiniteAtTheFloor() {
        ClassificationMetrics m = ClassificationMetrics.of(new float[] {1f, 0f}, 2, new int[] {1});
        assertEquals(-Math.log(ClassificationMetrics.PROBABILITY_FLOOR), m.nll(), 1e-9);
    }

    @Test
    void givenBadInputs_thenRejected() {
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new float[3], 2, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new float[] {Float.NaN, 1}, 2, new int[] {0}));
    }

    @Test
    void givenAConstantAccuracy_thenAubcIsThatAccuracyWhateverTheSteps() {
        assertEquals(0.7, Aubc.of(new double[] {10, 20, 50, 300}, new double[] {0.7, 0.7, 0.7, 0.7}), 1e-12);
        assertEquals(0.42, Aubc.of(new double[] {100}, new double[] {0.42}), 0);
    }

    @Test
    void givenAHandComputedCurve_thenTheTrapezoidRuleNormalizedBySpan() {
        // Segments: [100,200] mean 0.55 × 100 = 55; [200,400] mean 0.7 × 200 = 140; span 300 -> 195 / 300 = 0.65.
        assertEquals(0.65, Aubc.of(new double[] {100, 200, 400}, new double[] {0.5, 0.6, 0.8}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Aubc.of(new double[] {1, 1}, new double[] {0.5, 0.6}));
        assertThrows(IllegalArgumentException.class, () -> Aubc.of(new double[0], new double[0]));
    }
}
