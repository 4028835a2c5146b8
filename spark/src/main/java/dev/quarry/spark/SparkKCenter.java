package dev.quarry.spark;

import ai.djl.Device;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.kernels.KCenterPicks;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.model.ModelCard;
import dev.quarry.engine.strategy.SelectionChecks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import scala.Tuple2;

/**
 * Core-Set k-center over a pool spread across a cluster, as a two-round composable coreset: each
 * partition picks {@code m} local centers greedily (seeded with the labeled items, {@link
 * LocalCenters}), the driver runs the same greedy over their union for the final k, and a third pass
 * ({@link CoverageRadius}) measures the radius the picks achieve over the whole pool, a certificate
 * of their quality. Greedy is a 2-approximation on each part and on the union, so the radius is at
 * most 4 times the optimum; with {@code m} a few times k it is close to a single machine's greedy
 * (measured, not guaranteed: see the tests).
 *
 * <h2>References</h2>
 * Sener and Savarese, "Active Learning for Convolutional Neural Networks: A Core-Set Approach", ICLR
 * 2018. Malkomes, Kusner, Chen, Weinberger and Moseley, "Fast Distributed k-Center Clustering with
 * Outliers on Massive Data", NIPS 2015. Indyk, Mahabadi, Mahdian and Mirrokni, "Composable Core-sets
 * for Diversity and Coverage Maximization", PODS 2014.
 */
public final class SparkKCenter {

    private SparkKCenter() {}

    /**
     * A distributed k-center selection.
     *
     * @param ids the picks, in pick order
     * @param distances each pick's distance to its nearest earlier center, over the union of local centers
     * @param radius the largest distance from any unlabeled item to its nearest center, over the whole pool
     * @param candidates how many local centers the partitions sent
     */
    public record Result(long[] ids, float[] distances, double radius, int candidates) {}

    /**
     * Selects a batch.
     *
     * @param spark the session
     * @param pool the pool
     * @param rows the pool's rows (usually {@code pool.rows().javaRDD()})
     * @param modelDirectory the round's model, saved by Quarry; its embeddings are the space
     * @param labeled the labeled ids
     * @param budget k
     * @param perPartition m, local centers per partition (2k to 4k is typical)
     * @return the picks and their certified radius
     * @throws InvalidInputException for a budget larger than the unlabeled pool or m below 1
     * @throws IOException if the model cannot be read
     */
    public static Result select(SparkSession spark, SparkPool pool, JavaRDD<Row> rows, Path modelDirectory,
            long[] labeled, int budget, int perPartition) throws IOException {
        SelectionChecks.requireBudget("kcenter", budget, Math.toIntExact(pool.metadata().size() - labeled.length));
        if (perPartition < 1) {
            throw new InvalidInputException("Local centers per partition " + perPartition + " must be >= 1 (2k to 4k "
                    + "keeps the radius close to a single machine's).", Setting.STRATEGY_OPTIONS);
        }
        Set<Long> done = Arrays.stream(labeled).boxed().collect(Collectors.toCollection(HashSet::new));
        Device device = Device.cpu();
        InferenceOptions inference = InferenceOptions.defaultsFor(device);
        float[] centers;
        int width;
        try (Learner model = ModelCard.load(modelDirectory, inference, device)) {
            List<Row> seeds = new ArrayList<>(labeled.length == 0 ? rows.take(1)
                    : rows.filter(row -> done.contains(row.getLong(0))).collect());
            seeds.sort(Comparator.comparingLong(row -> row.getLong(0)));
            PartitionRows part = PartitionRows.read(seeds.iterator(), pool.metadata(), Set.of(), inference);
            float[] seedRows = part.embeddings(model, device);
            width = seedRows.length / part.ids().size();
            centers = labeled.length == 0 ? new float[0] : seedRows;
        }
        String shipped = ModelShipping.ship(JavaSparkContext.fromSparkContext(spark.sparkContext()), modelDirectory);

        // Embedded once, kept for both passes: the model's inference is the costly part.
        JavaRDD<Tuple2<Long, float[]>> embedded = rows.mapPartitions(new PartitionEmbeddings(shipped, pool.metadata(),
                done)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return select(embedded, centers, width, budget, perPartition, device);
        } finally {
            embedded.unpersist(false);
        }
    }

    private static Result select(JavaRDD<Tuple2<Long, float[]>> embedded, float[] centers, int width, int budget,
            int perPartition, Device device) throws IOException {
        LocalCenters local = new LocalCenters(centers, width, perPartition);
        List<Tuple2<Long, float[]>> union = new ArrayList<>(TaskFailures.unwrapped(() -> embedded.mapPartitions(local)
                .collect()));
        if (union.size() < budget) {
            throw new InvalidInputException("The partitions sent " + union.size() + " local centers for a budget of "
                    + budget + "; raise the local centers per partition (" + perPartition + ") to at least the budget.",
                    Setting.STRATEGY_OPTIONS);
        }
        union.sort(Comparator.comparingLong(Tuple2::_1)); // a fixed order, so ties break by the lower id
        float[] candidates = new float[union.size() * width];
        for (int i = 0; i < union.size(); i++) {
            System.arraycopy(union.get(i)._2(), 0, candidates, i * width, width);
        }
        KCenterPicks picks = LocalCenters.greedy(candidates, width, centers, budget, device);

        long[] ids = new long[budget];
        float[] all = new float[centers.length + budget * width];
        System.arraycopy(centers, 0, all, 0, centers.length);
        for (int b = 0; b < budget; b++) {
            int p = picks.positions()[b];
            ids[b] = union.get(p)._1();
            System.arraycopy(candidates, p * width, all, centers.length + b * width, width);
        }
        CoverageRadius coverage = new CoverageRadius(all, width);
        float radiusSquared = TaskFailures.unwrapped(() -> embedded.mapPartitions(coverage).fold(0f, Math::max));
        return new Result(ids, picks.distances(), Math.sqrt(radiusSquared), union.size());
    }
}
