package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;

import dev.quarry.engine.strategy.SelectionChecks;

/** Checks and transforms of embeddings that every diversity strategy shares. */
final class DiversityInputs {

    private DiversityInputs() {}

    /**
     * Checks pool and labeled embeddings: finite, same width.
     *
     * @param strategy the strategy's name
     * @param pool {@code (N, d)}
     * @param labeled {@code (L, d)}, L may be 0
     */
    static void check(String strategy, NDArray pool, NDArray labeled) {
        SelectionChecks.requireFinite(strategy, "embeddings", pool);
        if (labeled != null && labeled.getShape().get(0) > 0) {
            SelectionChecks.requireFinite(strategy, "labeled embeddings", labeled);
            if (labeled.getShape().get(1) != pool.getShape().get(1)) {
                throw new IllegalArgumentException("Strategy '" + strategy + "': labeled embeddings have width "
                        + labeled.getShape().get(1) + " but the pool's have " + pool.getShape().get(1) + ".");
            }
        }
    }

    /**
     * Rows scaled to unit length (zero rows stay zero).
     *
     * @param x {@code (N, d)}
     * @return {@code (N, d)}
     */
    static NDArray normalized(NDArray x) {
        NDArray norms = x.square().sum(new int[] {1}, true).sqrt().clip(1e-12f, Float.MAX_VALUE);
        return x.div(norms);
    }

    /**
     * Whether there are labeled rows.
     *
     * @param labeled {@code (L, d)} or null
     * @return true if L > 0
     */
    static boolean any(NDArray labeled) {
        return labeled != null && labeled.getShape().get(0) > 0;
    }
}
