package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.RoundInputs;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Selector;
import dev.quarry.runtime.VectorApi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
public final class TypiClustSelector implements Selector {

    /** Clusters at most, whatever |L| + B. */
    public static final int MAX_CLUSTERS = 500;
    /** Clusters smaller than this are dropped. */
    public static final int MIN_CLUSTER_SIZE = 6;
    /** Neighbours of the typicality at most (K = min(this, size / 2)). */
    public static final int MAX_NEIGHBOURS = 20;

    private final long blockBytes = PairwiseDistances.DEFAULT_BUDGET_BYTES;

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.embeddings(), Input.labeledEmbeddings());
    }

    @Override
    public Selection select(RoundInputs round, int budget) {
        NDArray pool = round.embeddings();
        NDArray labeled = round.labeledEmbeddings();
        int n = round.size();
        int l = DiversityInputs.any(labeled) ? Math.toIntExact(labeled.getShape().get(0)) : 0;
        try (NDManager scope = pool.getManager().newSubManager()) {
            scope.tempAttachAll(pool);
            NDArray all = DiversityInputs.normalized(pool);
            if (l > 0) {
                scope.tempAttachAll(labeled);
                all = NDArrays.concat(new NDList(all, DiversityInputs.normalized(labeled)), 0);
            }
            int k = Math.min(Math.min(l + budget, MAX_CLUSTERS), n + l);
            HostRows rows = VectorApi.runsOn(all.getDevice()) ? HostRows.of(all) : null;
            KMeans.Clustering clustering = rows != null ? KMeans.fit(all, rows, k, round.random())
                    : KMeans.fit(all, k, round.random(), blockBytes);
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
                }
            }
            if (rows != null) {
                order.parallelStream().forEach(c -> hostTypicalities(rows, members.get(c), n, typicality));
            } else {
                for (int c : order) {
                    typicalities(all, members.get(c), n, typicality);
                }
            }
            order.sort(Comparator.<Integer>comparingInt(c -> labeledIn[c])
                    .thenComparing(c -> -members.get(c).size()).thenComparing(c -> c));
            return roundRobin(round, budget, order, members, typicality);
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

    /** {@link #typicalities} on the host: each unlabeled member's distances to the cluster in one pass. */
    private static void hostTypicalities(HostRows rows, List<Integer> cluster, int n, float[] typicality) {
        int size = cluster.size();
        int neighbours = Math.min(MAX_NEIGHBOURS, size / 2);
        int[] members = cluster.stream().mapToInt(Integer::intValue).toArray();
        HostRows.Columns columns = new HostRows.Columns(rows, members);
        float[] squared = new float[columns.stride];
        float[] smallest = new float[neighbours + 1];
        for (int item : members) {
            if (item >= n) {
                continue;
            }
            columns.squaredDistances(rows.data, item * rows.width, rows.squaredNorms[item], 0, size, squared);
            typicality[item] = typicality(squared, size, smallest);
        }
    }

    /**
     * An item's typicality from its squared distances to every member of its cluster (its own 0
     * among them): {@code 1 / mean Euclidean distance to its K nearest neighbours}, K = {@code
     * smallest.length - 1}.
     *
     * @param squared the squared distances, the first {@code size} of them
     * @param size the cluster's members
     * @param smallest scratch for the K + 1 smallest
     * @return the typicality ({@code Float.MAX_VALUE} when every neighbour sits on the item)
     */
    public static float typicality(float[] squared, int size, float[] smallest) {
        // The K + 1 smallest squared distances, ascending; the first is the item's own (0).
        int kept = 0;
        for (int j = 0; j < size; j++) {
            float d = squared[j];
            if (kept < smallest.length || d < smallest[kept - 1]) {
                int at = Math.min(kept, smallest.length - 1);
                while (at > 0 && smallest[at - 1] > d) {
                    smallest[at] = smallest[at - 1];
                    at--;
                }
                smallest[at] = d;
                kept = Math.min(kept + 1, smallest.length);
            }
        }
        int neighbours = smallest.length - 1;
        double sum = 0;
        for (int j = 1; j <= neighbours; j++) {
            sum += (float) Math.sqrt(smallest[j]);
        }
        float mean = (float) (sum / neighbours);
        return mean > 0 ? 1 / mean : Float.MAX_VALUE;
    }

    private static Selection roundRobin(RoundInputs round, int budget, List<Integer> order, List<List<Integer>> members,
            float[] typicality) {
        int n = round.size();
        List<int[]> queues = new ArrayList<>();
        for (int c : order) {
            int[] unlabeled = members.get(c).stream().mapToInt(Integer::intValue).filter(i -> i < n).toArray();
            Integer[] boxed = Arrays.stream(unlabeled).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, Comparator.<Integer>comparingDouble(i -> -typicality[i]).thenComparing(i -> i));
            queues.add(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
        }
        int[] next = new int[queues.size()];
        boolean[] taken = new boolean[n];
        int[] picked = new int[budget];
        float[] scores = new float[budget];
        int count = 0;
        boolean progress = true;
        while (count < budget && progress) {
            progress = false;
            for (int q = 0; q < queues.size() && count < budget; q++) {
                if (next[q] < queues.get(q).length) {
                    int item = queues.get(q)[next[q]++];
                    taken[item] = true;
                    picked[count] = item;
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
            int item = WeightedDraw.draw(new float[n], eligible, round.random());
            taken[item] = true;
            picked[count] = item;
            scores[count++] = typicality[item];
        }
        return new Selection(round.idsAt(picked), scores);
    }

    @Override
    public String toString() {
        return "most typical item per cluster (at most " + MAX_CLUSTERS + " clusters, >= " + MIN_CLUSTER_SIZE
                + " items each, " + MAX_NEIGHBOURS + " neighbours)";
    }
}
