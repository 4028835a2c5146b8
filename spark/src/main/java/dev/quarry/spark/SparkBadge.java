package dev.quarry.spark;

import dev.quarry.bayesian.GumbelTopK;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionChecks;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.spark.storage.StorageLevel;
/**
 * BADGE over a pool spread across a cluster: its k-means++ seeding in gradient space run as
 * k-means‖ (Bahmani et al.), because exact k-means++ needs B passes over the pool, one per pick.
 * The first center is {@code argmax ||g||}, as in one process; {@value #PASSES} passes then each
 * keep every item independently with probability {@code min(1, ℓ D² / φ)} ({@code ℓ = 2B}, D² the
 * squared distance to the nearest candidate so far, φ their sum; each item's uniform drawn from the
 * pass's seed and its id), which gathers about {@code 1 + 10 B} candidates, real items; each
 * candidate is weighted by the items nearest it, and the driver runs BADGE's k-means++ seeding over
 * the weighted candidates (probability ∝ weight × D², no duplicates). An approximation of the
 * single-process seeding, which draws from the whole pool; scores are each pick's distance to its
 * nearest earlier pick ({@code ||g||} for the first).
 *
 * <h2>References</h2>
 * Ash, Zhang, Krishnamurthy, Langford and Agarwal, "Deep Batch Active Learning by Diverse, Uncertain
 * Gradient Lower Bounds", ICLR 2020. Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, "Scalable
 * K-Means++", VLDB 2012.
 */
public final class SparkBadge {

    /** Oversampling passes; Bahmani et al. found 5 enough in practice. */
    static final int PASSES = 5;

    private SparkBadge() {}

    /**
     * {@code badge} on the cluster.
     *
     * @param spark the session
     * @param pool the pool
     * @param rows the pool's rows (usually {@code pool.rows().javaRDD()})
     * @param modelDirectory the round's model, saved by Quarry
     * @param labeled the labeled ids
     * @param budget B
     * @param random the round's generator (the passes' seeds and the final draws)
     * @return the picks
     * @throws dev.quarry.engine.errors.InvalidInputException for a budget larger than the unlabeled pool
     * @throws IOException if the model cannot be read
     */
    public static Selection select(SparkSession spark, SparkPool pool, JavaRDD<Row> rows, Path modelDirectory,
            long[] labeled, int budget, SplittableRandom random) throws IOException {
        SelectionChecks.requireBudget("badge", budget, Math.toIntExact(pool.metadata().size() - labeled.length));
        Set<Long> done = Arrays.stream(labeled).boxed().collect(Collectors.toCollection(HashSet::new));
        String shipped = ModelShipping.ship(JavaSparkContext.fromSparkContext(spark.sparkContext()), modelDirectory);
        JavaRDD<GradientItem> items = rows.mapPartitions(new PartitionGradients(shipped, pool.metadata(), done))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<JavaRDD<ItemDistance>> kept = new ArrayList<>();
        try {
            GradientItem first = TaskFailures.unwrapped(() -> items.reduce(SparkBadge::larger));
            List<GradientItem> candidates = new ArrayList<>(List.of(first));
            JavaRDD<ItemDistance> nearest = keep(kept, items.map(g -> new ItemDistance(g, g.squaredDistance(first))));
            double oversampling = 2.0 * budget;
            for (int pass = 0; pass < PASSES; pass++) {
                JavaRDD<ItemDistance> current = nearest;
                double total = TaskFailures.unwrapped(() -> current.mapToDouble(ItemDistance::squared).sum());
                if (total == 0) {
                    break; // every item sits on a candidate
                }
                long seed = random.nextLong();
                List<GradientItem> drawn = TaskFailures.unwrapped(() -> current.filter(n -> GumbelTopK.uniform(seed, n.item().id())
                        < oversampling * n.squared() / total).map(ItemDistance::item).collect());
                candidates.addAll(drawn);
                nearest = keep(kept, current.map(n -> n.closerOf(drawn)));
            }
            List<GradientItem> chosen = List.copyOf(candidates);
            Map<Integer, Long> weights = TaskFailures.unwrapped(() -> items.map(g -> nearestIndex(g, chosen))
                    .countByValue());
            return kMeansPlusPlus(candidates, weights, budget, random);
        } finally {
            kept.forEach(rdd -> rdd.unpersist(false));
            items.unpersist(false);
        }
    }

