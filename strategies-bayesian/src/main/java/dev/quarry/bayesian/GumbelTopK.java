package dev.quarry.bayesian;

import dev.quarry.engine.strategy.ScoreRanking;

import java.util.SplittableRandom;

/**
 * Sampling k items without replacement with probability proportional to their weights, in one
 * pass: the k largest of {@code log w_i + G_i}, with {@code G_i} standard Gumbel noise, are
 * distributed exactly like k sequential weighted draws without replacement, in draw order.
 * Items of weight 0 come last, uniformly at random, only when fewer than k items have weight.
 *
 * <h2>References</h2>
 * Kool, van Hoof and Welling, "Stochastic Beams and Where to Find Them: The Gumbel-Top-k Trick for
 * Sampling Sequences Without Replacement", ICML 2019.
 */
final class GumbelTopK {

    private GumbelTopK() {}

    /**
     * Draws k positions.
     *
     * @param logWeights one log-weight per item; {@code -inf} for weight 0
     * @param k how many, in {@code [0, n]}
     * @param random the seeded generator; one uniform draw per item, in position order
     * @return positions in draw order
     */
    static int[] sample(double[] logWeights, int k, SplittableRandom random) {
        int n = logWeights.length;
        float[] weighted = new float[n];
        float[] unweighted = new float[n];
        int positive = 0;
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double gumbel = -Math.log(-Math.log(u == 0 ? Double.MIN_VALUE : u));
            boolean hasWeight = logWeights[i] != Double.NEGATIVE_INFINITY;
            positive += hasWeight ? 1 : 0;
            weighted[i] = hasWeight ? (float) (logWeights[i] + gumbel) : Float.NEGATIVE_INFINITY;
            unweighted[i] = hasWeight ? Float.NEGATIVE_INFINITY : (float) gumbel;
        }
        int first = Math.min(k, positive);
        int[] out = new int[k];
        System.arraycopy(ScoreRanking.topK(weighted, first), 0, out, 0, first);
        if (first < k) {
            System.arraycopy(ScoreRanking.topK(unweighted, k - first), 0, out, first, k - first);
        }
        return out;
    }
}
