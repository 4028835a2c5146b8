package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.ScoreRanking;
import dev.quarry.engine.strategy.Selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Cluster-margin: the {@code k_m = candidates × B} items of smallest margin {@code p(1) - p(2)} are
 * clustered by average-linkage agglomerative clustering of their embeddings, and the batch is
 * taken round-robin over the clusters, smallest cluster first, each cluster in order of increasing
 * margin (ties: the lower id). Scores are {@code -(p(1) - p(2))}.
 *
 * <p>Unlike the paper, which clusters the whole pool once, the clustering runs each round on the
 * candidates only ({@code O(k_m^2)}), so the strategy stays stateless and works on any pool size;
 * {@code clusters} sets the cut (default: B clusters, at most one pick per cluster per pass).
 *
 * <h2>References</h2>
 * Citovsky, DeSalvo, Gentile, Karydas, Rajagopalan, Rostamizadeh and Kumar, "Batch Active Learning
 * at Scale", NeurIPS 2021.
 */
public final class ClusterMarginStrategy implements QueryStrategy {

    /** The registry name. */
    public static final String NAME = "cluster-margin";

    /** The most candidates clustered (their distance matrix is k_m² doubles). */
    static final int MAX_CANDIDATES = 4000;

    private final int candidates;
    private final int clusters;

    /**
     * Creates the strategy.
     *
     * @param candidates k_m as a multiple of B, >= 1
     * @param clusters the number of clusters to cut the candidates into; 0 means B
     */
    public ClusterMarginStrategy(int candidates, int clusters) {
        if (candidates < 1) {
            throw new IllegalArgumentException("Option candidates " + candidates + " must be >= 1 (k_m = candidates × B).");
        }
        if (clusters < 0) {
            throw new IllegalArgumentException("Option clusters " + clusters + " must be >= 0 (0 = the budget).");
        }
        this.candidates = candidates;
        this.clusters = clusters;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Requirement> requirements() {
        return EnumSet.of(Requirement.PROBABILITIES, Requirement.EMBEDDINGS);
    }

    @Override
    public Selection select(QueryContext context, int budget) {
        DiversityInputs.ScoredQuery query = DiversityInputs.readScored(NAME, context, budget);
        long[] ids = query.ids();
        NDArray p = query.probabilities();
        NDArray h = query.pool();
        int km = (int) Math.min(ids.length, Math.min(MAX_CANDIDATES, (long) candidates * budget));
        km = Math.max(km, budget);
        try (NDManager scope = p.getManager().newSubManager()) {
            scope.tempAttachAll(p, h);
            NDArray top2 = p.topK(2, 1, true, true).get(0);
            float[] scores = top2.get(":, 1").sub(top2.get(":, 0")).toFloatArray(); // -(p1 - p2)
            int[] chosen = ScoreRanking.topK(scores, km);
            NDArray points = h.get(scope.create(java.util.Arrays.stream(chosen).asLongStream().toArray()));
            float[] d2 = PairwiseDistances.squared(points, points).toFloatArray();
            double[] distances = new double[d2.length];
            for (int i = 0; i < d2.length; i++) {
                distances[i] = Math.sqrt(d2[i]);
            }
            int cut = Math.min(km, clusters == 0 ? budget : clusters);
            int[] labels = AverageLinkage.cluster(distances, km, cut);
            List<List<Integer>> groups = new ArrayList<>();
            for (int c = 0; c < cut; c++) {
                groups.add(new ArrayList<>());
            }
            for (int i = 0; i < km; i++) {
                groups.get(labels[i]).add(i); // candidates are in increasing-margin order already
            }
            groups.sort(Comparator.<List<Integer>>comparingInt(List::size).thenComparing(g -> g.get(0)));
            long[] picked = new long[budget];
            float[] pickedScores = new float[budget];
            int count = 0;
            for (int pass = 0; count < budget; pass++) {
                for (List<Integer> g : groups) {
                    if (pass < g.size() && count < budget) {
                        int item = chosen[g.get(pass)];
                        picked[count] = ids[item];
                        pickedScores[count++] = scores[item];
                    }
                }
            }
            return new Selection(picked, pickedScores);
        }
    }

    @Override
    public String toString() {
        return "ClusterMarginStrategy{candidates=" + candidates + "×budget, clusters=" + (clusters == 0 ? "budget"
                : String.valueOf(clusters)) + ", linkage=average}";
    }
}
