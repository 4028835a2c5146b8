package dev.quarry.cli;

import static dev.quarry.cli.CliTest.quarry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.NpyWriter;
import dev.quarry.engine.loop.CheckpointStore;
import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunState;
import dev.quarry.engine.model.CnnClassifier;
import dev.quarry.engine.model.CnnOptions;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.model.TrainingOptions;
import dev.quarry.engine.report.RunReport;
import dev.quarry.engine.testing.SubsetData;
import dev.quarry.runtime.NativeRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pools that are not images, end to end through {@code quarry run}: embeddings another model gives
 * Fashion-MNIST images and simulated RF footprints flattened to feature vectors, in {@code .npy}
 * (with and without a test set), and a CSV feature table with named classes. The learner is the MLP,
 * chosen from the items' shape.
 */
class VectorPoolRunTest {

    @TempDir
    static Path dir;

    private static Path withTest;
    private static Path withoutTest;
    private static Path embedded;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** rf-smap footprints, flattened: 5 classes (clean, 5g, pulsed, cw, chirp), 256 features. */
    @BeforeAll
    static void writeVectorPools() throws IOException {
        ExperimentData rf = new DatasetSpec("rf-smap", null, 600, 200, 1).load();
        withTest = dir.resolve("rf-vectors");
        withoutTest = dir.resolve("rf-vectors-no-test");
        Files.createDirectories(withTest);
        Files.createDirectories(withoutTest);
        for (Path d : List.of(withTest, withoutTest)) {
            NpyWriter.write(d.resolve("x_train.npy"), flattened(rf.pool()));
            NpyWriter.write(d.resolve("y_train.npy"), HostArray.ofInts(rf.pool().labels(), rf.pool().size()));
        }
        ArrayDataset test = rf.test().orElseThrow();
        NpyWriter.write(withTest.resolve("x_test.npy"), flattened(test));
        NpyWriter.write(withTest.resolve("y_test.npy"), HostArray.ofInts(test.labels(), test.size()));
        embedded = writeCnnEmbeddings(dir.resolve("fmnist-embeddings"));
    }

    /**
     * The 128-wide embeddings a CNN trained on 300 Fashion-MNIST images gives the small subset's pool
     * and test images: features from another model, the setting of "Is margin all you need?".
     */
    private static Path writeCnnEmbeddings(Path out) throws IOException {
        ExperimentData images = SubsetData.small();
        Files.createDirectories(out);
        try (Learner cnn = CnnClassifier.forPool(images.pool(), CnnOptions.DEFAULTS, new TrainingOptions(3, 32, 1e-3f,
                false), InferenceOptions.CPU_DEFAULTS, Device.cpu()); NDManager m = NDManager.newBaseManager()) {
            long[] train = LongStream.range(0, 300).toArray();
            cnn.fit(images.pool(), train, Arrays.copyOf(images.pool().labels(), 300), 1);
            for (ArrayDataset part : List.of(images.pool(), images.test().orElseThrow())) {
                String split = part == images.pool() ? "train" : "test";
                NDArray e = cnn.embeddings(part, LongStream.range(0, part.size()).toArray(), m);
                NpyWriter.write(out.resolve("x_" + split + ".npy"), HostArray.ofFloats(e.toFloatArray(), part.size(), 128));
                NpyWriter.write(out.resolve("y_" + split + ".npy"), HostArray.ofInts(part.labels(), part.size()));
            }
        }
        return out;
    }

    private static HostArray flattened(ArrayDataset footprints) {
        return HostArray.ofFloats(footprints.values().toFloatArray(), footprints.size(), 256);
    }

