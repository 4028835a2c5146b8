package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.runtime.VectorApi;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded k-means: k-means++ seeding (each new center drawn with probability
 * proportional to the squared distance to the nearest chosen one), then Lloyd iterations until
 * the assignments stop changing, with assignments and centroid sums computed in blocks. An empty
 * cluster keeps its previous centroid. On a CPU with the Vector API it runs on the host, pruned
 * ({@link HostKMeans}); elsewhere on the device.
 *
 * <h2>References</h2>
 * Arthur and Vassilvitskii, "k-means++: The Advantages of Careful Seeding", SODA 2007.
 */
final class KMeans {

    /** Lloyd iterations at most. */
    static final int MAX_ITERATIONS = 25;

    private KMeans() {}

    /**
     * The clustering.
     *
     * @param centroids {@code (k, d)} in the input's manager
     * @param assignment each row's cluster
     * @param seeds the rows k-means++ chose as initial centers
     */
    record Clustering(NDArray centroids, int[] assignment, int[] seeds) {

        /**
         * Cluster sizes.
         *
         * @param k the number of clusters
         * @return members per cluster
         */
        int[] sizes(int k) {
            int[] sizes = new int[k];
            for (int a : assignment) {
                sizes[a]++;
            }
            return sizes;
        }
    }

    /**
     * Clusters the rows of x.
     *
     * @param x {@code (N, d)} float32
     * @param k the number of clusters, in {@code [1, N]}
     * @param random the generator of the seeding
     * @param budgetBytes working memory per block
     * @return the clustering; its centroids live in x's manager
     */
    static Clustering fit(NDArray x, int k, SplittableRandom random, long budgetBytes) {
        requireClusters(k, Math.toIntExact(x.getShape().get(0)));
        if (VectorApi.runsOn(x.getDevice())) {
            return fit(x, HostRows.of(x), k, random);
        }
        int[] seeds = seed(x, k, random);
        NDArray centroids = x.get(x.getManager().create(Arrays.stream(seeds).asLongStream().toArray()));
        int[] assignment = PairwiseDistances.nearest(x, centroids, budgetBytes);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            NDArray next = centroidsOf(x, assignment, k, centroids, budgetBytes);
            centroids.close();
            centroids = next;
            int[] reassigned = PairwiseDistances.nearest(x, centroids, budgetBytes);
            boolean stable = Arrays.equals(reassigned, assignment);
            assignment = reassigned;
            if (stable) {
                break;
            }
        }
        return new Clustering(centroids, assignment, seeds);
    }

    /**
     * Clusters rows already copied to the host ({@link HostKMeans}).
     *
     * @param x {@code (N, d)} float32, whose manager receives the centroids
     * @param rows x's host copy
     * @param k the number of clusters, in {@code [1, N]}
     * @param random the generator of the seeding
     * @return the clustering
     */
    static Clustering fit(NDArray x, HostRows rows, int k, SplittableRandom random) {
        requireClusters(k, rows.rows);
        HostKMeans.Result result = HostKMeans.fit(rows, k, random, MAX_ITERATIONS);
        NDArray centroids = x.getManager().create(result.centroids(), new Shape(k, rows.width));
        return new Clustering(centroids, result.assignment(), result.seeds());
    }

    private static void requireClusters(int k, int n) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k-means needs 1 <= k <= N; got k = " + k + " for " + n + " rows.");
        }
    }

    /** k-means++ seeding: distinct rows, the first uniform, each next one proportional to D^2. */
    static int[] seed(NDArray x, int k, SplittableRandom random) {
        int n = Math.toIntExact(x.getShape().get(0));
        int[] seeds = new int[k];
        boolean[] eligible = new boolean[n];
        Arrays.fill(eligible, true);
        seeds[0] = random.nextInt(n);
        eligible[seeds[0]] = false;
        try (NDManager scope = x.getManager().newSubManager()) {
            scope.tempAttachAll(x);
            NDArray norms = x.square().sum(new int[] {1});
            NDArray nearest = distancesTo(x, norms, seeds[0]);
            for (int c = 1; c < k; c++) {
                float[] weights = nearest.toFloatArray();
                for (int i = 0; i < n; i++) {
                    if (!eligible[i]) {
                        weights[i] = 0;
                    }
                }
                seeds[c] = WeightedDraw.draw(weights, eligible, random);
                eligible[seeds[c]] = false;
                try (NDScope step = new NDScope()) {
                    NDArray updated = nearest.minimum(distancesTo(x, norms, seeds[c]));
                    NDScope.unregister(updated);
                    nearest.close();
                    nearest = updated;
                }
            }
        }
        return seeds;
    }

    private static NDArray distancesTo(NDArray x, NDArray norms, int row) {
        NDArray c = x.get(row);
        return norms.add(c.square().sum()).sub(x.matMul(c).mul(2f)).clip(0f, Float.MAX_VALUE);
    }

    /** Means of the members of each cluster, computed in blocks; an empty cluster keeps its old centroid. */
    private static NDArray centroidsOf(NDArray x, int[] assignment, int k, NDArray previous, long budgetBytes) {
        long n = x.getShape().get(0);
        long d = x.getShape().get(1);
        NDManager manager = x.getManager();
        NDArray sums = manager.zeros(new Shape(k, d), DataType.FLOAT32);
        long rows = PairwiseDistances.blockRows(k, budgetBytes);
        for (long from = 0; from < n; from += rows) {
            long to = Math.min(n, from + rows);
            try (NDScope scope = new NDScope()) {
                long[] labels = new long[(int) (to - from)];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = assignment[(int) from + i];
                }
                NDArray oneHot = manager.create(labels).oneHot(k, DataType.FLOAT32);
                sums.addi(oneHot.transpose().matMul(x.get(new NDIndex(from + ":" + to))));
            }
        }
        int[] sizes = new int[k];
        for (int a : assignment) {
            sizes[a]++;
        }
        float[] counts = new float[k];
        float[] keep = new float[k];
        for (int c = 0; c < k; c++) {
            counts[c] = Math.max(1, sizes[c]);
            keep[c] = sizes[c] == 0 ? 1 : 0;
        }
        try (NDScope scope = new NDScope()) {
            NDArray means = sums.div(manager.create(counts, new Shape(k, 1)));
            NDArray kept = manager.create(keep, new Shape(k, 1));
            NDArray result = means.mul(kept.neg().add(1f)).add(previous.mul(kept));
            NDScope.unregister(result);
            sums.close();
            return result;
        }
    }
}
