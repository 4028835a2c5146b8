package dev.quarry.bayesian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Scores of a predictive distribution {@code p} of shape {@code (N, C)}; a higher score means more
 * uncertain, queried first. Computed as NDArray operations on {@code p}'s device.
 *
 * <h2>References</h2>
 * Settles, "Active Learning Literature Survey", 2009 (least confidence, margin, entropy);
 * Shannon, 1948 (entropy, natural log here).
 */
public enum UncertaintyMeasure {

    /** {@code 1 - max_c p}. */
    LEAST_CONFIDENCE("least-confidence") {
        @Override
        NDArray scoreClamped(NDArray p) {
            return p.max(new int[] {1}).neg().add(1f);
        }
    },

    /** {@code -(p(1) - p(2))}: minus the gap between the two most probable classes. */
    MARGIN("margin") {
        @Override
        NDArray scoreClamped(NDArray p) {
            NDArray top2 = p.topK(2, 1, true, true).get(0);
            return top2.get(":, 1").sub(top2.get(":, 0"));
        }
    },

    /** {@code H(p) = -sum_c p_c ln p_c}, with {@code 0 ln 0 = 0}, accumulated in float64. */
    ENTROPY("entropy") {
        @Override
        NDArray scoreClamped(NDArray p) {
            NDArray d = p.toType(DataType.FLOAT64, false);
            // p * ln(max(p, tiny)) is exactly 0 where p = 0, and p ln p elsewhere.
            NDArray plogp = d.mul(d.clip(Double.MIN_NORMAL, 1.0).log());
            return plogp.sum(new int[] {1}).neg().toType(DataType.FLOAT32, false);
        }
    };

    private final String strategyName;

    UncertaintyMeasure(String strategyName) {
        this.strategyName = strategyName;
    }

    /**
     * The strategy name this measure is registered under.
     *
     * @return the name
     */
    public String strategyName() {
        return strategyName;
    }

    /**
     * Scores each row of {@code p} after clamping it into [0, 1].
     *
     * @param p {@code (N, C)} probabilities with C >= 2
     * @return {@code (N)} float32 scores, in {@code p}'s manager
     */
    public NDArray score(NDArray p) {
        if (p.getShape().dimension() != 2 || p.getShape().get(1) < 2) {
            throw new IllegalArgumentException(strategyName + ": probabilities have shape " + p.getShape()
                    + " but (N, C) with C >= 2 was expected.");
        }
        return scoreClamped(p.clip(0f, 1f));
    }

    abstract NDArray scoreClamped(NDArray clamped);
}
