package dev.quarry.spark;

import dev.quarry.bayesian.GumbelTopK;
import dev.quarry.diversity.KMeansSelector;
import dev.quarry.diversity.TypiClustSelector;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionChecks;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import scala.Tuple2;

/**
 * The k-means-based strategies over a pool spread across a cluster, on Spark MLlib's distributed
 * k-means: k-means‖ seeding (Bahmani et al., a parallel k-means++ that oversamples candidates in a
 * few passes) and Lloyd's iterations, then Quarry's rule for what to take from the clusters. The
 * embeddings never meet on one machine. An approximation of the single-process strategy, not a
 * copy: k-means‖ seeds differently from k-means++ and MLlib draws from its own generator, so the
 * clusters, and the picks, differ; what is kept is the objective (the tests measure how close the
 * picks cover the pool compared with one process's).
 *
 * <ul>
 *   <li>{@code kmeans}: k = B clusters of the unlabeled embeddings; from each, the member nearest
 *       its centroid (ties: the lower id), in MLlib's cluster order; clusters left empty are made up
 *       by the members nearest their centroids among the rest.
 *   <li>{@code typiclust}: {@code min(|L| + B, 500)} clusters of the L2-normalized embeddings of
 *       labeled and unlabeled items; clusters of 5 or fewer dropped; the rest ordered by (labeled
 *       count ascending, size descending) and visited round-robin, each visit taking the cluster's
 *       next most typical unlabeled member ({@code 1 / mean distance to its K = min(20, size / 2)
 *       nearest neighbours in the cluster}), computed only for the clusters visited, each on one
 *       executor. If the clusters run out, the rest is drawn uniformly.
 * </ul>
 *
 * <h2>References</h2>
 * Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, "Scalable K-Means++", VLDB 2012. Hacohen,
 * Dekel and Weinshall, "Active Learning on a Budget: Opposite Strategies Suit High and Low Budgets",
 * ICML 2022.
 */
public final class SparkClusters {

    private SparkClusters() {}

    /**
     * {@code kmeans} on the cluster.
     *
     * @param spark the session
     * @param pool the pool
     * @param rows the pool's rows (usually {@code pool.rows().javaRDD()})
     * @param modelDirectory the round's model, saved by Quarry; its embeddings are the space
     * @param labeled the labeled ids
     * @param budget B, the number of clusters
     * @param random the round's generator (MLlib's seed is drawn from it)
     * @return the picks, scored by their distance to their centroid
     * @throws dev.quarry.engine.errors.InvalidInputException for a budget larger than the unlabeled pool
     * @throws IOException if the model cannot be read
     */
    public static Selection kmeans(SparkSession spark, SparkPool pool, JavaRDD<Row> rows, Path modelDirectory,
            long[] labeled, int budget, SplittableRandom random) throws IOException {
        SelectionChecks.requireBudget("kmeans", budget, Math.toIntExact(pool.metadata().size() - labeled.length));
        Set<Long> done = Arrays.stream(labeled).boxed().collect(Collectors.toCollection(HashSet::new));
        JavaRDD<Tuple2<Long, float[]>> embedded = embed(spark, pool, rows, modelDirectory, done, false);
        try {
            double[][] centers = fit(spark, embedded, budget, random.nextLong());
            // (distance² to its centroid, id) per item; per cluster the smallest.
            JavaRDD<Nearest> nearest = embedded.map(p -> Nearest.of(p._1(), p._2(), centers));
            List<Nearest> best = TaskFailures.unwrapped(() -> nearest.keyBy(Nearest::cluster)
                    .reduceByKey(Nearest::closer).values().collect());
            List<Nearest> picks = new ArrayList<>(best);
            picks.sort(Comparator.comparingInt(Nearest::cluster));
            if (picks.size() < budget) {
                Set<Long> taken = picks.stream().map(Nearest::id).collect(Collectors.toSet());
                for (Nearest n : TaskFailures.unwrapped(() -> nearest.takeOrdered(budget, new Nearest.Order()))) {
                    if (picks.size() < budget && !taken.contains(n.id())) {
                        picks.add(n);
                    }
                }
            }
            long[] ids = new long[budget];
            float[] scores = new float[budget];
            for (int i = 0; i < budget; i++) {
                ids[i] = picks.get(i).id();
                scores[i] = (float) Math.sqrt(picks.get(i).squared());
            }
            return new Selection(ids, scores);
        } finally {
            embedded.unpersist(false);
        }
    }

