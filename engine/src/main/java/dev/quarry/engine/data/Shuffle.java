package dev.quarry.engine.data;

import java.util.SplittableRandom;

/**
 * Fisher–Yates, the one shuffle every seeded draw in Quarry goes through: training orders, initial
 * sets, stratified splits, random selections and pool subsamples.
 */
public final class Shuffle {

    private Shuffle() {}

    /**
     * Shuffles an array in place (from the last position down, each swapped with a uniform earlier
     * or equal one).
     *
     * @param values the array
     * @param random the generator
     */
    public static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            swap(values, i, random.nextInt(i + 1));
        }
    }

    /**
     * Draws {@code k} distinct positions of {@code [0, n)} uniformly, in draw order: the first
     * {@code k} slots of a partial shuffle from the front.
     *
     * @param n how many positions there are
     * @param k how many to draw, in {@code [0, n]}
     * @param random the generator
     * @return the positions, in the order drawn
     */
    public static int[] draw(int n, int k, SplittableRandom random) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("Cannot draw " + k + " of " + n + " positions.");
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {
            swap(all, i, i + random.nextInt(n - i));
        }
        return java.util.Arrays.copyOf(all, k);
    }

    /**
     * The identity order {@code 0..n-1} shuffled: a fresh epoch order.
     *
     * @param n the length
     * @param random the generator
     * @return the order
     */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, random);
        return order;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
