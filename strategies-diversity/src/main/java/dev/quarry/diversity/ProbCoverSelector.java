package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;

import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.RoundInputs;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Selector;
import dev.quarry.runtime.VectorApi;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProbCover: maximum coverage of δ-balls. On L2-normalized embeddings, item x covers y when {@code
 * ||h_x - h_y|| < δ} (every item covers itself). Items within δ of a labeled item are covered
 * already; B times, the item covering the most uncovered items is picked (ties: the lower id) and
 * everything it covers becomes covered. When everything is covered, the remaining picks are
 * uniform from the seeded generator.
 *
 * <p>The δ-ball graph is built into sparse adjacency lists, out-edges and their transpose; no N × N
 * matrix exists. On a CPU it is pruned by the triangle inequality ({@link HostBallGraph}); on a GPU
 * it is built block by block from thresholded distances (rounding at the ball's edge need not be
 * symmetric there). With {@code
 * delta=auto}, δ is the largest value on a 0.01 grid for which at least {@code purity} of the items
 * have only same-cluster items in their ball, clusters being k-means ({@code pseudoClasses}) of the
 * embeddings: one blocked pass computes each item's distance to its nearest item of another cluster.
 *
 * <h2>References</h2>
 * Yehuda, Dekel, Hacohen and Weinshall, "Active Learning Through a Covering Lens", NeurIPS 2022.
 */
public final class ProbCoverSelector implements Selector {

    /** Edges at most (512 MiB of ints): a denser graph means δ is far too large for the pool. */
    static final long MAX_EDGES = 1L << 27;

    private static final Logger LOG = LoggerFactory.getLogger(ProbCoverSelector.class);
    private static final double GRID = 0.01;

    private final double delta;
    private final double purity;
    private final int pseudoClasses;
    private final boolean automatic;
    private final long blockBytes = PairwiseDistances.DEFAULT_BUDGET_BYTES;

