package dev.quarry.bayesian;

import dev.quarry.engine.strategy.ScoreRanking;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Sampling k items without replacement with probability proportional to their weights, in one
 * pass: the k largest of {@code log w_i + G_i}, with {@code G_i} standard Gumbel noise, are
 * distributed exactly like k sequential weighted draws without replacement, in draw order.
 * Items of weight 0 come last, uniformly at random, only when fewer than k items have weight.
 *
 * <p>Each item's noise comes from the round's generator (one draw, the base) and the item's id
 * alone ({@link #gumbel}), not from its position among the candidates, so an item draws the same
 * noise wherever it is scored: in one process, or in any partition of a cluster.
 *
 * <h2>References</h2>
 * Kool, van Hoof and Welling, "Stochastic Beams and Where to Find Them: The Gumbel-Top-k Trick for
 * Sampling Sequences Without Replacement", ICML 2019.
 */
public final class GumbelTopK {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private GumbelTopK() {}

    /**
     * One item's draw: whether it has weight, and its key ({@code log w + G}, or {@code G} alone for
     * an item of weight 0). Items with weight come first, then by key, higher first; equal keys go
     * to the lower id.
     *
     * @param weighted whether the item has weight
     * @param key its key
     */
    public record Draw(boolean weighted, float key) implements Serializable {}

    /**
     * Standard Gumbel noise for one item.
     *
     * @param base the round's draw ({@code random.nextLong()} of the round's generator)
     * @param id the item's global id
     * @return {@code -log(-log(u))}, u uniform in (0, 1) from (base, id)
     */
    public static double gumbel(long base, long id) {
        double u = uniform(base, id);
        return -Math.log(-Math.log(u == 0 ? Double.MIN_VALUE : u));
    }

    /**
     * A uniform in [0, 1) for one item, the same wherever and whenever it is drawn: what per-item
     * draws without one generator's order are made of.
     *
     * @param base a draw of the round's generator
     * @param id the item's global id
     * @return the uniform
     */
    public static double uniform(long base, long id) {
        return new SplittableRandom(base ^ (id * GOLDEN)).nextDouble();
    }

    /**
     * One item's draw.
     *
     * @param logWeight its log-weight; {@code -inf} for weight 0
     * @param base the round's draw
     * @param id the item's global id
     * @return the draw
     */
    public static Draw draw(double logWeight, long base, long id) {
        double g = gumbel(base, id);
        boolean hasWeight = logWeight != Double.NEGATIVE_INFINITY;
        return new Draw(hasWeight, (float) (hasWeight ? logWeight + g : g));
    }

    /**
     * Draws k positions.
     *
     * @param logWeights one log-weight per item; {@code -inf} for weight 0
     * @param ids the items' global ids, ascending
     * @param k how many, in {@code [0, n]}
     * @param random the round's seeded generator; one draw, the base of every item's noise
     * @return positions in draw order
     */
    static int[] sample(double[] logWeights, long[] ids, int k, SplittableRandom random) {
        int n = logWeights.length;
        long base = random.nextLong();
        float[] weighted = new float[n];
        float[] unweighted = new float[n];
        int positive = 0;
        for (int i = 0; i < n; i++) {
            Draw d = draw(logWeights[i], base, ids[i]);
            positive += d.weighted() ? 1 : 0;
            weighted[i] = d.weighted() ? d.key() : Float.NEGATIVE_INFINITY;
            unweighted[i] = d.weighted() ? Float.NEGATIVE_INFINITY : d.key();
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
