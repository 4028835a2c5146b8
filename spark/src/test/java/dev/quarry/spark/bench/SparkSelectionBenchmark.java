package dev.quarry.spark.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.loop.LearnerOutputs;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.MlpClassifier;
import dev.quarry.engine.model.MlpOptions;
import dev.quarry.engine.model.TrainingOptions;
import dev.quarry.engine.strategy.QueryRunner;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.spark.LocalSpark;
import dev.quarry.spark.SparkPool;
import dev.quarry.spark.SparkSelection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The public selection call on a pool of feature vectors: margin's top 100 in one process ({@code
 * QueryRunner.select}, the baseline) and on Spark in {@code local[2]} ({@code SparkSelection.select},
 * the pool cached in two partitions, the model shipped each call). Rows per second is the pool size
 * over the time. Run: {@code java -cp <spark test classpath> org.openjdk.jmh.Main SparkSelectionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false"})
public class SparkSelectionBenchmark {

    @Param({"200000"})
    int rows;

    private SparkSession spark;
    private ArrayDataset pool;
    private MlpClassifier model;
    private QueryStrategy margin;
    private long[] labeled;
    private long[] unlabeled;
    private Path work;
    private SparkPool table;
    private JavaRDD<Row> cached;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int d = 32;
        float[] x = new float[rows * d];
        int[] y = new int[rows];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < rows; i++) {
            y[i] = random.nextInt(10);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (random.nextGaussian() + (j % 10 == y[i] ? 1.0 : 0));
            }
        }
        pool = ArrayDataset.of("vectors", HostArray.ofFloats(x, rows, d), y,
                IntStream.range(0, 10).mapToObj(c -> "c" + c).toList());
        labeled = LongStream.range(0, 512).map(i -> i * (rows / 512)).toArray();
        unlabeled = LongStream.range(0, rows).filter(id -> Arrays.binarySearch(labeled, id) < 0).toArray();
        model = MlpClassifier.forPool(pool, new MlpOptions(128, 2, 0.2f), new TrainingOptions(2, 32, 1e-3f, false),
                InferenceOptions.CPU_DEFAULTS, Device.cpu());
        model.fit(pool, labeled, Arrays.stream(labeled).mapToInt(id -> y[(int) id]).toArray(), 1);
        work = Files.createTempDirectory("quarry-spark-bench");
        model.save(work.resolve("model"));
        margin = Strategies.get("margin");
        spark = LocalSpark.start("local[2]", "quarry-bench");
        SparkPool.write(spark, pool, work.resolve("pool"));
        table = SparkPool.read(spark, work.resolve("pool"));
        cached = table.rows().javaRDD().repartition(2).cache();
        cached.count();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        spark.stop();
        model.close();
    }

    /** The baseline: the engine's query path in this process. */
    @Benchmark
    public long[] oneProcess() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            return QueryRunner.select(margin, new LearnerOutputs(model, pool, 1), unlabeled, labeled, 100,
                    new SplittableRandom(3), manager).ids();
        }
    }

    /** The same selection on Spark in local[2]. */
    @Benchmark
    public long[] sparkLocal2() throws IOException {
        return SparkSelection.select(spark, table, cached, work.resolve("model"), "margin", Map.of(), labeled, 100, 1,
                new SplittableRandom(3)).ids();
    }
}
