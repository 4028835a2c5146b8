package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.Selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * TypiClust: k-means of the L2-normalized embeddings of labeled and unlabeled items into {@code
 * min(|L| + B, 500)} clusters; clusters of 5 items or fewer are dropped; the rest are ordered by
 * (labeled items ascending, size descending) and visited round-robin, each visit taking the cluster's
 * unlabeled item of highest typicality {@code 1 / mean distance to its K = min(20, size/2) nearest
 * neighbours in the cluster} (Euclidean; ties: the lower id). If the clusters run out, the rest is
 * drawn uniformly. Scores are the typicalities.
 *
 * <h2>References</h2>
 * Hacohen, Dekel and Weinshall, "Active Learning on a Budget: Opposite Strategies Suit High and Low
 * Budgets", ICML 2022.
 */
public final class TypiClustStrategy implements QueryStrategy {

    /** The registry name. */
    public static final String NAME = "typiclust";

    static final int MAX_CLUSTERS = 500;
    static final int MIN_CLUSTER_SIZE = 6;
    static final int MAX_NEIGHBOURS = 20;

    private final long blockBytes = PairwiseDistances.DEFAULT_BUDGET_BYTES;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Requirement> requirements() {
        return EnumSet.of(Requirement.EMBEDDINGS, Requirement.LABELED_EMBEDDINGS);
    }

    @Override
    public Selection select(QueryContext context, int budget) {
        DiversityInputs.Query query = DiversityInputs.read(NAME, context, budget, true);
        long[] ids = query.ids();
        NDArray pool = query.pool();
        NDArray labeled = query.labeled();
        int n = ids.length;
        int l = DiversityInputs.any(labeled) ? Math.toIntExact(labeled.getShape().get(0)) : 0;
        try (NDManager scope = pool.getManager().newSubManager()) {
            scope.tempAttachAll(pool);
            NDArray all = DiversityInputs.normalized(pool);
            if (l > 0) {
                scope.tempAttachAll(labeled);
                all = NDArrays.concat(new NDList(all, DiversityInputs.normalized(labeled)), 0);
            }
            int k = Math.min(Math.min(l + budget, MAX_CLUSTERS), n + l);
            KMeans.Clustering clustering = KMeans.fit(all, k, context.random(), blockBytes);
            int[] assignment = clustering.assignment();
            List<List<Integer>> members = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                members.add(new ArrayList<>());
            }
            int[] labeledIn = new int[k];
            for (int i = 0; i < n + l; i++) {
                members.get(assignment[i]).add(i);
                if (i >= n) {
                    labeledIn[assignment[i]]++;
                }
            }
            float[] typicality = new float[n];
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                if (members.get(c).size() >= MIN_CLUSTER_SIZE) {
                    order.add(c);
                    typicalities(all, members.get(c), n, typicality);
                }
            }
            order.sort(Comparator.<Integer>comparingInt(c -> labeledIn[c])
                    .thenComparing(c -> -members.get(c).size()).thenComparing(c -> c));
            return roundRobin(ids, budget, order, members, typicality, context);
        }
    }

    /** Fills the typicality of the cluster's unlabeled members (rows below n). */
    private void typicalities(NDArray all, List<Integer> cluster, int n, float[] typicality) {
        int size = cluster.size();
        int neighbours = Math.min(MAX_NEIGHBOURS, size / 2);
        try (NDScope scope = new NDScope()) {
            NDArray points = all.get(all.getManager().create(cluster.stream().mapToLong(Integer::longValue).toArray()));
            long rows = PairwiseDistances.blockRows(size, blockBytes);
            for (long from = 0; from < size; from += rows) {
                long to = Math.min(size, from + rows);
                try (NDScope block = new NDScope()) {
                    NDArray d = PairwiseDistances.squared(points.get(from + ":" + to), points).sqrt();
                    // The smallest distance of a row is its own (0); the next `neighbours` are its neighbours.
                    NDArray nearest = d.topK(neighbours + 1, 1, false, true).get(0);
                    float[] mean = nearest.get(":, 1:").mean(new int[] {1}).toFloatArray();
                    for (int r = 0; r < mean.length; r++) {
                        int item = cluster.get((int) from + r);
                        if (item < n) {
                            typicality[item] = mean[r] > 0 ? 1 / mean[r] : Float.MAX_VALUE;
                        }
                    }
                }
            }
        }
    }

    private static Selection roundRobin(long[] ids, int budget, List<Integer> order, List<List<Integer>> members,
            float[] typicality, QueryContext context) {
        int n = ids.length;
        List<int[]> queues = new ArrayList<>();
        for (int c : order) {
            int[] unlabeled = members.get(c).stream().mapToInt(Integer::intValue).filter(i -> i < n).toArray();
            Integer[] boxed = Arrays.stream(unlabeled).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, Comparator.<Integer>comparingDouble(i -> -typicality[i]).thenComparing(i -> i));
            queues.add(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
        }
        int[] next = new int[queues.size()];
        boolean[] taken = new boolean[n];
        long[] picked = new long[budget];
        float[] scores = new float[budget];
        int count = 0;
        boolean progress = true;
        while (count < budget && progress) {
            progress = false;
            for (int q = 0; q < queues.size() && count < budget; q++) {
                if (next[q] < queues.get(q).length) {
                    int item = queues.get(q)[next[q]++];
                    taken[item] = true;
                    picked[count] = ids[item];
                    scores[count++] = typicality[item];
                    progress = true;
                }
            }
        }
        while (count < budget) {
            boolean[] eligible = new boolean[n];
            for (int i = 0; i < n; i++) {
                eligible[i] = !taken[i];
            }
            int item = WeightedDraw.draw(new float[n], eligible, context.random());
            taken[item] = true;
            picked[count] = ids[item];
            scores[count++] = typicality[item];
        }
        return new Selection(picked, scores);
    }

    @Override
    public String toString() {
        return "TypiClustStrategy{maxClusters=" + MAX_CLUSTERS + ", minClusterSize=" + MIN_CLUSTER_SIZE
                + ", maxNeighbours=" + MAX_NEIGHBOURS + "}";
    }
}
