package dev.quarry.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.loop.LearnerOutputs;
import dev.quarry.engine.model.CnnClassifier;
import dev.quarry.engine.model.CnnOptions;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.TrainingOptions;
import dev.quarry.engine.strategy.QueryRunner;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diversity strategies on Spark, on real embeddings (a CNN's, on the embedded Fashion-MNIST
 * pool), against one machine: distributed k-center's radius within 5 % at m = 2k, with the
 * certificate equal to the radius computed by brute force over every item; k-means and TypiClust on
 * MLlib's k-means‖ covering the pool about as well as one process's picks.
 */
class SparkDiversityTest {

    private static final int BUDGET = 50;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static ArrayDataset pool;
    private static CnnClassifier model;
    private static long[] labeled;
    private static long[] unlabeled;
    private static float[] embeddings;
    private static float[] probabilities;
    private static int width;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.start("local[2]", "quarry-diversity-test");
        pool = DatasetSpec.embeddedSubset().load().pool();
        labeled = new SplittableRandom(2).ints(0, pool.size()).distinct().limit(200).sorted().asLongStream().toArray();
        unlabeled = LongStream.range(0, pool.size()).filter(id -> Arrays.binarySearch(labeled, id) < 0).toArray();
        model = CnnClassifier.forPool(pool, CnnOptions.DEFAULTS, new TrainingOptions(2, 32, 1e-3f, false),
                InferenceOptions.CPU_DEFAULTS, Device.cpu());
        int[] truth = pool.labels();
        model.fit(pool, labeled, Arrays.stream(labeled).mapToInt(id -> truth[(int) id]).toArray(), 4);
        model.save(dir.resolve("model"));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray all = model.embeddings(pool, LongStream.range(0, pool.size()).toArray(), manager);
            width = (int) all.getShape().get(1);
            embeddings = all.toFloatArray();
            probabilities = model.probabilities(pool, LongStream.range(0, pool.size()).toArray(), manager).toFloatArray();
        }
        SparkPool.write(spark, pool, dir.resolve("pool"));
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

    /** The largest distance from an unlabeled item to its nearest labeled or picked item, by brute force. */
    private static double radius(long[] picks) {
        float[] centers = rowsOf(LongStream.concat(Arrays.stream(labeled), Arrays.stream(picks)).toArray());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray rows = manager.create(rowsOf(unlabeled)).reshape(unlabeled.length, width);
            NDArray seeds = manager.create(centers).reshape(centers.length / width, width);
            return Math.sqrt(PairwiseDistances.minSquared(rows, seeds, 1L << 26).max().getFloat());
        }
    }

    private static float[] rowsOf(long[] ids) {
        float[] out = new float[ids.length * width];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(embeddings, (int) ids[i] * width, out, i * width, width);
        }
        return out;
    }

    @Test
    void givenRealEmbeddings_whenTwoRoundCoresetAtTwiceK_thenTheRadiusIsWithinFivePercentOfOneMachine() throws IOException {
        long[] single;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            single = QueryRunner.select(Strategies.get("kcenter"), new LearnerOutputs(model, pool, 1), unlabeled, labeled,
                    BUDGET, new SplittableRandom(1), manager).ids();
        }
        SparkPool table = SparkPool.read(spark, dir.resolve("pool"));
        SparkKCenter.Result spread = SparkKCenter.select(spark, table, table.rows().javaRDD().repartition(4),
                dir.resolve("model"), labeled, BUDGET, 2 * BUDGET);
        double one = radius(single);
        double two = radius(spread.ids());
        assertEquals(two, spread.radius(), 1e-4 * two, "the certificate is the brute-force radius of the picks");
        assertTrue(two <= 1.05 * one, "radius " + two + " on Spark against " + one + " on one machine");
        assertEquals(BUDGET, Arrays.stream(spread.ids()).distinct().count());
        assertTrue(Arrays.stream(spread.ids()).allMatch(id -> Arrays.binarySearch(labeled, id) < 0));
        assertEquals(4 * 2 * BUDGET, spread.candidates(), "m local centers from each of the 4 partitions");
        System.out.printf("k-center radius: one machine %.4f, Spark (m = 2k) %.4f, ratio %.4f%n", one, two, two / one);
    }

    /** Sum over the unlabeled items of the squared distance to the nearest labeled or picked item. */
    private static double coverageCost(long[] picks, boolean normalized) {
        float[] centers = rowsOf(LongStream.concat(Arrays.stream(labeled), Arrays.stream(picks)).toArray());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray rows = manager.create(rowsOf(unlabeled)).reshape(unlabeled.length, width);
            NDArray seeds = manager.create(centers).reshape(centers.length / width, width);
            if (normalized) {
                rows = rows.div(rows.norm(new int[] {1}, true));
                seeds = seeds.div(seeds.norm(new int[] {1}, true));
            }
            return PairwiseDistances.minSquared(rows, seeds, 1L << 26).sum().getFloat();
        }
    }

    private static long[] singleProcess(String strategy) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            return QueryRunner.select(Strategies.get(strategy), new LearnerOutputs(model, pool, 1), unlabeled, labeled,
                    BUDGET, new SplittableRandom(1), manager).ids();
        }
    }

    private static void assertNewAndDistinct(long[] ids) {
        assertEquals(BUDGET, Arrays.stream(ids).distinct().count());
        assertTrue(Arrays.stream(ids).allMatch(id -> Arrays.binarySearch(labeled, id) < 0 && id >= 0 && id < pool.size()));
    }

    @Test
    void givenRealEmbeddings_whenKMeansRunsOnMllib_thenItsPicksCoverThePoolAsWellAsOneMachinesAndRepeatForASeed()
            throws IOException {
        SparkPool table = SparkPool.read(spark, dir.resolve("pool"));
        Selection spread = SparkClusters.kmeans(spark, table, table.rows().javaRDD().repartition(4), dir.resolve("model"),
                labeled, BUDGET, new SplittableRandom(1));
        assertNewAndDistinct(spread.ids());
        Selection again = SparkClusters.kmeans(spark, table, table.rows().javaRDD().repartition(4), dir.resolve("model"),
                labeled, BUDGET, new SplittableRandom(1));
        assertArrayEquals(spread.ids(), again.ids(), "the same seed, the same clusters and picks");
        double one = coverageCost(singleProcess("kmeans"), false);
        double two = coverageCost(spread.ids(), false);
        System.out.printf("k-means coverage cost: one machine %.2f, Spark %.2f, ratio %.4f%n", one, two, two / one);
        assertTrue(two <= 1.05 * one, "coverage cost " + two + " on Spark against " + one + " on one machine");
        Selection one1 = SparkClusters.kmeans(spark, table, table.rows().javaRDD(), dir.resolve("model"), labeled, 1,
                new SplittableRandom(1));
        double[] mean = new double[width];
        for (long id : unlabeled) {
            for (int j = 0; j < width; j++) {
                mean[j] += embeddings[(int) id * width + j] / (double) unlabeled.length;
            }
        }
        long nearest = Arrays.stream(unlabeled).boxed().min(Comparator.comparingDouble((Long id) -> {
            double s = 0;
            for (int j = 0; j < width; j++) {
                double d = embeddings[(int) (long) id * width + j] - mean[j];
                s += d * d;
            }
            return s;
        })).orElseThrow();
        assertArrayEquals(new long[] {nearest}, one1.ids(), "one cluster (MLlib wants two or more): nearest the mean");
    }

    @Test
    void givenRealEmbeddings_whenTypiClustRunsOnMllib_thenItsPicksCoverThePoolAsWellAsOneMachines() throws IOException {
        SparkPool table = SparkPool.read(spark, dir.resolve("pool"));
        Selection spread = SparkClusters.typiclust(spark, table, table.rows().javaRDD().repartition(4),
                dir.resolve("model"), labeled, BUDGET, new SplittableRandom(1));
        assertNewAndDistinct(spread.ids());
        double one = coverageCost(singleProcess("typiclust"), true);
        double two = coverageCost(spread.ids(), true);
        System.out.printf("TypiClust coverage cost: one machine %.2f, Spark %.2f, ratio %.4f%n", one, two, two / one);
        assertTrue(two <= 1.05 * one, "coverage cost " + two + " on Spark against " + one + " on one machine");
    }

    private static GradientItem gradient(long id) {
        int classes = pool.numClasses();
        return GradientItem.of(id, Arrays.copyOfRange(probabilities, (int) id * classes, (int) (id + 1) * classes),
                rowsOf(new long[] {id}));
    }

    /** BADGE's k-means cost in gradient space: over the unlabeled items, the squared distance to the nearest pick. */
    private static double gradientCost(long[] picks) {
        List<GradientItem> centers = Arrays.stream(picks).mapToObj(SparkDiversityTest::gradient).toList();
        double cost = 0;
        for (long id : unlabeled) {
            GradientItem g = gradient(id);
            cost += centers.stream().mapToDouble(g::squaredDistance).min().orElseThrow();
        }
        return cost;
    }

    @Test
    void givenRealEmbeddings_whenBadgeSeedsByKMeansParallel_thenItsPicksCoverGradientSpaceAsWellAsOneMachinesAndRepeat()
            throws IOException {
        SparkPool table = SparkPool.read(spark, dir.resolve("pool"));
        Selection spread = SparkBadge.select(spark, table, table.rows().javaRDD().repartition(4), dir.resolve("model"),
                labeled, BUDGET, new SplittableRandom(1));
        assertNewAndDistinct(spread.ids());
        long first = Arrays.stream(unlabeled).boxed().max(Comparator.comparingDouble((Long id) ->
                gradient(id).squaredNorm()).thenComparing(id -> -id)).orElseThrow();
        assertEquals(first, spread.ids()[0], "the first pick is argmax ||g||, as in one process");
        Selection again = SparkBadge.select(spark, table, table.rows().javaRDD().repartition(4), dir.resolve("model"),
                labeled, BUDGET, new SplittableRandom(1));
        assertArrayEquals(spread.ids(), again.ids(), "the same seed, the same candidates and picks");
        double one = gradientCost(singleProcess("badge"));
        double two = gradientCost(spread.ids());
        System.out.printf("BADGE gradient-space cost: one machine %.2f, Spark %.2f, ratio %.4f%n", one, two, two / one);
        assertTrue(two <= 1.05 * one, "cost " + two + " on Spark against " + one + " on one machine");
    }
}
