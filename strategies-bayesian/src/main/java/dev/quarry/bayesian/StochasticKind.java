package dev.quarry.bayesian;

import dev.quarry.engine.strategy.ScoreRanking;

/**
 * How stochastic batch acquisition turns scores into sampling weights (log-weights here; {@code
 * -inf} means weight 0).
 *
 * <h2>References</h2>
 * Kirsch, Farquhar, Atighehchian, Jesson, Branchaud-Charron and Gal, "Stochastic Batch Acquisition:
 * A Simple Baseline for Deep Active Learning", TMLR 2023.
 */
public enum StochasticKind {

    /** Weights {@code max(score, 0)^(1 / temperature)}: for non-negative scores. */
    POWER("power") {
        @Override
        public double[] logWeights(float[] scores, double temperature) {
            double[] w = new double[scores.length];
            for (int i = 0; i < scores.length; i++) {
                w[i] = scores[i] > 0 ? Math.log(scores[i]) / temperature : Double.NEGATIVE_INFINITY;
            }
            return w;
        }
    },

    /** Weights {@code exp(score / temperature)}. */
    SOFTMAX("softmax") {
        @Override
        public double[] logWeights(float[] scores, double temperature) {
            double[] w = new double[scores.length];
            for (int i = 0; i < scores.length; i++) {
                w[i] = scores[i] / temperature;
            }
            return w;
        }
    },

    /** Weights {@code rank^(-1 / temperature)}, rank 1 being the highest score (ties: lower position). */
    SOFTRANK("softrank") {
        @Override
        public double[] logWeights(float[] scores, double temperature) {
            int[] order = ScoreRanking.topK(scores, scores.length);
            double[] w = new double[scores.length];
            for (int r = 0; r < order.length; r++) {
                w[order[r]] = -Math.log(r + 1.0) / temperature;
            }
            return w;
        }
    };

    private final String prefix;

    StochasticKind(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The name prefix, such as {@code power} in {@code power-bald}.
     *
     * @return the prefix
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The log sampling weight of each item.
     *
     * @param scores finite scores, higher = more informative
     * @param temperature > 0; lower is greedier
     * @return log-weights, {@code -inf} for weight 0
     */
    public abstract double[] logWeights(float[] scores, double temperature);
}
