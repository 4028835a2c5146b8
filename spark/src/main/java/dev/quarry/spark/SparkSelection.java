package dev.quarry.spark;

import dev.quarry.bayesian.GumbelTopK;
import dev.quarry.bayesian.StochasticKind;
import dev.quarry.bayesian.StochasticSelector;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.model.ModelCard;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionChecks;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.engine.strategy.TopKSelector;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import scala.Tuple2;

/**
 * Selection over a pool spread across a Spark cluster, for strategies that rank one score per item:
 * each partition is scored where it lives ({@link PartitionScorer}), keeps its own k best, and the
 * driver merges them in Quarry's order. The ids equal a single process's, in order, because every
 * item's score is computed by the same code from the same model, and ties break by id.
 *
 * <ul>
 *   <li>Top-k (least-confidence, margin, entropy, BALD and the other MC-dropout scores, whose
 *       masks each item draws from its id): by score ({@link ScoreOrder}).
 *   <li>Stochastic power and softmax sampling: by each item's Gumbel key, drawn from the round's
 *       generator and the item's id ({@link ItemDraw}), so the same seed samples the same batch.
 *   <li>Softrank sampling: its weights are ranks over the whole pool, so every score (4 bytes per
 *       item) is gathered on the driver and drawn there.
 * </ul>
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
     * @param random the round's generator (stochastic strategies draw from it as in one process)
     * @return the selected ids, best first (in draw order for stochastic strategies), with their scores
     * @throws InvalidInputException for a strategy that is not a top-k over one score, or a budget
     *     larger than the unlabeled pool
     * @throws NoSuchFileException if the model directory does not exist
     * @throws IOException if the model cannot be read
     */
    public static Selection select(SparkSession spark, SparkPool pool, JavaRDD<Row> rows, Path modelDirectory,
            String strategy, Map<String, String> options, long[] labeled, int budget, long mcSeed, SplittableRandom random)
            throws IOException {
        QueryStrategy resolved = Strategies.get(strategy, options);
        requireSupported(resolved);
        if (readsMcPasses(resolved) && ModelCard.read(modelDirectory).kind().equals("torchscript")) {
            throw new InvalidInputException("Strategy '" + strategy + "' reads MC-dropout passes, and a TorchScript "
                    + "module draws its masks from libtorch's one generator, which concurrent Spark tasks share; on Spark "
                    + "use Quarry's CNN or MLP (whose masks are drawn per item) or a deterministic score.", Setting.STRATEGY);
        }
        SelectionChecks.requireBudget(strategy, budget, Math.toIntExact(pool.metadata().size() - labeled.length));
        Set<Long> done = Arrays.stream(labeled).boxed().collect(Collectors.toCollection(HashSet::new));
        String shipped = ModelShipping.ship(JavaSparkContext.fromSparkContext(spark.sparkContext()), modelDirectory);
        PartitionScorer scorer = new PartitionScorer(shipped, strategy, Map.copyOf(options),
                pool.metadata(), done, mcSeed);
        JavaRDD<Tuple2<Long, Float>> scored = rows.mapPartitions(scorer);
        if (resolved.selector() instanceof StochasticSelector stochastic) {
            long base = random.nextLong();
            return TaskFailures.unwrapped(() -> sample(scored, stochastic, budget, base));
        }
        List<Tuple2<Long, Float>> top = TaskFailures.unwrapped(() -> scored.takeOrdered(budget, new ScoreOrder()));
        return selection(top);
    }

    /** The merged picks, in order, with their scores. */
    private static Selection selection(List<Tuple2<Long, Float>> picks) {
        long[] ids = new long[picks.size()];
        float[] scores = new float[picks.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = picks.get(i)._1();
            scores[i] = picks.get(i)._2();
        }
        return new Selection(ids, scores);
    }

    /**
     * Checks that a strategy picks on Spark what it picks in one process: one score per item that
     * does not depend on the other items (deterministic probabilities, or MC-dropout passes with
     * each item's own masks, {@link dev.quarry.engine.data.ItemSource#drawKey}), ranked top-k or
     * sampled, over the whole pool.
     *
     * @param strategy the strategy
     * @throws InvalidInputException naming what Spark can run instead
     */
    public static void requireSupported(QueryStrategy strategy) {
        boolean ranked = strategy.selector() instanceof TopKSelector || strategy.selector() instanceof StochasticSelector;
        boolean perItem = strategy.scorer().map(s -> !(s.input() instanceof Input.McProbabilities mc) || !mc.sharedMasks())
                .orElse(false);
        if (!ranked || !perItem || strategy.maxPool().isPresent()) {
            throw new InvalidInputException("Strategy '" + strategy.name() + "' does not rank one score per item over the "
                    + "whole pool, so Spark would not pick what one process picks; on Spark run top-k or "
                    + "power/softmax/softrank sampling over an uncertainty score (least-confidence, margin, entropy, "
                    + "BALD, variation ratio, mean-std; without maxPool), or kcenter, kmeans, typiclust or badge; run "
                    + "this one in one process.",
                    Setting.STRATEGY);
        }
    }

    private static boolean readsMcPasses(QueryStrategy strategy) {
        return strategy.scorer().map(s -> s.input() instanceof Input.McProbabilities).orElse(false);
    }

    /** Stochastic sampling: each item's key from its score, the round's base draw and its id. */
    private static Selection sample(JavaRDD<Tuple2<Long, Float>> scored, StochasticSelector stochastic, int budget,
            long base) {
        StochasticKind kind = stochastic.kind();
        double temperature = stochastic.temperature();
        List<ItemDraw> top;
        if (kind == StochasticKind.SOFTRANK) {
            List<Tuple2<Long, Float>> all = new ArrayList<>(scored.collect());
            all.sort(Comparator.comparingLong(Tuple2::_1)); // ranks tie by the lower id, as in one process
            float[] scores = new float[all.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = all.get(i)._2();
            }
            double[] logWeights = kind.logWeights(scores, temperature);
            List<ItemDraw> draws = new ArrayList<>(all.size());
            for (int i = 0; i < scores.length; i++) {
                long id = all.get(i)._1();
                draws.add(new ItemDraw(id, scores[i], GumbelTopK.draw(logWeights[i], base, id)));
            }
            draws.sort(new ItemDraw.Order());
            top = draws.subList(0, budget);
        } else {
            top = scored.map(s -> new ItemDraw(s._1(), s._2(), GumbelTopK.draw(
                    kind.logWeights(new float[] {s._2()}, temperature)[0], base, s._1()))).takeOrdered(budget,
                    new ItemDraw.Order());
        }
        return selection(top.stream().map(d -> new Tuple2<>(d.id(), d.score())).toList());
    }
}
