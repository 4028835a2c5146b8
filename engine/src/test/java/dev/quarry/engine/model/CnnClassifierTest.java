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
import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.testing.SubsetData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CnnClassifierTest {

    private static final CnnOptions SMALL = new CnnOptions(8, 16, 32, 0.5f);
    private static ExperimentData data;
    private static long[] trainIds;
    private static int[] trainLabels;
    private static long[] probeIds;
    private static CnnClassifier trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        data = SubsetData.small();
        trainIds = ids(0, 200);
        trainLabels = labels(data.pool(), trainIds);
        probeIds = ids(200, 264);
        trained = newModel(new TrainingOptions(3, 32, 1e-3f, false), InferenceOptions.CPU_DEFAULTS);
        trained.fit(data.pool(), trainIds, trainLabels, 11);
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    static CnnClassifier newModel(TrainingOptions training, InferenceOptions inference) {
        return CnnClassifier.forPool(data.pool(), SMALL, training, inference, Device.cpu());
    }

    static McSpec full(int samples) {
        return new McSpec(samples, McScope.FULL, false);
    }

    static long[] ids(int from, int to) {
        long[] ids = new long[to - from];
        Arrays.setAll(ids, i -> from + i);
        return ids;
    }

    static int[] labels(ArrayDataset d, long[] ids) {
        int[] all = d.labels();
        return Arrays.stream(ids).mapToInt(i -> all[(int) i]).toArray();
    }

    @Test
    void givenATrainedModel_thenOutputsHaveTheContractShapesAndProbabilitiesSumToOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = trained.probabilities(data.pool(), probeIds, m);
            assertEquals(new Shape(64, 10), p.getShape());
            float[] sums = p.sum(new int[] {1}).toFloatArray();
            for (float s : sums) {
                assertEquals(1f, s, 1e-5f);
            }
            assertEquals(new Shape(64, 5, 10), trained.mcProbabilities(data.pool(), probeIds, full(5), 1, m).getShape());
            assertEquals(new Shape(64, 32), trained.embeddings(data.pool(), probeIds, m).getShape());
        }
    }

    @Test
    void givenEachInferencePath_thenOnlyItsResultIsLeftInTheCallersManager() throws IOException {
        try (CnnClassifier loop = newModel(TrainingOptions.DEFAULTS, InferenceOptions.CPU_DEFAULTS.withMcMode(McMode.LOOP))) {
            trained.save(dir);
            loop.load(dir);
            long[] many = ids(0, 300); // several chunks
            for (java.util.function.Function<NDManager, NDArray> call : java.util.List.<java.util.function.Function<NDManager, NDArray>>of(
                    m -> trained.probabilities(data.pool(), many, m),
                    m -> trained.mcProbabilities(data.pool(), many, full(6), 1, m),
                    m -> trained.mcProbabilities(data.pool(), many, new McSpec(6, McScope.HEAD, true), 1, m),
                    m -> loop.mcProbabilities(data.pool(), many, full(6), 1, m),
                    m -> trained.embeddings(data.pool(), many, m))) {
                try (NDManager m = NDManager.newBaseManager()) {
                    NDArray result = call.apply(m);
                    assertEquals(java.util.List.of(result), m.getManagedArrays(), "chunk temporaries must not survive");
                }
            }
        }
    }

    @Test
    void givenTheSameSeed_whenTrainedTwice_thenIdenticalProbabilities() {
        try (CnnClassifier again = newModel(new TrainingOptions(3, 32, 1e-3f, false), InferenceOptions.CPU_DEFAULTS);
                NDManager m = NDManager.newBaseManager()) {
            again.fit(data.pool(), trainIds, trainLabels, 11);
            assertArrayEquals(trained.probabilities(data.pool(), probeIds, m).toFloatArray(),
                    again.probabilities(data.pool(), probeIds, m).toFloatArray());
            again.fit(data.pool(), trainIds, trainLabels, 12);
            assertFalse(Arrays.equals(trained.probabilities(data.pool(), probeIds, m).toFloatArray(),
                    again.probabilities(data.pool(), probeIds, m).toFloatArray()), "another seed, another model");
        }
    }

    @Test
    void givenMcInference_thenPassesDifferButBatchNormStatisticsAndDeterministicOutputsDoNot() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] before = trained.probabilities(data.pool(), probeIds, m).toFloatArray();
            NDArray mc = trained.mcProbabilities(data.pool(), probeIds, full(8), 3, m);
            NDArray first = mc.get(":, 0, :");
            NDArray second = mc.get(":, 1, :");
            assertTrue(first.sub(second).abs().max().getFloat() > 1e-3f, "dropout masks differ between passes");
            // MC inference leaves BatchNorm's running statistics alone: deterministic outputs are unchanged.
            assertArrayEquals(before, trained.probabilities(data.pool(), probeIds, m).toFloatArray());
            // The same MC seed reproduces the same passes.
            assertArrayEquals(mc.toFloatArray(), trained.mcProbabilities(data.pool(), probeIds, full(8), 3, m).toFloatArray());
        }
    }

    @Test
    void givenReplicatedAndLoopedMc_thenEveryItemGetsTheSamePasses() throws IOException {
        try (CnnClassifier replicate = newModel(TrainingOptions.DEFAULTS, InferenceOptions.CPU_DEFAULTS.withMcMode(McMode.REPLICATE));
                CnnClassifier loop = newModel(TrainingOptions.DEFAULTS, InferenceOptions.CPU_DEFAULTS.withMcMode(McMode.LOOP));
                NDManager m = NDManager.newBaseManager()) {
            trained.save(dir);
            replicate.load(dir);
            loop.load(dir);
            NDArray a = replicate.mcProbabilities(data.pool(), probeIds, full(20), 5, m);
            NDArray b = loop.mcProbabilities(data.pool(), probeIds, full(20), 5, m);
            // Masks keyed by (seed, item, pass) are the same whether the passes run at once or one by one.
            float worst = a.sub(b).abs().max().getFloat();
            assertTrue(worst < 1e-5f, "largest difference of MC passes " + worst);
        }
    }

    @Test
    void givenHeadOnlyMc_thenItsPredictiveDistributionMatchesFullNetworkMc() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray full = trained.mcProbabilities(data.pool(), probeIds, full(200), 5, m).mean(new int[] {1});
            NDArray head = trained.mcProbabilities(data.pool(), probeIds, new McSpec(200, McScope.HEAD, false), 6, m)
                    .mean(new int[] {1});
            float worst = full.sub(head).abs().max().getFloat();
            assertTrue(worst < 0.08f, "largest difference of MC means " + worst);
        }
    }

    @Test
    void givenConsistentMasks_thenEveryItemSeesTheSameTMasksAndHeadEqualsFull() {
        try (NDManager m = NDManager.newBaseManager()) {
            long[] twins = {7, 7, 9};
            NDArray consistent = trained.mcProbabilities(data.pool(), twins, new McSpec(6, McScope.FULL, true), 4, m);
            // Two copies of one image get identical passes under shared masks...
            assertArrayEquals(consistent.get("0").toFloatArray(), consistent.get("1").toFloatArray());
            NDArray independent = trained.mcProbabilities(data.pool(), twins, full(6), 4, m);
            // ...and independent masks are each item's own: drawn from its key, whatever its batch.
            assertTrue(independent.get("2, 0").sub(independent.get("2, 1")).abs().max().getFloat() > 1e-4f);
            NDArray alone = trained.mcProbabilities(data.pool(), new long[] {9}, full(6), 4, m);
            assertTrue(alone.get("0").sub(independent.get("2")).abs().max().getFloat() < 1e-6f);
            NDArray headIndependent = trained.mcProbabilities(data.pool(), twins, new McSpec(6, McScope.HEAD, false), 4, m);
            assertTrue(independent.sub(headIndependent).abs().max().getFloat() < 1e-5f,
                    "the CNN's only dropout is in its head, so head-only MC draws the full network's masks");
            // The same seed draws the same masks, so head-only MC equals full-network MC exactly (up to float rounding).
            NDArray head = trained.mcProbabilities(data.pool(), twins, new McSpec(6, McScope.HEAD, true), 4, m);
            assertTrue(consistent.sub(head).abs().max().getFloat() < 1e-5f);
            assertTrue(consistent.get(":, 0, :").sub(consistent.get(":, 1, :")).abs().max().getFloat() > 1e-4f,
                    "the T masks differ from each other");
        }
    }

    @Test
    void givenSavedWeights_whenLoadedIntoANewModel_thenIdenticalOutputs() throws IOException {
        try (CnnClassifier loaded = newModel(TrainingOptions.DEFAULTS, InferenceOptions.CPU_DEFAULTS);
                NDManager m = NDManager.newBaseManager()) {
            trained.save(dir);
            loaded.load(dir);
            assertArrayEquals(trained.probabilities(data.pool(), probeIds, m).toFloatArray(),
                    loaded.probabilities(data.pool(), probeIds, m).toFloatArray());
        }
    }

    @Test
    void givenWarmStart_whenFitAgain_thenTrainingContinuesFromTheCurrentWeights() {
        try (CnnClassifier warm = newModel(new TrainingOptions(1, 32, 1e-3f, true), InferenceOptions.CPU_DEFAULTS);
                CnnClassifier cold = newModel(new TrainingOptions(1, 32, 1e-3f, false), InferenceOptions.CPU_DEFAULTS);
                NDManager m = NDManager.newBaseManager()) {
            warm.fit(data.pool(), trainIds, trainLabels, 1);
            cold.fit(data.pool(), trainIds, trainLabels, 1);
            assertArrayEquals(warm.probabilities(data.pool(), probeIds, m).toFloatArray(),
                    cold.probabilities(data.pool(), probeIds, m).toFloatArray());
            warm.fit(data.pool(), trainIds, trainLabels, 2);
            cold.fit(data.pool(), trainIds, trainLabels, 2);
            assertFalse(Arrays.equals(warm.probabilities(data.pool(), probeIds, m).toFloatArray(),
                    cold.probabilities(data.pool(), probeIds, m).toFloatArray()));
            assertTrue(warm.isWarmStarted());
        }
    }

    @Test
    void givenAHugeLearningRate_whenTraining_thenDivergenceIsReportedWithWhatToDo() {
        try (CnnClassifier wild = newModel(new TrainingOptions(3, 32, 1e12f, false), InferenceOptions.CPU_DEFAULTS)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> wild.fit(data.pool(), trainIds, trainLabels, 1));
            assertTrue(e.getMessage().startsWith("Training diverged: the loss is"), e.getMessage());
            assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
        }
    }

    @Test
    void givenInvalidCalls_thenClearErrors() {
        try (CnnClassifier fresh = newModel(TrainingOptions.DEFAULTS, InferenceOptions.CPU_DEFAULTS);
                NDManager m = NDManager.newBaseManager()) {
            assertTrue(assertThrows(IllegalStateException.class, () -> fresh.probabilities(data.pool(), probeIds, m))
                    .getMessage().contains("not been trained"));
            assertThrows(IllegalArgumentException.class, () -> fresh.fit(data.pool(), new long[] {1}, new int[] {10}, 1));
            assertThrows(IllegalArgumentException.class, () -> fresh.fit(data.pool(), new long[0], new int[0], 1));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> trained.probabilities(data.pool(), new long[] {600}, m)).getMessage().contains("outside"));
        }
        assertThrows(IllegalArgumentException.class, () -> new CnnOptions(8, 8, 8, 1f));
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(1, 1, Float.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> new InferenceOptions(0, 1, McMode.AUTO));
    }
}
