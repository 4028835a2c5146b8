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
import dev.quarry.engine.metrics.ClassificationMetrics;
import dev.quarry.engine.testing.SubsetData;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture mc_cnn.pt was exported by export_mc_cnn.py (beside it) with Debian's torch 1.13. */
class TorchScriptClassifierTest {

    private static ExperimentData data;
    private static Path file;
    private static TorchScriptClassifier trained;
    private static long[] train;
    private static int[] labels;
    private static long[] probe;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws URISyntaxException, NoSuchFileException {
        data = SubsetData.small();
        file = Path.of(TorchScriptClassifierTest.class.getResource("/torchscript/mc_cnn.pt").toURI());
        train = CnnClassifierTest.ids(0, 300);
        labels = CnnClassifierTest.labels(data.pool(), train);
        probe = CnnClassifierTest.ids(300, 364);
        trained = newModel(new TrainingOptions(4, 32, 2e-3f, false));
        trained.fit(data.pool(), train, labels, 3);
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    static TorchScriptClassifier newModel(TrainingOptions training) throws NoSuchFileException {
        return TorchScriptClassifier.forPool(file, data.pool(), training, InferenceOptions.CPU_DEFAULTS, Device.cpu());
    }

    @Test
    void givenTheExportedModule_whenTrainedByDjl_thenItLearnsAndHonoursTheOutputContract() {
        try (NDManager m = NDManager.newBaseManager()) {
            long[] test = CnnClassifierTest.ids(0, data.test().orElseThrow().size());
            NDArray p = trained.probabilities(data.test().orElseThrow(), test, m);
            assertEquals(new Shape(test.length, 10), p.getShape());
            double accuracy = ClassificationMetrics.of(p.toFloatArray(), 10, data.test().orElseThrow().labels()).accuracy();
            assertTrue(accuracy > 0.5, "accuracy after 4 epochs on 300 images: " + accuracy);
            assertEquals(new Shape(64, 32), trained.embeddings(data.pool(), probe, m).getShape());
        }
    }

    @Test
    void givenSetMc_thenPassesDifferWhileBatchNormStaysInEvalMode() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] before = trained.probabilities(data.pool(), probe, m).toFloatArray();
            NDArray mc = trained.mcProbabilities(data.pool(), probe, new McSpec(6, McScope.FULL, false), 2, m);
            assertEquals(new Shape(64, 6, 10), mc.getShape());
            assertTrue(mc.get(":, 0, :").sub(mc.get(":, 1, :")).abs().max().getFloat() > 1e-3f);
            assertArrayEquals(mc.toFloatArray(),
                    trained.mcProbabilities(data.pool(), probe, new McSpec(6, McScope.FULL, false), 2, m).toFloatArray(),
                    "the seed fixes the masks");
            assertArrayEquals(before, trained.probabilities(data.pool(), probe, m).toFloatArray(),
                    "MC inference leaves the module deterministic and BatchNorm's statistics unchanged");
        }
    }

    @Test
    void givenTheSameSeed_whenTrainedTwice_thenIdentical_andSavedWeightsReloadExactly() throws IOException {
        try (TorchScriptClassifier again = newModel(new TrainingOptions(4, 32, 2e-3f, false));
                TorchScriptClassifier loaded = newModel(TrainingOptions.DEFAULTS);
                NDManager m = NDManager.newBaseManager()) {
            again.fit(data.pool(), train, labels, 3);
            float[] expected = trained.probabilities(data.pool(), probe, m).toFloatArray();
            assertArrayEquals(expected, again.probabilities(data.pool(), probe, m).toFloatArray());
            trained.save(dir);
            loaded.load(dir);
            assertArrayEquals(expected, loaded.probabilities(data.pool(), probe, m).toFloatArray());
        }
    }

    @Test
    void givenWhatTheModuleCannotDo_thenTheMessageSaysWhatToUseInstead() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> trained.mcProbabilities(data.pool(), probe,
                    new McSpec(4, McScope.HEAD, false), 1, m)).getMessage().contains("use mcScope=full"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> trained.mcProbabilities(data.pool(), probe,
                    new McSpec(4, McScope.FULL, true), 1, m)).getMessage().contains("Build the network as a BlockClassifier"));
        }
    }

    @Test
    void givenAMissingOrForeignFile_thenClearErrors() throws IOException {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> TorchScriptClassifier.forPool(dir.resolve("absent.pt"), data.pool(), TrainingOptions.DEFAULTS,
                        InferenceOptions.CPU_DEFAULTS, Device.cpu()));
        assertEquals("TorchScript file not found", missing.getReason());
        Path text = dir.resolve("notes.pt");
        Files.writeString(text, "not a module");
        try (TorchScriptClassifier foreign = TorchScriptClassifier.forPool(text, data.pool(), TrainingOptions.DEFAULTS,
                InferenceOptions.CPU_DEFAULTS, Device.cpu())) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> foreign.fit(data.pool(), train, labels, 1));
            assertTrue(e.getMessage().contains("notes.pt"), e.getMessage());
        }
        assertFalse(Arrays.equals(new long[0], probe));
    }
}
