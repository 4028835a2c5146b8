package dev.quarry.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.loop.LearnerOutputs;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.MlpClassifier;
import dev.quarry.engine.model.MlpOptions;
import dev.quarry.engine.model.TrainingOptions;
import dev.quarry.engine.strategy.QueryRunner;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selection on Spark ({@code local[2]}, one session for the class) against the same selection in one
 * process, on a 200 000-item pool: the same ids in the same order for top-k over deterministic and
 * MC-dropout scores and, for the same seed, stochastic sampling, also when a task fails once and
 * Spark runs it again.
 */
class SparkSelectionTest {

    private static final int POOL = 200_000;
    private static final int FEATURES = 16;
    private static final int CLASSES = 10;
    private static final long MC_SEED = 99;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static ArrayDataset pool;
    private static MlpClassifier model;
    private static long[] labeled;
    private static long[] unlabeled;
    private static SparkPool table;

    @BeforeAll
    static void start() throws IOException {
        // local[2, 2]: two cores, and a failed task is tried again once.
        spark = LocalSpark.start("local[2,2]", "quarry-spark-test");
        pool = vectors();
        // 448 labeled leaves 199 552 = 3 118 x 64 unlabeled: whole inference batches in one process too.
        int[] order = IntStream.range(0, POOL).toArray();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = POOL - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        labeled = Arrays.stream(order, 0, 448).sorted().asLongStream().toArray();
        unlabeled = LongStream.range(0, POOL).filter(id -> Arrays.binarySearch(labeled, id) < 0).toArray();
        model = MlpClassifier.forPool(pool, new MlpOptions(32, 1, 0.2f), new TrainingOptions(3, 32, 3e-3f, false),
                InferenceOptions.CPU_DEFAULTS, Device.cpu());
        int[] truth = pool.labels();
        model.fit(pool, labeled, Arrays.stream(labeled).mapToInt(id -> truth[(int) id]).toArray(), 7);
        model.save(dir.resolve("round-1"));
        SparkPool.write(spark, pool, dir.resolve("pool"));
        table = SparkPool.read(spark, dir.resolve("pool"));
    }

    @AfterAll
    static void stop() {
        if (model != null) {
            model.close();
        }
        if (spark != null) {
            spark.stop();
        }
    }