    /**
     * {@code typiclust} on the cluster.
     *
     * @param spark the session
     * @param pool the pool
     * @param rows the pool's rows
     * @param modelDirectory the round's model
     * @param labeled the labeled ids
     * @param budget B
     * @param random the round's generator (MLlib's seed, and the uniform draws if clusters run out)
     * @return the picks, scored by their typicality
     * @throws dev.quarry.engine.errors.InvalidInputException for a budget larger than the unlabeled pool
     * @throws IOException if the model cannot be read
     */
    public static Selection typiclust(SparkSession spark, SparkPool pool, JavaRDD<Row> rows, Path modelDirectory,
            long[] labeled, int budget, SplittableRandom random) throws IOException {
        int unlabeled = Math.toIntExact(pool.metadata().size() - labeled.length);
        SelectionChecks.requireBudget("typiclust", budget, unlabeled);
        Set<Long> done = Arrays.stream(labeled).boxed().collect(Collectors.toCollection(HashSet::new));
        JavaRDD<Tuple2<Long, float[]>> embedded = embed(spark, pool, rows, modelDirectory, Set.of(), true);
        try {
            int k = Math.min(Math.min(labeled.length + budget, TypiClustSelector.MAX_CLUSTERS), unlabeled + labeled.length);
            double[][] centers = fit(spark, embedded, k, random.nextLong());
            JavaRDD<Tuple2<Integer, Tuple2<Long, float[]>>> assigned = embedded.map(p -> new Tuple2<>(
                    Nearest.of(p._1(), p._2(), centers).cluster(), p)).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Map<Integer, int[]> counts = TaskFailures.unwrapped(() -> assigned.mapToPair(a -> new Tuple2<>(a._1(),
                        new int[] {1, done.contains(a._2()._1()) ? 1 : 0})).reduceByKey((x, y) -> new int[] {x[0] + y[0],
                        x[1] + y[1]}).collectAsMap());
                List<Integer> order = counts.keySet().stream().filter(c -> counts.get(c)[0] >= TypiClustSelector.MIN_CLUSTER_SIZE)
                        .sorted(Comparator.<Integer>comparingInt(c -> counts.get(c)[1]).thenComparing(c -> -counts.get(c)[0])
                                .thenComparing(c -> c)).toList();
                Map<Integer, Integer> visits = visits(order, c -> counts.get(c)[0] - counts.get(c)[1], budget);
                Map<Integer, List<Typical>> typical = new HashMap<>(TaskFailures.unwrapped(() -> assigned
                        .filter(a -> visits.containsKey(a._1())).groupBy(Tuple2::_1).mapToPair(cluster -> new Tuple2<>(
                                cluster._1(), mostTypical(cluster._2(), done, visits.get(cluster._1())))).collectAsMap()));
                return roundRobin(order, typical, budget, assigned.map(a -> a._2()._1()).filter(id -> !done.contains(id)),
                        random.nextLong());
            } finally {
                assigned.unpersist(false);
            }
        } finally {
            embedded.unpersist(false);
        }
    }

    /** The model's embeddings of the pool's rows except {@code skip}, shipped once and kept for the passes. */
    private static JavaRDD<Tuple2<Long, float[]>> embed(SparkSession spark, SparkPool pool, JavaRDD<Row> rows,
            Path modelDirectory, Set<Long> skip, boolean normalize) throws IOException {
        String shipped = ModelShipping.ship(JavaSparkContext.fromSparkContext(spark.sparkContext()), modelDirectory);
        JavaRDD<Tuple2<Long, float[]>> embedded = rows.mapPartitions(new PartitionEmbeddings(shipped, pool.metadata(),
                skip));
        if (normalize) {
            embedded = embedded.map(p -> new Tuple2<>(p._1(), unit(p._2())));
        }
        return embedded.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static float[] unit(float[] x) {
        double squared = 0;
        for (float v : x) {
            squared += (double) v * v;
        }
        if (squared == 0) {
            return x;
        }
        float[] out = new float[x.length];
        float norm = (float) Math.sqrt(squared);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / norm;
        }
        return out;
    }

    /** MLlib k-means (k-means‖ seeding, Lloyd to convergence or {@link KMeansSelector#MAX_ITERATIONS}); its centers. */
    private static double[][] fit(SparkSession spark, JavaRDD<Tuple2<Long, float[]>> points, int k, long seed)
            throws IOException {
        if (k == 1) { // MLlib's k-means asks for k >= 2; one cluster's centroid is the mean
            Tuple2<double[], Long> sum = TaskFailures.unwrapped(() -> points.map(p -> new Tuple2<>(doubles(p._2()), 1L))
                    .reduce((x, y) -> {
                        double[] s = x._1().clone();
                        for (int i = 0; i < s.length; i++) {
                            s[i] += y._1()[i];
                        }
                        return new Tuple2<>(s, x._2() + y._2());
                    }));
            double[] mean = sum._1();
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= sum._2();
            }
            return new double[][] {mean};
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("features", SQLDataTypes.VectorType());
        JavaRDD<Row> vectors = points.map(p -> RowFactory.create(p._1(), Vectors.dense(doubles(p._2()))));
        Dataset<Row> frame = spark.createDataFrame(vectors, schema);
        KMeansModel model = TaskFailures.unwrapped(() -> new KMeans().setK(k).setSeed(seed).setMaxIter(KMeansSelector.MAX_ITERATIONS)
                .setTol(0).setInitMode("k-means||").fit(frame));
        Vector[] centers = model.clusterCenters();
        double[][] out = new double[centers.length][];
        for (int c = 0; c < centers.length; c++) {
            out[c] = centers[c].toArray();
        }
        return out;
    }

    private static double[] doubles(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }

    /** How many picks each cluster gives when visited round-robin in order, each holding so many unlabeled. */
    static Map<Integer, Integer> visits(List<Integer> order, IntUnaryOperator unlabeled, int budget) {
        Map<Integer, Integer> visits = new HashMap<>();
        int count = 0;
        boolean progress = true;
        while (count < budget && progress) {
            progress = false;
            for (int c : order) {
                if (count < budget && visits.getOrDefault(c, 0) < unlabeled.applyAsInt(c)) {
                    visits.merge(c, 1, Integer::sum);
                    count++;
                    progress = true;
                }
            }
        }
        return visits;
    }

    /** A cluster's {@code wanted} most typical unlabeled members, most typical first (ties: the lower id). */
    static List<Typical> mostTypical(Iterable<Tuple2<Integer, Tuple2<Long, float[]>>> members, Set<Long> labeled,
            int wanted) {
        List<Tuple2<Long, float[]>> all = new ArrayList<>();
        members.forEach(m -> all.add(m._2()));
        int size = all.size();
        int neighbours = Math.min(TypiClustSelector.MAX_NEIGHBOURS, size / 2);
        List<Typical> out = new ArrayList<>();
        float[] squared = new float[size];
        float[] smallest = new float[neighbours + 1];
        for (Tuple2<Long, float[]> item : all) {
            if (labeled.contains(item._1())) {
                continue;
            }
            for (int j = 0; j < size; j++) {
                squared[j] = squaredDistance(item._2(), all.get(j)._2());
            }
            out.add(new Typical(item._1(), TypiClustSelector.typicality(squared, size, smallest)));
        }
        out.sort(Comparator.comparingDouble((Typical t) -> -t.typicality()).thenComparingLong(Typical::id));
        return new ArrayList<>(out.subList(0, Math.min(wanted, out.size())));
    }

    private static Selection roundRobin(List<Integer> order, Map<Integer, List<Typical>> typical, int budget,
            JavaRDD<Long> unlabeled, long base) throws IOException {
        Set<Long> picked = new LinkedHashSet<>();
        List<Float> scores = new ArrayList<>();
        Map<Integer, Integer> next = new HashMap<>();
        boolean progress = true;
        while (picked.size() < budget && progress) {
            progress = false;
            for (int c : order) {
                List<Typical> queue = typical.getOrDefault(c, List.of());
                int at = next.getOrDefault(c, 0);
                if (picked.size() < budget && at < queue.size()) {
                    picked.add(queue.get(at).id());
                    scores.add(queue.get(at).typicality());
                    next.put(c, at + 1);
                    progress = true;
                }
            }
        }
        if (picked.size() < budget) {
            // Uniform draws without replacement: the smallest keys of a per-item uniform from (base, id).
            int missing = budget - picked.size();
            Set<Long> before = Set.copyOf(picked);
            List<Long> drawn = TaskFailures.unwrapped(() -> unlabeled.filter(id -> !before.contains(id))
                    .takeOrdered(missing, new UniformOrder(base)));
            for (long id : drawn) {
                picked.add(id);
                scores.add(0f);
            }
        }
        long[] ids = picked.stream().mapToLong(Long::longValue).toArray();
        float[] s = new float[ids.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
        }
        return new Selection(ids, s);
    }

    private static float squaredDistance(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            float d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /** An item's typicality. */
    record Typical(long id, float typicality) implements Serializable {}

    /** An item, its nearest centroid and its squared distance to it. */
    record Nearest(long id, int cluster, double squared) implements Serializable {

        static Nearest of(long id, float[] x, double[][] centers) {
            int best = 0;
            double bestSquared = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centers.length; c++) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    double d = x[i] - centers[c][i];
                    s += d * d;
                }
                if (s < bestSquared) {
                    bestSquared = s;
                    best = c;
                }
            }
            return new Nearest(id, best, bestSquared);
        }

        /** The closer of two, ties to the lower id. */
        static Nearest closer(Nearest a, Nearest b) {
            return new Order().compare(a, b) <= 0 ? a : b;
        }

        /** By squared distance, then id. */
        static final class Order implements Comparator<Nearest>, Serializable {
            private static final long serialVersionUID = 1L;

            @Override
            public int compare(Nearest a, Nearest b) {
                int bySquared = Double.compare(a.squared(), b.squared());
                return bySquared != 0 ? bySquared : Long.compare(a.id(), b.id());
            }
        }
    }

    /** Ids by a uniform key drawn from (base, id), then id: a seeded uniform sample without replacement. */
    private record UniformOrder(long base) implements Comparator<Long>, Serializable {
        @Override
        public int compare(Long a, Long b) {
            int byKey = Double.compare(GumbelTopK.uniform(base, a), GumbelTopK.uniform(base, b));
            return byKey != 0 ? byKey : Long.compare(a, b);
        }
    }
}
