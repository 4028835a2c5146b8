package dev.quarry.diversity;

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
}