    private static JavaRDD<ItemDistance> keep(List<JavaRDD<ItemDistance>> kept, JavaRDD<ItemDistance> rdd) {
        rdd.persist(StorageLevel.MEMORY_AND_DISK());
        kept.add(rdd);
        return rdd;
    }

    /** BADGE's k-means++ seeding over weighted candidates, the first being {@code argmax ||g||}. */
    static Selection kMeansPlusPlus(List<GradientItem> candidates, Map<Integer, Long> weights, int budget, SplittableRandom random) {
        int n = candidates.size();
        int picks = Math.min(budget, n);
        long[] ids = new long[picks];
        float[] scores = new float[picks];
        boolean[] taken = new boolean[n];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int pick = 0;
        for (int b = 0; b < picks; b++) {
            if (b > 0) {
                double total = 0;
                for (int i = 0; i < n; i++) {
                    total += taken[i] ? 0 : weights.getOrDefault(i, 0L) * nearest[i];
                }
                pick = total > 0 ? draw(nearest, weights, taken, total, random) : uniformPick(taken, random);
            }
            GradientItem chosen = candidates.get(pick);
            ids[b] = chosen.id();
            scores[b] = (float) Math.sqrt(b == 0 ? chosen.squaredNorm() : nearest[pick]);
            taken[pick] = true;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], candidates.get(i).squaredDistance(chosen));
            }
        }
        if (picks < budget) {
            throw new IllegalStateException("k-means|| gathered " + n + " candidates for a budget of " + budget
                    + "; the pool's gradient embeddings have fewer distinct points than the budget.");
        }
        return new Selection(ids, scores);
    }

    private static int draw(double[] nearest, Map<Integer, Long> weights, boolean[] taken, double total,
            SplittableRandom random) {
        double target = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < nearest.length; i++) {
            double w = taken[i] ? 0 : weights.getOrDefault(i, 0L) * nearest[i];
            if (w > 0) {
                last = i;
                target -= w;
                if (target < 0) {
                    return i;
                }
            }
        }
        return last; // rounding left a sliver past the end
    }

    private static int uniformPick(boolean[] taken, SplittableRandom random) {
        int free = 0;
        for (boolean t : taken) {
            free += t ? 0 : 1;
        }
        int target = random.nextInt(free);
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i] && target-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("no candidate left");
    }

    /** The item with the larger {@code ||g||}; ties to the lower id. */
    private static GradientItem larger(GradientItem x, GradientItem y) {
        int by = Double.compare(x.squaredNorm(), y.squaredNorm());
        return by > 0 || by == 0 && x.id() < y.id() ? x : y;
    }

    /** The index of the candidate nearest an item (ties: the lower index). */
    static int nearestIndex(GradientItem g, List<GradientItem> candidates) {
        int best = 0;
        double bestSquared = Double.POSITIVE_INFINITY;
        for (int c = 0; c < candidates.size(); c++) {
            double s = g.squaredDistance(candidates.get(c));
            if (s < bestSquared) {
                bestSquared = s;
                best = c;
            }
        }
        return best;
    }

    /** An item and its squared distance to the nearest candidate so far. */
    record ItemDistance(GradientItem item, double squared) implements Serializable {

        ItemDistance closerOf(List<GradientItem> added) {
            double s = squared;
            for (GradientItem c : added) {
                s = Math.min(s, item.squaredDistance(c));
            }
            return new ItemDistance(item, s);
        }
    }
}
