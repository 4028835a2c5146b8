package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.kernels.HostCopy;
import dev.quarry.engine.kernels.KCenterGreedy;
import dev.quarry.engine.kernels.KCenterJava;
import dev.quarry.engine.kernels.KCenterPicks;
import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.RoundInputs;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Selector;

import java.util.Objects;
import java.util.Set;

/**
 * Core-Set greedy k-center on the pool's embeddings, with the labeled items as initial centers:
 * B times, the item farthest from every center becomes one (ties: the lower id). Without labeled
 * items the first pick is the item closest to the pool mean. Scores are each pick's Euclidean
 * distance to its nearest center at the time it was picked.
 *
 * <p>Two exact implementations: {@code device} (NDArray operations that stay on the device between
 * picks; the choice on a GPU) and {@code java} (host arrays, pruned with the triangle inequality;
 * the choice on a CPU, where it measured faster). They agree up to float rounding of near-ties.
 *
 * <h2>References</h2>
 * Sener and Savarese, "Active Learning for Convolutional Neural Networks: A Core-Set Approach",
 * ICLR 2018.
 */
public final class KCenterSelector implements Selector {

    /** Which kernel runs the greedy. */
    public enum Implementation {
        /** Device kernel on a GPU, accelerated Java kernel on a CPU. */
        AUTO,
        /** NDArray operations on the round's device. */
        DEVICE,
        /** Host arrays with triangle-inequality pruning. */
        JAVA
    }

    private final Implementation implementation;
    private final long blockBytes;

    /**
     * Creates the selector.
     *
     * @param options which kernel, and the working memory of the blocked distance computations
     */
    public KCenterSelector(KCenterOptions options) {
        this.implementation = Objects.requireNonNull(options, "options").implementation();
        this.blockBytes = options.blockMb() * (1L << 20);
    }

    @Override
    public Set<Input> inputs() {
        return Set.of(Input.embeddings(), Input.labeledEmbeddings());
    }

    @Override
    public Selection select(RoundInputs round, int budget) {
        KCenterPicks picks = greedy(round.embeddings(), round.labeledEmbeddings(), budget, round.device().isGpu());
        return new Selection(round.idsAt(picks.positions()), picks.distances());
    }

    /**
     * Runs the configured kernel.
     *
     * @param pool {@code (N, d)}
     * @param labeled {@code (L, d)}, L may be 0
     * @param budget B
     * @param onGpu whether the arrays are on a GPU
     * @return the picks
     */
    KCenterPicks greedy(NDArray pool, NDArray labeled, int budget, boolean onGpu) {
        boolean device = implementation == Implementation.DEVICE || (implementation == Implementation.AUTO && onGpu);
        if (device) {
            return KCenterGreedy.select(pool, labeled, budget, blockBytes);
        }
        int d = Math.toIntExact(pool.getShape().get(1));
        boolean hasLabeled = DiversityInputs.any(labeled);
        int[] owner;
        try (NDManager scope = pool.getManager().newSubManager()) {
            scope.tempAttachAll(pool);
            if (hasLabeled) {
                scope.tempAttachAll(labeled);
                owner = PairwiseDistances.nearest(pool, labeled, blockBytes);
            } else {
                owner = new int[Math.toIntExact(pool.getShape().get(0))];
            }
        }
        return KCenterJava.accelerated(HostCopy.floats(pool), d, hasLabeled ? HostCopy.floats(labeled) : new float[0], owner,
                budget);
    }

    @Override
    public String toString() {
        return "k-center greedy (" + implementation + ", " + (blockBytes >> 20) + " MiB blocks)";
    }
}
