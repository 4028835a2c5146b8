package dev.quarry.spark;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionChecks;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.strategy.TopKSelector;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import scala.Tuple2;

/**
 * Selection over a pool spread across a Spark cluster, for strategies that take the top k of one
 * score per item (least-confidence, margin, entropy and the other uncertainty measures): each
 * partition is scored where it lives ({@link PartitionScorer}), keeps its own k best, and the driver
 * merges them in Quarry's order ({@link ScoreOrder}). The ids equal a single process's, in order,
 * because every item's score is computed by the same code from the same model, and ties break by id.
 *
 * <p>The round's model travels once per job ({@code SparkContext.addFile}); each task loads it from
 * the shipped files, so a failed task is simply run again by Spark and changes nothing.
 */
public final class SparkSelection {

    private SparkSelection() {}

    /**
     * Selects a batch.
     *
     * @param spark the session
     * @param pool the pool
     * @param rows the pool's rows to score (usually {@code pool.rows()})
     * @param modelDirectory the round's model, saved by Quarry (with its {@code ModelCard})
     * @param strategy a top-k strategy's registry name
     * @param options its options
     * @param labeled the ids already labeled
     * @param budget how many to select
     * @param mcSeed the seed of MC-dropout masks, for scorers that read MC passes
     * @return the selected ids, best first, with their scores
     * @throws InvalidInputException for a strategy that is not a top-k over one score, or a budget
     *     larger than the unlabeled pool
     * @throws NoSuchFileException if the model directory does not exist
     */
    public static Selection select(SparkSession spark, SparkPool pool, JavaRDD<Row> rows, Path modelDirectory,
            String strategy, Map<String, String> options, long[] labeled, int budget, long mcSeed)
            throws NoSuchFileException {
        QueryStrategy resolved = Strategies.get(strategy, options);
        if (resolved.scorer().isEmpty() || !(resolved.selector() instanceof TopKSelector)
                || resolved.maxPool().isPresent()) {
            throw new InvalidInputException("Strategy '" + strategy + "' does not take the top k of one score per item "
                    + "over the whole pool, and only those run on Spark so far; run it in one process.",
                    Setting.STRATEGY);
        }
        if (!Files.isDirectory(modelDirectory)) {
            throw new NoSuchFileException(modelDirectory.toString(), null, "no saved model to ship to the executors");
        }
        SelectionChecks.requireBudget(strategy, budget, Math.toIntExact(pool.metadata().size() - labeled.length));
        Set<Long> done = new HashSet<>();
        for (long id : labeled) {
            done.add(id);
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String shipped = modelDirectory.toAbsolutePath().normalize().toString();
        context.addFile(shipped, true);
        PartitionScorer scorer = new PartitionScorer(modelDirectory.getFileName().toString(), strategy, Map.copyOf(options),
                pool.metadata(), done, mcSeed);
        List<Tuple2<Long, Float>> top = rows.mapPartitions(scorer).takeOrdered(budget, new ScoreOrder());
        long[] ids = new long[top.size()];
        float[] scores = new float[top.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = top.get(i)._1();
            scores[i] = top.get(i)._2();
        }
        return new Selection(ids, scores);
    }
}
