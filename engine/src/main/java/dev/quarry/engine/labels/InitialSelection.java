package dev.quarry.engine.labels;

import dev.quarry.engine.data.Shuffle;

import java.util.Arrays;
import java.util.SplittableRandom;

/** How the initial labeled set is drawn. */
public enum InitialSelection {
    /** Uniformly at random, without replacement. */
    RANDOM,
    /**
     * The same number from each class (the remainder to randomly ordered classes), drawn using the
     * ground truth: it simulates an expert who seeds the run with a few examples per class.
     */
    BALANCED;

    /**
     * Draws the initial ids.
     *
     * @param size how many, in {@code [1, truth.length]}
     * @param poolSize the pool size
     * @param truth ground truth per item (needed for BALANCED; may be null for RANDOM)
     * @param numClasses the number of classes
     * @param random the seeded generator
     * @return distinct ids, ascending
     */
    public long[] choose(int size, int poolSize, int[] truth, int numClasses, SplittableRandom random) {
        if (size < 1 || size > poolSize) {
            throw new IllegalArgumentException("Initial labeled size " + size + " must be in [1, " + poolSize
                    + "] (the pool size).");
        }
        int[] picked = this == RANDOM ? random(size, poolSize, random) : balanced(size, truth, numClasses, random);
        Arrays.sort(picked);
        return Arrays.stream(picked).asLongStream().toArray();
    }

    private static int[] random(int size, int poolSize, SplittableRandom random) {
        int[] all = new int[poolSize];
        Arrays.setAll(all, i -> i);
        Shuffle.shuffle(all, random);
        return Arrays.copyOf(all, size);
    }

    private static int[] balanced(int size, int[] truth, int numClasses, SplittableRandom random) {
        if (truth == null) {
            throw new IllegalArgumentException("A class-balanced initial set needs ground truth; use the random initial set.");
        }
        int[][] byClass = new int[numClasses][];
        int[] counts = new int[numClasses];
        for (int l : truth) {
            counts[l]++;
        }
        for (int c = 0; c < numClasses; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < truth.length; i++) {
            byClass[truth[i]][fill[truth[i]]++] = i;
        }
        int[] classOrder = new int[numClasses];
        Arrays.setAll(classOrder, c -> c);
        Shuffle.shuffle(classOrder, random);
        for (int[] members : byClass) {
            Shuffle.shuffle(members, random);
        }
        // Round-robin over classes in a random order; a class that runs out is skipped.
        int[] out = new int[size];
        int[] taken = new int[numClasses];
        int k = 0;
        while (k < size) {
            for (int c : classOrder) {
                if (k < size && taken[c] < byClass[c].length) {
                    out[k++] = byClass[c][taken[c]++];
                }
            }
        }
        return out;
    }
}
