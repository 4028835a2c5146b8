package dev.quarry.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;

import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.testing.SubsetData;

import org.junit.jupiter.api.Test;

/** The step minimum: more epochs where the labeled set is small, and fingerprints of older runs kept. */
class TrainingOptionsTest {

    @Test
    void givenAStepMinimum_thenSmallLabeledSetsTrainMoreEpochsAndLargeOnesTheirEpochs() {
        TrainingOptions options = new TrainingOptions(10, 32, 1e-3f, false, 500);
        assertEquals(125, options.epochsFor(100), "100 labels make 4 batches: 500 steps need 125 epochs");
        assertEquals(15, options.epochsFor(1_100), "35 batches: 15 epochs make 525 steps");
        assertEquals(10, options.epochsFor(5_000), "157 batches: 10 epochs are already 1 570 steps");
        assertEquals(10, TrainingOptions.DEFAULTS.epochsFor(100), "no minimum: epochs alone");
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(10, 32, 1e-3f, false, -1));
    }

    @Test
    void givenNoStepMinimum_thenTheTextInRunFingerprintsIsTheOneOlderRunsRecorded() {
        assertEquals("TrainingOptions[epochs=10, batchSize=32, learningRate=0.001, warmStart=false]",
                TrainingOptions.DEFAULTS.toString());
        assertEquals("TrainingOptions[epochs=10, batchSize=32, learningRate=0.001, warmStart=false, minSteps=500]",
                new TrainingOptions(10, 32, 1e-3f, false, 500).toString());
    }

    @Test
    void givenAStepMinimum_whenAModelTrains_thenItTakesAtLeastThatManySteps() {
        ExperimentData data = SubsetData.small();
        long[] ids = CnnClassifierTest.ids(0, 100);
        try (CnnClassifier model = CnnClassifier.forPool(data.pool(), CnnOptions.DEFAULTS,
                new TrainingOptions(1, 32, 1e-3f, false, 10), InferenceOptions.CPU_DEFAULTS, Device.cpu())) {
            FitReport report = model.fit(data.pool(), ids, CnnClassifierTest.labels(data.pool(), ids), 3);
            assertEquals(3, report.epochs(), "4 batches per epoch: 3 epochs for 10 steps");
            assertEquals(12, report.steps());
        }
    }
}
