package dev.quarry.bayesian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * One uncertainty score per item from its predictive distribution; a higher score is queried
 * first. Inputs are {@code (n, C)} probabilities or {@code (n, T, C)} MC-dropout probabilities;
 * everything is computed with NDArray operations on the input's device and returned as float32
 * {@code (n)}. Elementwise work (the logs) stays in float32, which halves the memory traffic of
 * float64; the per-item sums are carried to float64 before they are combined, so BALD's difference
 * of two entropies does not lose digits.
 *
 * <p>With {@code (n, T, C)} input, least confidence, margin and entropy score the MC mean {@code
 * pbar = mean_t p}; BALD, variation ratio and mean-std need T passes by definition.
 *
 * <h2>References</h2>
 * Settles, "Active Learning Literature Survey", 2009 (least confidence, margin, entropy);
 * Houlsby et al., "Bayesian Active Learning for Classification and Preference Learning", 2011, and
 * Gal, Islam and Ghahramani, "Deep Bayesian Active Learning with Image Data", ICML 2017 (BALD,
 * variation ratio, mean standard deviation over MC dropout).
 */
public enum UncertaintyMeasure {

    /** {@code 1 - max_c pbar}. */
    LEAST_CONFIDENCE("least-confidence", false, true) {
        @Override
        NDArray scoreClamped(NDArray p) {
            return mean(p).max(new int[] {1}).neg().add(1.0);
        }
    },

    /** {@code -(pbar(1) - pbar(2))}: minus the gap between the two most probable classes. */
    MARGIN("margin", false, false) {
        @Override
        NDArray scoreClamped(NDArray p) {
            NDArray top2 = mean(p).topK(2, 1, true, true).get(0);
            return top2.get(":, 1").sub(top2.get(":, 0"));
        }
    },

    /** {@code H(pbar) = -sum_c pbar_c ln pbar_c}, with {@code 0 ln 0 = 0}. */
    ENTROPY("entropy", false, true) {
        @Override
        NDArray scoreClamped(NDArray p) {
            return entropy(mean(p), 1);
        }
    },

    /** {@code H(pbar) - mean_t H(p_t)}: the mutual information between the label and the weights. */
    BALD("bald", true, true) {
        @Override
        NDArray scoreClamped(NDArray p) {
            return entropy(mean(p), 1).sub(entropy(p, 2).mean(new int[] {1}));
        }
    },

    /**
     * {@code 1 - f_mode / T}, where {@code f_mode} counts the passes whose argmax is the most
     * frequent class (ties inside a pass: the lower class).
     */
    VARIATION_RATIO("variation-ratio", true, true) {
        @Override
        NDArray scoreClamped(NDArray p) {
            long samples = p.getShape().get(1);
            int classes = (int) p.getShape().get(2);
            NDArray votes = p.argMax(2).oneHot(classes, DataType.FLOAT64).sum(new int[] {1});
            return votes.max(new int[] {1}).div((double) samples).neg().add(1.0);
        }
    },

    /**
     * {@code mean_c sqrt(E_t[p^2] - (E_t p)^2)}: the average standard deviation of the class
     * probabilities, computed as {@code E_t[(p - E_t p)^2]} so that small variances do not cancel.
     */
    MEAN_STD("mean-std", true, true) {
        @Override
        NDArray scoreClamped(NDArray p) {
            NDArray mean = p.mean(new int[] {1}, true);
            NDArray variance = p.sub(mean).square().sum(new int[] {1}).toType(DataType.FLOAT64, false)
                    .div((double) p.getShape().get(1));
            return variance.sqrt().mean(new int[] {1});
        }
    };

    private final String strategyName;
    private final boolean needsPasses;
    private final boolean nonNegative;

    UncertaintyMeasure(String strategyName, boolean needsPasses, boolean nonNegative) {
        this.strategyName = strategyName;
        this.needsPasses = needsPasses;
        this.nonNegative = nonNegative;
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
     * Whether the measure is defined only over T >= 2 MC passes.
     *
     * @return true for BALD, variation ratio and mean-std
     */
    public boolean needsPasses() {
        return needsPasses;
    }

    /**
     * Whether every score is >= 0 (all but margin), which power sampling requires.
     *
     * @return true if scores are non-negative
     */
    public boolean isNonNegative() {
        return nonNegative;
    }

    /**
     * Scores each item after clamping its probabilities into [0, 1].
     *
     * @param p {@code (n, C)} or {@code (n, T, C)} probabilities with C >= 2
     * @return {@code (n)} float32 scores, in {@code p}'s manager
     */
    public NDArray score(NDArray p) {
        requireShape(p.getShape());
        return scoreClamped(p.clip(0f, 1f)).toType(DataType.FLOAT32, false);
    }

    /** Fails unless the shape is {@code (n, C)} or {@code (n, T, C)} with C >= 2, and T is there when needed. */
    void requireShape(Shape shape) {
        int rank = shape.dimension();
        if ((rank != 2 && rank != 3) || shape.get(rank - 1) < 2) {
            throw new IllegalArgumentException(strategyName + ": probabilities have shape " + shape
                    + " but (N, C) or (N, T, C) with C >= 2 was expected.");
        }
        if (needsPasses && rank != 3) {
            throw new IllegalArgumentException(strategyName + " needs MC-dropout probabilities (N, T, C); got shape "
                    + shape + ".");
        }
    }

    abstract NDArray scoreClamped(NDArray clamped);

    /** The MC mean over passes as float64 {@code (n, C)}; {@code (n, C)} input is only widened. */
    static NDArray mean(NDArray p) {
        NDArray m = p.getShape().dimension() == 3 ? p.sum(new int[] {1}).div((float) p.getShape().get(1)) : p;
        return m.toType(DataType.FLOAT64, false);
    }

    /**
     * {@code -sum p ln p} over {@code axis} with {@code 0 ln 0 = 0}: elementwise in the input's type,
     * the result as float64.
     */
    static NDArray entropy(NDArray p, int axis) {
        // p * ln(max(p, tiny)) is exactly 0 where p = 0, and p ln p elsewhere.
        NDArray tiny = p.getDataType() == DataType.FLOAT64 ? p.clip(Double.MIN_NORMAL, 1.0) : p.clip(Float.MIN_NORMAL, 1f);
        return p.mul(tiny.log()).sum(new int[] {axis}).neg().toType(DataType.FLOAT64, false);
    }
}