    private static String[] run(Path data, Path out, String strategy, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--dataset", "npy", "--data-dir", data.toString(), "--strategy",
                strategy, "--initial", "40", "--budget", "20", "--rounds", "2", "--epochs", "10", "--device", "cpu",
                "--seed", "3", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static double accuracy(RoundRecord round) {
        return round.test().orElseThrow().accuracy();
    }

    private static List<RoundRecord> rounds(Path run) throws IOException {
        return new CheckpointStore(run).read().orElseThrow().rounds();
    }

    @Test
    void givenEmbeddingsFromAnotherModel_whenMarginBaldAndKCenterRun_thenTheMlpLearnsAndEachStrategySelects()
            throws IOException {
        for (String strategy : List.of("margin", "bald", "kcenter")) {
            Path out = dir.resolve("embeddings-" + strategy);
            CliTest.Outcome o = quarry(run(embedded, out, strategy));
            assertEquals(0, o.code(), strategy + ": " + o.err());
            List<RoundRecord> rounds = rounds(out);
            assertEquals(3, rounds.size(), strategy);
            assertEquals(20, rounds.get(0).selectedIds().length, strategy);
            double accuracy = accuracy(rounds.get(2));
            // Four times chance: the MLP learns from the embeddings (80 labels; each strategy's figure moves a few
            // points with its picks).
            assertTrue(accuracy > 0.4, strategy + " accuracy " + accuracy + " on 10 classes from 80 labels");
            RunState state = new CheckpointStore(out).read().orElseThrow();
            assertEquals("MlpClassifier", state.fingerprint().learner().get("learner"), strategy);
            assertEquals("(128)", state.fingerprint().learner().get("itemShape"));
        }
    }

    @Test
    void givenFlattenedFootprints_whenRun_thenTheMlpLearnsAboveChance() throws IOException {
        Path out = dir.resolve("footprints");
        CliTest.Outcome o = quarry(run(withTest, out, "entropy", "--initial", "100", "--budget", "50", "--epochs", "20"));
        assertEquals(0, o.code(), o.err());
        List<RoundRecord> rounds = rounds(out);
        assertEquals(200, rounds.get(2).labeled());
        assertTrue(accuracy(rounds.get(2)) > 0.3, "accuracy " + accuracy(rounds.get(2)) + " on 5 classes (chance 0.2)");
        assertEquals("(256)", new CheckpointStore(out).read().orElseThrow().fingerprint().learner().get("itemShape"));
    }

    @Test
    void givenNoTestSet_whenRun_thenRoundsRecordLossAndSelectionsAndTheReportSaysSo() throws IOException {
        Path out = dir.resolve("no-test");
        CliTest.Outcome o = quarry(run(withoutTest, out, "margin"));
        assertEquals(0, o.code(), o.err());
        List<RoundRecord> rounds = rounds(out);
        assertEquals(3, rounds.size());
        for (RoundRecord r : rounds) {
            assertTrue(r.test().isEmpty(), "no test metrics without a test set");
            assertTrue(r.trainLoss() > 0 && Double.isFinite(r.trainLoss()), "training loss " + r.trainLoss());
        }
        assertEquals(20, rounds.get(1).selectedIds().length);
        JsonNode summary = JSON.readTree(out.resolve(RunReport.SUMMARY_JSON).toFile());
        assertFalse(summary.get("testSet").asBoolean());
        assertFalse(summary.has("aubc"));
        assertFalse(Files.exists(out.resolve(RunReport.CHART_PNG)), "no learning curve without accuracies");
        assertTrue(o.out().contains("no test set"), o.out());
        // Resuming a finished run without a test set changes nothing.
        assertEquals(0, quarry("resume", out.toString()).code());
        assertEquals(rounds.size(), rounds(out).size());
    }

    @Test
    void givenAnotherInferenceBatchSizeOrDevice_whenResumed_thenTheRunContinuesAsIfUninterrupted() throws IOException {
        Path reference = dir.resolve("resume-reference");
        assertEquals(0, quarry(run(withTest, reference, "margin", "--inference-batch", "64")).code());
        Path resumed = dir.resolve("resumed");
        assertEquals(0, quarry(run(withTest, resumed, "margin", "--inference-batch", "64", "--rounds", "1")).code());
        CliTest.Outcome o = quarry("resume", resumed.toString(), "--rounds", "2", "--inference-batch", "7", "--device", "auto");
        assertEquals(0, o.code(), o.err());
        List<RoundRecord> a = rounds(reference);
        List<RoundRecord> b = rounds(resumed);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            // Other batch sizes change libtorch's rounding in the last bits only: the same picks, accuracies within 1e-6.
            assertArrayEquals(a.get(i).selectedIds(), b.get(i).selectedIds(), "round " + (i + 1));
            assertEquals(accuracy(a.get(i)), accuracy(b.get(i)), 1e-6, "round " + (i + 1));
        }
    }