    /** Feature vectors from a seed per id, classes from a fixed linear rule plus noise. */
    private static ArrayDataset vectors() {
        float[] x = new float[POOL * FEATURES];
        int[] y = new int[POOL];
        float[] w = new float[CLASSES * FEATURES];
        SplittableRandom weights = new SplittableRandom(1);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) weights.nextGaussian();
        }
        for (int id = 0; id < POOL; id++) {
            SplittableRandom r = new SplittableRandom(1_000_003L * id);
            for (int j = 0; j < FEATURES; j++) {
                x[id * FEATURES + j] = (float) r.nextGaussian();
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                double s = r.nextGaussian() * 0.5;
                for (int j = 0; j < FEATURES; j++) {
                    s += w[c * FEATURES + j] * x[id * FEATURES + j];
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            y[id] = best;
        }
        List<String> names = IntStream.range(0, CLASSES).mapToObj(c -> "c" + c).toList();
        return ArrayDataset.of("vectors", HostArray.ofFloats(x, POOL, FEATURES), y, names);
    }

    private static Selection singleProcess(String strategy) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            return QueryRunner.select(Strategies.get(strategy), new LearnerOutputs(model, pool, MC_SEED), unlabeled,
                    labeled, 100, new SplittableRandom(3), manager);
        }
    }

    @Test
    void givenTheWrittenPool_whenReadBack_thenItsRowsAndMetadataAreThePool() {
        assertEquals(POOL, table.rows().count());
        assertArrayEquals(new long[] {FEATURES}, table.metadata().itemShape());
        assertEquals(pool.classNames(), table.metadata().classes());
        Row row = table.rows().filter("id = 123").first();
        float[] values = new float[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            values[j] = (Float) row.getList(1).get(j);
        }
        assertArrayEquals(Arrays.copyOfRange(pool.values().toFloatArray(), 123 * FEATURES, 124 * FEATURES), values);
        assertEquals(pool.labels()[123], row.getInt(2));
    }

    @Test
    void givenEveryTopKUncertaintyStrategy_thenSparkPicksTheSingleProcessIdsInOrder() throws IOException {
        JavaRDD<Row> rows = table.rows().javaRDD().repartition(4);
        for (String strategy : List.of("entropy", "margin", "least-confidence")) {
            Selection single = singleProcess(strategy);
            Selection spread = SparkSelection.select(spark, table, rows, dir.resolve("round-1"), strategy, Map.of(),
                    labeled, 100, MC_SEED, new SplittableRandom(3));
            assertArrayEquals(single.ids(), spread.ids(), strategy);
            assertArrayEquals(single.scores(), spread.scores(), 0f, strategy);
        }
    }

    @Test
    void givenMcDropoutScores_thenSparkPicksTheSingleProcessIdsInOrder() throws IOException {
        // Each item's masks come from (seed, its id, pass), so a partition's passes are one process's.
        JavaRDD<Row> rows = table.rows().javaRDD().repartition(4);
        for (String strategy : List.of("bald", "variation-ratio", "mean-std", "power-bald")) {
            Selection single = singleProcess(strategy);
            Selection spread = SparkSelection.select(spark, table, rows, dir.resolve("round-1"), strategy, Map.of(),
                    labeled, 100, MC_SEED, new SplittableRandom(3));
            assertArrayEquals(single.ids(), spread.ids(), strategy);
            assertArrayEquals(single.scores(), spread.scores(), 1e-6f, strategy);
        }
        Map<String, String> head = Map.of("mcScope", "head", "mcSamples", "8");
        Selection single;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            single = QueryRunner.select(Strategies.get("bald", head), new LearnerOutputs(model, pool, MC_SEED), unlabeled,
                    labeled, 100, new SplittableRandom(3), manager);
        }
        Selection spread = SparkSelection.select(spark, table, rows, dir.resolve("round-1"), "bald", head, labeled, 100,
                MC_SEED, new SplittableRandom(3));
        assertArrayEquals(single.ids(), spread.ids(), "head-only BALD");
    }

    @Test
    void givenStochasticSampling_thenSparkDrawsTheSingleProcessBatchForTheSameSeed() throws IOException {
        JavaRDD<Row> rows = table.rows().javaRDD().repartition(4);
        for (String strategy : List.of("power-entropy", "softmax-margin", "softrank-least-confidence")) {
            Selection single = singleProcess(strategy);
            Selection spread = SparkSelection.select(spark, table, rows, dir.resolve("round-1"), strategy, Map.of(),
                    labeled, 100, MC_SEED, new SplittableRandom(3));
            assertArrayEquals(single.ids(), spread.ids(), strategy);
            Selection other = SparkSelection.select(spark, table, rows, dir.resolve("round-1"), strategy, Map.of(),
                    labeled, 100, MC_SEED, new SplittableRandom(4));
            assertTrue(!Arrays.equals(single.ids(), other.ids()), strategy + ": another seed, another batch");
        }
    }

    @Test
    void givenATaskThatFailsOnce_whenSparkRetriesIt_thenTheSelectionIsTheSame() throws IOException {
        JavaRDD<Row> failingOnce = table.rows().javaRDD().repartition(4).mapPartitionsWithIndex((index, it) -> {
            if (index == 1 && TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("injected failure of partition 1, first attempt");
            }
            return it;
        }, true);
        Selection single = singleProcess("margin");
        Selection spread = SparkSelection.select(spark, table, failingOnce, dir.resolve("round-1"), "margin", Map.of(),
                labeled, 100, MC_SEED, new SplittableRandom(3));
        assertArrayEquals(single.ids(), spread.ids());
    }

    @Test
    void givenAStrategyThatIsNotATopK_thenItIsRefusedSayingWhereItRuns() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SparkSelection.select(spark, table,
                table.rows().javaRDD(), dir.resolve("round-1"), "batch-bald", Map.of(), labeled, 10, MC_SEED,
                new SplittableRandom(3)));
        assertTrue(e.getMessage().contains("run this one in one process"), e.getMessage());
        InvalidInputException capped = assertThrows(InvalidInputException.class, () -> SparkSelection.select(spark,
                table, table.rows().javaRDD(), dir.resolve("round-1"), "bald", Map.of("maxPool", "5000"), labeled, 10,
                MC_SEED, new SplittableRandom(3)));
        assertTrue(capped.getMessage().contains("without maxPool"), capped.getMessage());
    }
}
