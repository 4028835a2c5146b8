package dev.quarry.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.testing.SubsetData;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training that fits each round: augmentation against an independent crop-and-flip, early stopping
 * with the best epoch's weights kept, replay's step count and draws, the cosine schedule, and the
 * refusals.
 */
class RoundTrainingTest {

    private static final CnnOptions SMALL = new CnnOptions(8, 16, 32, 0.5f);
    private static ExperimentData data;

    @BeforeAll
    static void load() {
        data = SubsetData.small();
    }

    private static CnnClassifier model(TrainingOptions training) {
        return CnnClassifier.forPool(data.pool(), SMALL, training, InferenceOptions.CPU_DEFAULTS, Device.cpu());
    }

    @Test
    void givenPaddingAndFlips_whenABatchIsAugmented_thenEachItemIsItsOwnShiftedAndMirroredCrop() {
        int n = 6;
        int h = 5;
        int w = 4;
        float[] values = new float[n * 2 * h * w];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        Augmentation augmentation = new Augmentation(2, true);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray batch = m.create(values, new Shape(n, 2, h, w));
            float[] out = new BatchAugmenter(augmentation).apply(batch, new SplittableRandom(5)).toFloatArray();
            // The same draws, replayed in plain Java: offsets dy, dx in [0, 4], then the coin.
            SplittableRandom random = new SplittableRandom(5);
            int flips = 0;
            for (int i = 0; i < n; i++) {
                int dy = random.nextInt(5);
                int dx = random.nextInt(5);
                boolean flip = random.nextBoolean();
                flips += flip ? 1 : 0;
                for (int c = 0; c < 2; c++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int sx = flip ? w - 1 - x : x;
                            int py = y + dy - 2;
                            int px = sx + dx - 2;
                            float expected = py < 0 || py >= h || px < 0 || px >= w ? 0
                                    : values[((i * 2 + c) * h + py) * w + px];
                            assertEquals(expected, out[((i * 2 + c) * h + y) * w + x], 0f,
                                    "item " + i + " channel " + c + " at (" + y + ", " + x + ")");
                        }
                    }
                }
            }
            assertTrue(flips > 0 && flips < n, "seed 5 mirrors some items and not others: " + flips);
            assertThrows(IllegalArgumentException.class,
                    () -> new BatchAugmenter(augmentation).apply(m.ones(new Shape(3, 7)), new SplittableRandom(1)));
        }
    }

    @Test
    void givenAugmentation_whenTheSameRoundTrainsTwice_thenTheWeightsAreTheSameAndDifferFromUnaugmented() {
        long[] ids = CnnClassifierTest.ids(0, 96);
        int[] labels = CnnClassifierTest.labels(data.pool(), ids);
        long[] probe = CnnClassifierTest.ids(300, 340);
        TrainingOptions plain = new TrainingOptions(2, 32, 1e-3f, false);
        TrainingOptions augmented = plain.withAugmentation(new Augmentation(2, true));
        float[] a = probabilitiesAfterFit(augmented, ids, labels, probe);
        assertArrayEquals(a, probabilitiesAfterFit(augmented, ids, labels, probe), 0f);
        assertFalse(Arrays.equals(a, probabilitiesAfterFit(plain, ids, labels, probe)));
        float[] cosine = probabilitiesAfterFit(plain.withSchedule(LearningRateSchedule.COSINE), ids, labels, probe);
        assertArrayEquals(cosine, probabilitiesAfterFit(plain.withSchedule(LearningRateSchedule.COSINE), ids, labels,
                probe), 0f);
        assertFalse(Arrays.equals(cosine, probabilitiesAfterFit(plain, ids, labels, probe)));
    }

    private static float[] probabilitiesAfterFit(TrainingOptions options, long[] ids, int[] labels, long[] probe) {
        try (CnnClassifier model = model(options); NDManager m = NDManager.newBaseManager()) {
            model.fit(data.pool(), ids, labels, 17);
            return model.probabilities(data.pool(), probe, m).toFloatArray();
        }
    }

    @Test
    void givenEarlyStopping_whenTheHeldOutAccuracyStopsImproving_thenTrainingStopsAndKeepsTheBestEpoch() {
        long[] ids = CnnClassifierTest.ids(0, 200);
        int[] labels = CnnClassifierTest.labels(data.pool(), ids);
        TrainingOptions options = new TrainingOptions(60, 32, 1e-3f, false)
                .withEarlyStopping(new EarlyStopping(0.25, 2));
        TrainingRows rows = TrainingRows.of(options, labels, 10, ids, ids, false, 23);
        assertEquals(50, rows.heldOut().length);
        assertEquals(150, rows.plan().length);
        Set<Integer> held = new HashSet<>();
        Arrays.stream(rows.heldOut()).forEach(held::add);
        assertTrue(Arrays.stream(rows.plan()).noneMatch(held::contains), "held-out items are not trained on");
        int[] heldCounts = new int[10];
        int[] allCounts = new int[10];
        Arrays.stream(rows.heldOut()).forEach(p -> heldCounts[labels[p]]++);
        Arrays.stream(labels).forEach(l -> allCounts[l]++);
        for (int c = 0; c < 10; c++) {
            assertEquals(allCounts[c] / 4.0, heldCounts[c], 1.0, "class " + c + " keeps its share of the held-out slice");
        }
        try (CnnClassifier model = model(options); NDManager m = NDManager.newBaseManager()) {
            FitReport report = model.fit(data.pool(), ids, labels, 23);
            assertTrue(report.epochs() < 60, "stopped after " + report.epochs() + " of 60 epochs");
            long[] heldIds = Arrays.stream(rows.heldOut()).mapToLong(p -> ids[p]).toArray();
            float[] p = model.probabilities(data.pool(), heldIds, m).toFloatArray();
            int correct = 0;
            for (int i = 0; i < heldIds.length; i++) {
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    best = p[i * 10 + c] > p[i * 10 + best] ? c : best;
                }
                correct += best == labels[rows.heldOut()[i]] ? 1 : 0;
            }
            assertEquals(report.heldOutAccuracy(), (double) correct / heldIds.length, 1e-12,
                    "the kept weights are the best epoch's (" + report.keptEpoch() + " of " + report.epochs() + ")");
            assertEquals(report.epochs() - 2, report.keptEpoch(), "patience 2: two epochs after the best");
        }
    }

    @Test
    void givenBestEpochBookkeeping_thenItStopsAfterPatienceEpochsWithoutAStrictGain() {
        try (CnnClassifier model = model(TrainingOptions.DEFAULTS); BestEpoch best = new BestEpoch(true)) {
            model.fit(data.pool(), CnnClassifierTest.ids(0, 32), CnnClassifierTest.labels(data.pool(),
                    CnnClassifierTest.ids(0, 32)), 1);
            assertTrue(best.offer(1, 0.5, model.model, 2));
            assertTrue(best.offer(2, 0.7, model.model, 2));
            assertTrue(best.offer(3, 0.7, model.model, 2), "a tie is no gain, but one epoch is within patience");
            assertFalse(best.offer(4, 0.6, model.model, 2), "two epochs without a gain");
            assertEquals(2, best.bestEpoch());
        }
    }

    @Test
    void givenReplay_whenAWarmStartedRoundTrains_thenItsStepsFollowTheNewLabelsAndBatchesCarryOldOnes() {
        long[] ids = CnnClassifierTest.ids(0, 200);
        int[] labels = CnnClassifierTest.labels(data.pool(), ids);
        long[] newIds = CnnClassifierTest.ids(160, 200);
        TrainingOptions options = new TrainingOptions(2, 20, 1e-3f, true).withWarmStartReplay(new Replay(1));
        TrainingRows cold = TrainingRows.of(options, labels, 10, ids, newIds, false, 3);
        assertEquals(200, cold.plan().length, "the first round trains on everything");
        TrainingRows warm = TrainingRows.of(options, labels, 10, ids, newIds, true, 3);
        assertEquals(40, warm.plan().length);
        assertEquals(160, warm.replay().length);
        assertTrue(Arrays.stream(warm.plan()).allMatch(p -> ids[p] >= 160));
        assertEquals(20, options.replay().replayed(20, 160));
        assertEquals(4, new Replay(0.5).replayed(7, 160), "3.5 rounds up");
        assertEquals(5, new Replay(1).replayed(20, 5), "no more than there are");
        try (CnnClassifier model = model(options)) {
            FitReport first = model.fit(data.pool(), CnnClassifierTest.ids(0, 160),
                    CnnClassifierTest.labels(data.pool(), CnnClassifierTest.ids(0, 160)), CnnClassifierTest.ids(0, 160), 3);
            assertEquals(16, first.steps(), "160 items in batches of 20, 2 epochs");
            FitReport second = model.fit(data.pool(), ids, labels, newIds, 4);
            assertEquals(4, second.steps(), "40 new items in batches of 20, 2 epochs");
        }
    }

    @Test
    void givenInvalidOptions_thenEachIsRefusedSayingWhatToDo() {
        IllegalArgumentException replay = assertThrows(IllegalArgumentException.class,
                () -> new TrainingOptions(10, 32, 1e-3f, false, 0, Augmentation.NONE, LearningRateSchedule.CONSTANT,
                        EarlyStopping.OFF, new Replay(1)));
        assertTrue(replay.getMessage().contains("warm starts"), replay.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(-1, false));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0.5, 3));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Replay(-1));
        assertEquals("TrainingOptions[epochs=10, batchSize=32, learningRate=0.001, warmStart=true, "
                + "augmentation=Augmentation[padding=2, horizontalFlip=true], schedule=COSINE, "
                + "earlyStopping=EarlyStopping[holdout=0.1, patience=3], replay=Replay[ratio=1.0]]",
                TrainingOptions.DEFAULTS.withAugmentation(new Augmentation(2, true))
                        .withSchedule(LearningRateSchedule.COSINE).withEarlyStopping(new EarlyStopping(0.1, 3))
                        .withWarmStartReplay(new Replay(1)).toString());
    }
}
