package dev.quarry.engine.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Greedy k-center (Core-Set) as NDArray operations: {@code mind[u]} is the squared distance from
 * each pool item to its nearest center; B times the item with the largest {@code mind} becomes a
 * center (ties: the lower position, as {@code argMax} returns the first maximum) and {@code mind}
 * is lowered by the distances to it.
 *
 * <p>The initial minimum over the labeled centers runs in blocks ({@link
 * PairwiseDistances#minSquared}); each pick is one matrix-vector product over the pool, with no
 * {@code (N, d)} temporary. The picks stay on the device between iterations (the index of one pick
 * gathers its row and updates {@code mind} directly), so a GPU never waits for the host until the
 * B picks are copied back at the end.
 *
 * <h2>References</h2>
 * Sener and Savarese, "Active Learning for Convolutional Neural Networks: A Core-Set Approach",
 * ICLR 2018.
 */
public final class KCenterGreedy {

    private KCenterGreedy() {}

    /**
     * Runs the greedy.
     *
     * @param pool {@code (N, d)} float32 embeddings of the candidates
     * @param labeled {@code (L, d)} embeddings of the current centers, or null / empty: then the
     *     first pick is the item closest to the pool mean
     * @param budget B, in {@code [1, N]}
     * @param budgetBytes working memory for the blocked initial minimum
     * @return the picks
     */
    public static KCenterPicks select(NDArray pool, NDArray labeled, int budget, long budgetBytes) {
        long n = pool.getShape().get(0);
        if (budget < 1 || budget > n) {
            throw new IllegalArgumentException("k-center budget " + budget + " must be in [1, " + n + "].");
        }
        boolean hasLabeled = labeled != null && labeled.getShape().get(0) > 0;
        try (NDManager scope = pool.getManager().newSubManager()) {
            scope.tempAttachAll(pool);
            if (hasLabeled) {
                PairwiseDistances.requireSameWidth(pool, labeled);
                scope.tempAttachAll(labeled);
            }
            // Picks go into preallocated device arrays: keeping one small tensor alive per pick pins
            // freed N-sized buffers between them (heap fragmentation, ~1 N-vector per pick).
            NDArray picks = scope.zeros(new Shape(budget), DataType.INT64);
            NDArray distances = scope.zeros(new Shape(budget), DataType.FLOAT32);
            NDArray norms = PairwiseDistances.squaredNorms(pool);
            NDArray mind;
            int picked = 0;
            if (hasLabeled) {
                mind = PairwiseDistances.minSquared(pool, labeled, budgetBytes);
            } else {
                try (NDScope step = new NDScope()) {
                    NDArray toMean = PairwiseDistances.squaredTo(pool, norms, pool.mean(new int[] {0}));
                    NDArray first = toMean.argMin();
                    picks.set(new NDIndex(0), first);
                    distances.set(new NDIndex(0), toMean.get(new NDIndex("{}", first)));
                    mind = PairwiseDistances.squaredTo(pool, norms, pool.get(new NDIndex("{}", first)));
                    mind.set(new NDIndex("{}", first), -1f);
                    NDScope.unregister(mind);
                }
                picked = 1;
            }
            for (; picked < budget; picked++) {
                try (NDScope step = new NDScope()) {
                    NDArray pick = mind.argMax();
                    picks.set(new NDIndex(picked), pick);
                    distances.set(new NDIndex(picked), mind.get(new NDIndex("{}", pick)));
                    NDArray next = mind.minimum(PairwiseDistances.squaredTo(pool, norms, pool.get(new NDIndex("{}", pick))));
                    next.set(new NDIndex("{}", pick), -1f); // never picked twice
                    NDScope.unregister(next);
                    mind.close();
                    mind = next;
                }
            }
            long[] positions = picks.toLongArray();
            float[] euclidean = distances.sqrt().toFloatArray();
            int[] out = new int[positions.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) positions[i];
            }
            return new KCenterPicks(out, euclidean);
        }
    }
}
