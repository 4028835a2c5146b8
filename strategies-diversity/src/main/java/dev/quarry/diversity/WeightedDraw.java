package dev.quarry.diversity;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws one index with probability proportional to non-negative weights, from a seeded generator. */
final class WeightedDraw {

    private WeightedDraw() {}

    /**
     * Draws an index.
     *
     * @param weights non-negative weights; excluded items have weight 0
     * @param eligible which items may be drawn when every weight is 0 (then the draw is uniform over them)
     * @param random the generator
     * @return the index, or -1 if nothing is eligible
     */
    static int draw(float[] weights, boolean[] eligible, SplittableRandom random) {
        double total = 0;
        for (float w : weights) {
            total += Math.max(0, w);
        }
        if (total > 0) {
            double target = random.nextDouble() * total;
            double cumulative = 0;
            int last = -1;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] > 0) {
                    cumulative += weights[i];
                    last = i;
                    if (target < cumulative) {
                        return i;
                    }
                }
            }
            return last;
        }
        return uniform(eligible, random);
    }

    /** One of the eligible items, uniformly (-1 if none). */
    private static int uniform(boolean[] eligible, SplittableRandom random) {
        int count = 0;
        for (boolean e : eligible) {
            count += e ? 1 : 0;
        }
        if (count == 0) {
            return -1;
        }
        int k = random.nextInt(count);
        for (int i = 0; i < eligible.length; i++) {
            if (eligible[i] && k-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * {@link #draw} over weights that change a few at a time: sums of blocks of {@value #BLOCK}
     * weights are kept (each recomputed in index order when one of its weights changes), so a draw
     * walks the blocks, then one block. The same generator calls pick the same item as {@link #draw}
     * unless the target falls within rounding (about 1e-16 of the total) of an item's boundary.
     */
    static final class Blocked {

        static final int BLOCK = 1024;

        private final float[] weights;
        private final boolean[] eligible;
        private final double[] sums;
        private final int[] lastPositive;
        private final boolean[] stale;

        /**
         * Starts from the given weights; both arrays are shared and updated through {@link #set}.
         *
         * @param weights non-negative weights
         * @param eligible which items may be drawn when every weight is 0
         */
        Blocked(float[] weights, boolean[] eligible) {
            this.weights = weights;
            this.eligible = eligible;
            this.sums = new double[(weights.length + BLOCK - 1) / BLOCK];
            this.lastPositive = new int[sums.length];
            this.stale = new boolean[sums.length];
            Arrays.fill(stale, true);
        }

        /**
         * Changes one weight.
         *
         * @param i the item
         * @param weight its new weight, at least 0
         */
        void set(int i, float weight) {
            weights[i] = weight;
            stale[i / BLOCK] = true;
        }

        /**
         * Draws an index.
         *
         * @param random the generator
         * @return the index, or -1 if nothing is eligible
         */
        int draw(SplittableRandom random) {
            double total = 0;
            for (int b = 0; b < sums.length; b++) {
                if (stale[b]) {
                    double sum = 0;
                    lastPositive[b] = -1;
                    for (int i = b * BLOCK; i < Math.min(weights.length, (b + 1) * BLOCK); i++) {
                        sum += Math.max(0, weights[i]);
                        lastPositive[b] = weights[i] > 0 ? i : lastPositive[b];
                    }
                    sums[b] = sum;
                    stale[b] = false;
                }
                total += sums[b];
            }
            if (!(total > 0)) {
                return uniform(eligible, random);
            }
            double target = random.nextDouble() * total;
            double cumulative = 0;
            int last = -1;
            for (int b = 0; b < sums.length; b++) {
                if (sums[b] == 0) {
                    continue;
                }
                if (cumulative + sums[b] <= target && b < sums.length - 1) {
                    cumulative += sums[b];
                    last = lastPositive[b];
                    continue;
                }
                for (int i = b * BLOCK; i < Math.min(weights.length, (b + 1) * BLOCK); i++) {
                    if (weights[i] > 0) {
                        cumulative += weights[i];
                        last = i;
                        if (target < cumulative) {
                            return i;
                        }
                    }
                }
            }
            return last;
        }
    }
}
