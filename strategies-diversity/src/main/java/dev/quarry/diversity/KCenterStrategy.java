package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.kernels.KCenterGreedy;
import dev.quarry.engine.kernels.KCenterJava;
import dev.quarry.engine.kernels.KCenterPicks;
import dev.quarry.engine.kernels.PairwiseDistances;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.Selection;

import java.util.EnumSet;
import java.util.Locale;
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
public final class KCenterStrategy implements QueryStrategy {

    /** The registry name. */
    public static final String NAME = "kcenter";

    /** Which kernel runs the greedy. */
    public enum Implementation {
        /** Device kernel on a GPU, accelerated Java kernel on a CPU. */
        AUTO,
        /** NDArray operations on the context's device. */
        DEVICE,
        /** Host arrays with triangle-inequality pruning. */
        JAVA
    }

    private final Implementation implementation;
    private final long blockBytes;

    /**
     * Creates the strategy.
     *
     * @param implementation which kernel
     * @param blockMb working memory of the blocked distance computations
     */
    public KCenterStrategy(Implementation implementation, int blockMb) {
        this.implementation = Objects.requireNonNull(implementation, "implementation");
        if (blockMb < 1) {
            throw new IllegalArgumentException("Option blockMb " + blockMb + " must be >= 1.");
        }
        this.blockBytes = blockMb * (1L << 20);
    }

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
        KCenterPicks picks = greedy(pool, labeled, budget, context.device().isGpu());
        long[] picked = new long[budget];
        for (int i = 0; i < budget; i++) {
            picked[i] = ids[picks.positions()[i]];
        }
        return new Selection(picked, picks.distances());
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
        return KCenterJava.accelerated(pool.toFloatArray(), d, hasLabeled ? labeled.toFloatArray() : new float[0], owner,
                budget);
    }

    @Override
    public String toString() {
        return "KCenterStrategy{implementation=" + implementation.name().toLowerCase(Locale.ROOT) + ", blockMb="
                + (blockBytes >> 20) + "}";
    }
}
