package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.Rows;
import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.RoundInputs;
import dev.quarry.engine.strategy.ScoreRanking;
import dev.quarry.engine.strategy.Scorer;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Selector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Cluster-margin: the {@code k_m = candidates × B} items of smallest margin {@code p(1) - p(2)} are
 * clustered by average-linkage agglomerative clustering of their embeddings (the loop computes
 * embeddings for the candidates only), and the batch is taken round-robin over the clusters,
 * smallest cluster first, each cluster in order of increasing margin (ties: the lower id). Scores
 * are {@code -(p(1) - p(2))}.
 *
 * <p>Unlike the paper, which clusters the whole pool once, the clustering runs each round on the
 * candidates only ({@code O(k_m^2)}), so the strategy stays stateless and works on any pool size;
 * {@code clusters} sets the cut (default: B clusters, at most one pick per cluster per pass).
 *
 * <h2>References</h2>
 * Citovsky, DeSalvo, Gentile, Karydas, Rajagopalan, Rostamizadeh and Kumar, "Batch Active Learning
 * at Scale", NeurIPS 2021.
 */
public final class ClusterMarginSelector implements Selector {

    /** The most candidates clustered (their distance matrix is k_m² doubles). */
    static final int MAX_CANDIDATES = 4000;

    /** The score whose lowest values are the candidates: {@code -(p(1) - p(2))} in float32. */
    static final Scorer MARGIN = Scorer.of("margin", Input.probabilities(), p -> {
        NDArray top2 = p.topK(2, 1, true, true).get(0);
        return top2.get(":, 1").sub(top2.get(":, 0"));
    });

    private final int candidates;
    private final int clusters;

    /**
     * Creates the selector.
     *
     * @param options k_m as a multiple of B, and the cut
     */
    public ClusterMarginSelector(ClusterMarginOptions options) {
        this.candidates = options.candidates();
        this.clusters = options.clusters().orElse(0);
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.embeddings());
    }

    @Override
    public boolean usesScores() {
        return true;
    }

    @Override
    public int candidates(int budget, int rows) {
        return Math.max(budget, (int) Math.min(rows, Math.min(MAX_CANDIDATES, (long) candidates * budget)));
    }

    @Override
    public Selection select(RoundInputs round, int budget) {
        float[] scores = round.scores();
        int km = scores.length;
        int[] chosen = ScoreRanking.topK(scores, km); // increasing margin; ties: the lower id
        try (NDManager scope = round.manager().newSubManager()) {
            NDArray h = round.embeddings();
            scope.tempAttachAll(h);
            NDArray points = h.get(scope.create(Arrays.stream(chosen).asLongStream().toArray()));
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
            int[] picks = new int[budget];
            int count = 0;
            for (int pass = 0; count < budget; pass++) {
                for (List<Integer> g : groups) {
                    if (pass < g.size() && count < budget) {
                        picks[count++] = chosen[g.get(pass)];
                    }
                }
            }
            return new Selection(round.idsAt(picks), Rows.valuesAt(scores, picks));
        }
    }

    @Override
    public String toString() {
        return "round-robin over average-linkage clusters of the " + candidates + " × budget lowest-margin items";
    }
}