    @Test
    @Tag("gpu")
    void givenARunStartedOnTheCpu_whenResumedOnAGpu_thenItContinuesWithTheSamePicksUpToRounding() throws IOException {
        assumeTrue(NativeRuntime.engine().getGpuCount() > 0, "no usable CUDA GPU");
        Path reference = dir.resolve("cpu-reference");
        assertEquals(0, quarry(run(withTest, reference, "margin")).code());
        Path moved = dir.resolve("moved-to-gpu");
        assertEquals(0, quarry(run(withTest, moved, "margin", "--rounds", "1")).code());
        CliTest.Outcome o = quarry("resume", moved.toString(), "--rounds", "2", "--device", "gpu:0");
        assertEquals(0, o.code(), o.err());
        List<RoundRecord> a = rounds(reference);
        List<RoundRecord> b = rounds(moved);
        assertArrayEquals(a.get(0).selectedIds(), b.get(0).selectedIds(), "round 1 ran on the CPU in both");
        // From round 2 on, CUDA's kernels round differently: accuracies agree to float precision, not bit for bit.
        assertEquals(accuracy(a.get(2)), accuracy(b.get(2)), 0.05);
    }

    @Test
    void givenACsvTableWithNamedClasses_whenRun_thenTheClassesComeFromTheLabelColumn() throws IOException {
        Path table = dir.resolve("table");
        Files.createDirectories(table);
        Files.writeString(table.resolve("train.csv"), blobs(new Random(1), 300));
        Files.writeString(table.resolve("test.csv"), blobs(new Random(2), 150));
        Path out = dir.resolve("csv-run");
        CliTest.Outcome o = quarry("run", "--dataset", "csv", "--data-dir", table.toString(), "--label-column", "colour",
                "--strategy", "margin", "--initial", "12", "--budget", "12", "--rounds", "2", "--epochs", "20", "--seed",
                "2", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        List<RoundRecord> rounds = rounds(out);
        assertTrue(accuracy(rounds.get(2)) > 0.9, "three well separated blobs: accuracy " + accuracy(rounds.get(2)));
        RunState state = new CheckpointStore(out).read().orElseThrow();
        assertEquals("(4)", state.fingerprint().learner().get("itemShape"));
        assertEquals(List.of("blue", "green", "red"),
                new DatasetSpec(DatasetSpec.CSV, table.toString(), 0, 0, 0, "colour").load().pool().classNames());
        Files.writeString(table.resolve("train.csv"), "a,b,c,d,colour\n1,2,x,4,red\n");
        CliTest.Outcome bad = quarry("run", "--dataset", "csv", "--data-dir", table.toString(), "--label-column",
                "colour", "--out", dir.resolve("bad").toString());
        assertEquals(QuarryCommand.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("line 2, column 'c': 'x' is not a finite number"), bad.err());
    }

    /** Three Gaussian blobs in 4-D, labeled red, green and blue, with a header row. */
    private static String blobs(Random r, int n) {
        String[] names = {"red", "green", "blue"};
        StringBuilder csv = new StringBuilder("a,b,colour,c,d\n");
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            double[] x = new double[4];
            for (int j = 0; j < 4; j++) {
                x[j] = (j == k ? 5 : 0) + r.nextGaussian();
            }
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f,%.4f%n", x[0], x[1], names[k], x[2], x[3]));
        }
        return csv.toString();
    }
}