    /**
     * Creates the selector.
     *
     * @param options δ (or auto), the purity and the pseudo-classes of the automatic δ
     */
    public ProbCoverSelector(ProbCoverOptions options) {
        this.automatic = options.delta().isEmpty();
        this.delta = options.delta().orElse(0);
        this.purity = options.purity();
        this.pseudoClasses = options.pseudoClasses();
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.embeddings(), Input.labeledEmbeddings());
    }

    @Override
    public Selection select(RoundInputs round, int budget) {
        NDArray pool = round.embeddings();
        NDArray labeled = round.labeledEmbeddings();
        try (NDManager scope = pool.getManager().newSubManager()) {
            scope.tempAttachAll(pool);
            NDArray z = DiversityInputs.normalized(pool);
            HostRows rows = VectorApi.runsOn(z.getDevice()) ? HostRows.of(z) : null;
            double radius = automatic ? automaticDelta(z, rows, round.random()) : delta;
            int[][] graph = graph(z, rows, radius, MAX_EDGES);
            boolean[] covered = new boolean[round.size()];
            if (DiversityInputs.any(labeled)) {
                scope.tempAttachAll(labeled);
                float[] toLabeled = PairwiseDistances.minSquared(z, DiversityInputs.normalized(labeled), blockBytes)
                        .toFloatArray();
                for (int y = 0; y < covered.length; y++) {
                    covered[y] = toLabeled[y] < radius * radius;
                }
            }
            Coverage coverage = new Coverage(graph, covered);
            int[] picks = coverage.greedy(budget, round.random());
            float[] scores = coverage.gains.clone();
            long labeledCount = DiversityInputs.any(labeled) ? labeled.getShape().get(0) : 0;
            LOG.info("probcover: delta {} ({}), covered {} of {} unlabeled items after the selection ({} labeled)",
                    String.format(Locale.ROOT, "%.2f", radius), automatic ? "auto" : "given",
                    coverage.coveredCount(), round.size(), labeledCount);
            return new Selection(round.idsAt(picks), scores);
        }
    }

    /**
     * The largest δ on the grid whose balls are pure for at least {@code purity} of the items.
     *
     * @param z unit-length embeddings
     * @param rows their host copy, when the host kernels run, else null
     * @param random for the k-means seeding
     * @return δ
     */
    double automaticDelta(NDArray z, HostRows rows, SplittableRandom random) {
        int n = Math.toIntExact(z.getShape().get(0));
        int k = Math.min(pseudoClasses, n);
        KMeans.Clustering clusters = rows != null ? KMeans.fit(z, rows, k, random) : KMeans.fit(z, k, random, blockBytes);
        float[] nearestOther = nearestOtherCluster(z, clusters.assignment(), blockBytes);
        float[] sorted = nearestOther.clone();
        Arrays.sort(sorted);
        // pure at δ  <=>  nearestOther >= δ: the largest δ keeping a fraction `purity` is a quantile.
        int allowedImpure = (int) Math.floor((1 - purity) * n);
        double quantile = Math.sqrt(Math.max(0, sorted[Math.min(n - 1, allowedImpure)]));
        double chosen = Math.floor(quantile / GRID) * GRID;
        return Math.max(GRID, chosen);
    }

    /** For every row, the squared distance to the nearest row with another label (+inf if none). */
    static float[] nearestOtherCluster(NDArray z, int[] labels, long blockBytes) {
        long n = z.getShape().get(0);
        float[] out = new float[(int) n];
        NDManager manager = z.getManager();
        NDArray all = manager.create(Arrays.stream(labels).asLongStream().toArray());
        long rows = PairwiseDistances.blockRows(n, blockBytes);
        for (long from = 0; from < n; from += rows) {
            long to = Math.min(n, from + rows);
            try (NDScope scope = new NDScope()) {
                NDArray d2 = PairwiseDistances.squared(z.get(from + ":" + to), z);
                NDArray same = all.get(from + ":" + to).expandDims(1).eq(all.expandDims(0));
                // Same-label pairs become +inf so the row minimum is over other labels only.
                NDArray masked = d2.add(same.toType(DataType.FLOAT32, false).mul(Float.MAX_VALUE));
                float[] block = masked.min(new int[] {1}).toFloatArray();
                System.arraycopy(block, 0, out, (int) from, block.length);
            }
        }
        all.close();
        return out;
    }

    /**
     * The δ-ball graph of unit-length embeddings as adjacency lists (row {@code x} lists every {@code
     * y} with {@code ||z_x − z_y|| < δ}, itself included), built block by block on their device.
     *
     * @param z {@code (N, d)} unit-length embeddings
     * @param delta the ball radius δ
     * @return the out-neighbours of every row
     * @throws IllegalArgumentException if the graph would exceed {@value #MAX_EDGES} edges
     */
    public static int[][] ballGraph(NDArray z, double delta) {
        return graph(z, delta, MAX_EDGES);
    }

    /**
     * Adjacency lists of the δ-ball graph: pruned on the host on a CPU with the Vector API ({@link
     * HostBallGraph}), else block by block from thresholded distances on the device.
     */
    static int[][] graph(NDArray z, double radius, long maxEdges) {
        return graph(z, VectorApi.runsOn(z.getDevice()) ? HostRows.of(z) : null, radius, maxEdges);
    }

    /** The graph from the host copy of z when there is one, else on z's device. */
    private static int[][] graph(NDArray z, HostRows rows, double radius, long maxEdges) {
        return rows != null ? HostBallGraph.build(rows, radius, maxEdges) : deviceGraph(z, radius, maxEdges);
    }

    /** Adjacency lists of the δ-ball graph, built block by block from thresholded distances. */
    static int[][] deviceGraph(NDArray z, double radius, long maxEdges) {
        long n = z.getShape().get(0);
        int[][] neighbours = new int[(int) n][];
        long rows = PairwiseDistances.blockRows(n, PairwiseDistances.DEFAULT_BUDGET_BYTES);
        long edges = 0;
        float threshold = (float) (radius * radius);
        for (long from = 0; from < n; from += rows) {
            long to = Math.min(n, from + rows);
            try (NDScope scope = new NDScope()) {
                NDArray inside = PairwiseDistances.squared(z.get(from + ":" + to), z).lt(threshold);
                long[] pairs = inside.nonzero().toLongArray(); // (E, 2) row-major: block row, column
                int[] counts = new int[(int) (to - from)];
                for (int e = 0; e < pairs.length; e += 2) {
                    counts[(int) pairs[e]]++;
                }
                for (int r = 0; r < counts.length; r++) {
                    neighbours[(int) from + r] = new int[counts[r]];
                }
                int[] fill = new int[counts.length];
                for (int e = 0; e < pairs.length; e += 2) {
                    int r = (int) pairs[e];
                    neighbours[(int) from + r][fill[r]++] = (int) pairs[e + 1];
                }
                edges += pairs.length / 2;
                if (edges > maxEdges) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "delta %.3f makes the ball graph too dense "
                            + "(over %d edges for %d items); choose a smaller delta or use maxPool.", radius, maxEdges, n));
                }
            }
        }
        return neighbours;
    }

    /** The greedy maximum coverage over the graph, with out-degrees counting uncovered neighbours. */
    static final class Coverage {
        private final int[][] graph;
        private final int[][] reverse;
        private final boolean[] covered;
        private final int[] degree;
        float[] gains = new float[0];

        Coverage(int[][] graph, boolean[] covered) {
            this.graph = graph;
            this.reverse = transpose(graph);
            this.covered = covered.clone();
            this.degree = new int[graph.length];
            for (int x = 0; x < graph.length; x++) {
                for (int y : graph[x]) {
                    degree[x] += this.covered[y] ? 0 : 1;
                }
            }
        }

        int[] greedy(int budget, SplittableRandom random) {
            int n = graph.length;
            int[] picks = new int[budget];
            gains = new float[budget];
            boolean[] picked = new boolean[n];
            for (int b = 0; b < budget; b++) {
                int best = -1;
                for (int x = 0; x < n; x++) {
                    if (!picked[x] && (best < 0 || degree[x] > degree[best])) {
                        best = x;
                    }
                }
                if (degree[best] == 0) {
                    // Everything is covered: the rest is drawn uniformly.
                    boolean[] eligible = new boolean[n];
                    for (int x = 0; x < n; x++) {
                        eligible[x] = !picked[x];
                    }
                    best = WeightedDraw.draw(new float[n], eligible, random);
                }
                picks[b] = best;
                gains[b] = degree[best];
                picked[best] = true;
                cover(best);
            }
            return picks;
        }

        private void cover(int x) {
            for (int y : graph[x]) {
                if (!covered[y]) {
                    covered[y] = true;
                    for (int w : reverse[y]) { // every item with an edge into y loses it
                        degree[w]--;
                    }
                }
            }
        }

        private static int[][] transpose(int[][] graph) {
            int[] counts = new int[graph.length];
            for (int[] out : graph) {
                for (int y : out) {
                    counts[y]++;
                }
            }
            int[][] reverse = new int[graph.length][];
            for (int y = 0; y < graph.length; y++) {
                reverse[y] = new int[counts[y]];
            }
            int[] fill = new int[graph.length];
            for (int x = 0; x < graph.length; x++) {
                for (int y : graph[x]) {
                    reverse[y][fill[y]++] = x;
                }
            }
            return reverse;
        }

        int coveredCount() {
            int count = 0;
            for (boolean c : covered) {
                count += c ? 1 : 0;
            }
            return count;
        }
    }

    @Override
    public String toString() {
        return "greedy coverage of " + (automatic ? "automatic" : String.valueOf(delta)) + "-balls";
    }
}
