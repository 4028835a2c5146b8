package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;

/** Transforms of embeddings that several diversity selectors share. */
final class DiversityInputs {

    private DiversityInputs() {}

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
     * @param labeled {@code (L, d)}
     * @return true if L > 0
     */
    static boolean any(NDArray labeled) {
        return labeled.getShape().get(0) > 0;
    }
}
