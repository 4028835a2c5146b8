package dev.quarry.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.loop.ActiveLearningLoop;
import dev.quarry.engine.loop.RoundRecord;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.loop.SelectionBackend;
import dev.quarry.engine.loop.SimulatedOracle;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.MlpClassifier;
import dev.quarry.engine.model.MlpOptions;
import dev.quarry.engine.model.TrainingOptions;
import dev.quarry.engine.strategy.Strategies;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop with its selections on Spark: trained on the driver, scored and selected on the cluster,
 * checkpointed as always; round for round the same picks, scores and accuracies as in one process
 * for ranked strategies (MC-dropout BALD among them); TypiClust on MLlib's k-means; refusals.
 */
class SparkBackendTest {

    private static final int POOL = 20_480;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static ArrayDataset pool;
    private static ArrayDataset test;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2]", "quarry-backend-test");
        pool = blobs("pool", POOL, 1);
        test = blobs("test", 2_000, 2);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Four Gaussian classes in 8-D. */
    private static ArrayDataset blobs(String name, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * 8];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(4);
            for (int j = 0; j < 8; j++) {
                x[i * 8 + j] = (float) (r.nextGaussian() + (j % 4 == y[i] ? 1.5 : 0));
            }
        }
        return ArrayDataset.of(name, HostArray.ofFloats(x, n, 8), y, IntStream.range(0, 4).mapToObj(c -> "c" + c).toList());
    }

    private static RunResult run(String strategy, SelectionBackend backend, Path runDirectory) throws IOException {
        // Initial 64 and budget 64 keep every round's unlabeled count a multiple of the inference batch.
        try (ActiveLearningLoop loop = ActiveLearningLoop.builder().setItems(pool).optTestSet(test)
                .setLearner(MlpClassifier.forPool(pool, new MlpOptions(32, 1, 0.2f), new TrainingOptions(2, 32, 3e-3f,
                        false), InferenceOptions.CPU_DEFAULTS, Device.cpu()))
                .setStrategy(Strategies.get(strategy)).setOracle(new SimulatedOracle(pool.labels()))
                .optInitialLabeled(64).optBudgetPerRound(64).optRounds(2).optSeed(11)
                .optRunDirectory(runDirectory).optSelectionBackend(backend).build()) {
            return loop.run();
        }
    }

    @Test
    void givenARunWithItsSelectionsOnSpark_thenEveryRoundEqualsTheRunInOneProcess() throws IOException {
        for (String strategy : List.of("margin", "softmax-entropy", "bald")) {
            RunResult local = run(strategy, SelectionBackend.LOCAL, dir.resolve(strategy + "-local"));
            RunResult spread = run(strategy, new SparkBackend(spark, dir.resolve(strategy + "-work"), 2),
                    dir.resolve(strategy + "-spark"));
            assertTrue(spread.complete());
            assertEquals(local.rounds().size(), spread.rounds().size());
            for (int r = 0; r < local.rounds().size(); r++) {
                RoundRecord a = local.rounds().get(r);
                RoundRecord b = spread.rounds().get(r);
                assertArrayEquals(a.selectedIds(), b.selectedIds(), strategy + " round " + a.round());
                assertArrayEquals(a.selectedScores(), b.selectedScores(), 0f, strategy + " round " + a.round());
                assertEquals(a.test(), b.test(), strategy + " round " + a.round());
            }
        }
    }

    @Test
    void givenAClusteringStrategy_thenTheLoopRunsItOnMllibAndRefusesWhatSparkCannotRun() throws IOException {
        // kmeans takes the same path (SparkDiversityTest checks both against one machine).
        RunResult spread = run("typiclust", new SparkBackend(spark, dir.resolve("typiclust-work"), 2),
                dir.resolve("typiclust-spark"));
        assertTrue(spread.complete());
        Set<Long> picked = new HashSet<>();
        spread.rounds().forEach(round -> Arrays.stream(round.selectedIds()).forEach(picked::add));
        assertEquals(2 * 64, picked.size(), "every pick new and distinct");
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> run("probcover",
                new SparkBackend(spark, dir.resolve("probcover-work"), 2), dir.resolve("probcover-spark")));
        assertTrue(refused.getMessage().contains("run this one in one process"), refused.getMessage());
    }
}
