package dev.quarry.spark;

import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.io.FileTrees;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.loop.SelectionBackend;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.model.ModelCard;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.spark.sql.SparkSession;

/**
 * A run's selections on a Spark cluster: the loop trains on the driver (labeled sets are small) and
 * each round's model is saved and shipped, while the pool, written once as a Parquet table (of file
 * paths, for images, which executors decode), is scored and selected where it lives. Top-k and
 * stochastic strategies pick what one process picks ({@link SparkSelection}), so a run may move
 * between a cluster and one process and resume; {@code
 * kcenter} runs as the composable coreset ({@link SparkKCenter}, m = {@code coresetFactor} × k), an
 * approximation with a certified radius, {@code kmeans} and {@code typiclust} on MLlib's k-means‖
 * ({@link SparkClusters}) and {@code badge} as k-means‖ in gradient space ({@link SparkBadge}),
 * approximations too. Other strategies are refused with where they run.
 */
public final class SparkBackend implements SelectionBackend, AutoCloseable {

    /** Strategies run by their own distributed algorithm rather than ranked per item. */
    private static final Set<String> CLUSTERING = Set.of("kcenter", "kmeans", "typiclust", "badge");

    private final SparkSession spark;
    private final Path work;
    private final int coresetFactor;
    private final boolean ownsSession;
    private SparkPool table;

    /**
     * A backend.
     *
     * @param spark the session (its master decides where the work runs)
     * @param work a directory the executors can read: the pool table and each round's model go there
     *     (on a cluster, a shared file system)
     * @param coresetFactor m / k for k-center, >= 1 (2 to 4 keeps the radius close to one machine's)
     */
    public SparkBackend(SparkSession spark, Path work, int coresetFactor) {
        this(spark, work, coresetFactor, false);
    }

    private SparkBackend(SparkSession spark, Path work, int coresetFactor, boolean ownsSession) {
        if (coresetFactor < 1) {
            throw new InvalidInputException("The k-center coreset factor (--coreset-factor) " + coresetFactor
                    + " must be >= 1; 2 to 4 keeps the radius close to one machine's.");
        }
        this.spark = spark;
        this.work = work;
        this.coresetFactor = coresetFactor;
        this.ownsSession = ownsSession;
    }

    /**
     * A backend with its own session, stopped when the backend is closed.
     *
     * @param master {@code local[N]}, {@code spark://host:port}, {@code yarn}, ..., or empty for the
     *     master {@code spark-submit} configured
     * @param work where the pool table and each round's model go
     * @param coresetFactor m / k for k-center
     * @return the backend
     */
    public static SparkBackend start(String master, Path work, int coresetFactor) {
        if (master.isEmpty() && System.getProperty("spark.master") == null) {
            throw new InvalidInputException("No Spark master: without MASTER, --spark uses the one spark-submit sets, and "
                    + "this was not started by spark-submit; pass one, such as --spark 'local[2]' or spark://host:7077.");
        }
        SparkSession.Builder builder = SparkSession.builder().appName("quarry");
        if (!master.isEmpty()) {
            builder.master(master);
        }
        if (master.startsWith("local")) {
            builder.config("spark.ui.enabled", "false"); // a run on one machine has no one to show a UI to
        }
        return new SparkBackend(builder.getOrCreate(), work, coresetFactor, true);
    }

    /** Stops the session if this backend started it. */
    @Override
    public void close() {
        if (ownsSession) {
            spark.stop();
        }
    }

    @Override
    public Selection select(int round, QueryStrategy strategy, Learner learner, ItemSource pool, long[] unlabeled,
            long[] labeled, int budget, long mcSeed, SplittableRandom random, NDManager manager) throws IOException {
        boolean clustering = CLUSTERING.contains(strategy.name());
        if (clustering && strategy.maxPool().isPresent()) {
            throw new InvalidInputException(strategy.name() + " on Spark covers the whole pool; leave maxPool out.",
                    Setting.STRATEGY_OPTIONS);
        }
        if (!clustering) {
            SparkSelection.requireSupported(strategy);
            if (!Strategies.get(strategy.name(), strategy.settings()).toString().equals(strategy.toString())) {
                throw new InvalidInputException("Strategy " + strategy + " is not the registry's '" + strategy.name()
                        + "' with these settings, and executors rebuild it by name; register it under its own name "
                        + "(StrategyProvider) to run it on Spark.", Setting.STRATEGY);
            }
        }
        if (!(pool instanceof ArrayDataset data)) {
            throw new InvalidInputException("A pool on Spark is written from a dataset held in memory; " + pool.name()
                    + " is not one: load it as an ArrayDataset, or write its Parquet table and use SparkSelection.");
        }
        if (table == null) {
            if (data.itemFile(0).isPresent()) {
                SparkPool.writeImages(spark, data, work.resolve("pool")); // executors decode the files themselves
            } else {
                SparkPool.write(spark, data, work.resolve("pool"));
            }
            table = SparkPool.read(spark, work.resolve("pool"));
        }
        Path model = work.resolve("model-round-" + round);
        FileTrees.deleteRecursively(model);
        learner.save(model);
        if (ModelCard.read(model).kind().equals(ModelCard.BLOCK)) {
            throw new InvalidInputException("The model is built from your own blocks, which executors cannot rebuild from "
                    + "its files; use Quarry's CNN, MLP or a TorchScript module to select on Spark.");
        }
        switch (strategy.name()) {
            case "kcenter" -> {
                SparkKCenter.Result result = SparkKCenter.select(spark, table, table.rows().javaRDD(), model, labeled,
                        budget, coresetFactor * budget);
                return new Selection(result.ids(), result.distances());
            }
            case "kmeans" -> {
                return SparkClusters.kmeans(spark, table, table.rows().javaRDD(), model, labeled, budget, random);
            }
            case "typiclust" -> {
                return SparkClusters.typiclust(spark, table, table.rows().javaRDD(), model, labeled, budget, random);
            }
            case "badge" -> {
                return SparkBadge.select(spark, table, table.rows().javaRDD(), model, labeled, budget, random);
            }
            default -> {
                // ranked by one score per item, below
            }
        }
        return SparkSelection.select(spark, table, table.rows().javaRDD(), model, strategy.name(), strategy.settings(),
                labeled, budget, mcSeed, random);
    }


    @Override
    public String toString() {
        return "Spark " + spark.sparkContext().master();
    }
}
