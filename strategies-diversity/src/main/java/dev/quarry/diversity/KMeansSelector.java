package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.RoundInputs;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * k-means with k = B on the pool's embeddings (k-means++ seeding from the round's generator),
 * then from each cluster the member nearest its centroid (ties: the lower id), in seeding order.
 * If Lloyd's iterations leave a cluster empty, the remaining picks are the members nearest their
 * centroids among those not yet picked. Scores are the picks' distances to their centroids.
 */
public final class KMeansSelector implements Selector {

    /** Lloyd iterations at most. */
    public static final int MAX_ITERATIONS = KMeans.MAX_ITERATIONS;

    private final long blockBytes = PairwiseDistances.DEFAULT_BUDGET_BYTES;

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.embeddings());
    }

    @Override
    public Selection select(RoundInputs round, int budget) {
        NDArray pool = round.embeddings();
        try (NDManager scope = pool.getManager().newSubManager()) {
            scope.tempAttachAll(pool);
            KMeans.Clustering clustering = KMeans.fit(pool, budget, round.random(), blockBytes);
            float[] own = distancesToOwnCentroid(pool, clustering.centroids(), clustering.assignment(), blockBytes);
            int[] best = new int[budget];
            java.util.Arrays.fill(best, -1);
            for (int i = 0; i < own.length; i++) {
                int c = clustering.assignment()[i];
                if (best[c] < 0 || own[i] < own[best[c]]) {
                    best[c] = i;
                }
            }
            List<Integer> picks = new ArrayList<>();
            boolean[] taken = new boolean[own.length];
            for (int c = 0; c < budget; c++) {
                if (best[c] >= 0) {
                    picks.add(best[c]);
                    taken[best[c]] = true;
                }
            }
            while (picks.size() < budget) {
                int next = -1;
                for (int i = 0; i < own.length; i++) {
                    if (!taken[i] && (next < 0 || own[i] < own[next])) {
                        next = i;
                    }
                }
                picks.add(next);
                taken[next] = true;
            }
            int[] positions = picks.stream().mapToInt(Integer::intValue).toArray();
            float[] scores = new float[budget];
            for (int i = 0; i < budget; i++) {
                scores[i] = (float) Math.sqrt(own[positions[i]]);
            }
            return new Selection(round.idsAt(positions), scores);
        }
    }

    /** Squared distance of every row to its own centroid, in blocks. */
    static float[] distancesToOwnCentroid(NDArray x, NDArray centroids, int[] assignment, long blockBytes) {
        long n = x.getShape().get(0);
        long k = centroids.getShape().get(0);
        float[] out = new float[(int) n];
        long rows = PairwiseDistances.blockRows(k, blockBytes);
        for (long from = 0; from < n; from += rows) {
            long to = Math.min(n, from + rows);
            try (NDScope scope = new NDScope()) {
                float[] block = PairwiseDistances.squared(x.get(from + ":" + to), centroids).toFloatArray();
                for (long i = from; i < to; i++) {
                    out[(int) i] = block[(int) ((i - from) * k + assignment[(int) i])];
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "k-means (k = budget, k-means++ seeding, at most " + KMeans.MAX_ITERATIONS + " iterations)";
    }
}
