package dev.quarry.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, class-stratified splits and subsamples: each class keeps its share of the items, with
 * the rounding remainder given to the classes with the largest fractional share (ties: lower class).
 */
public final class StratifiedSampling {

    private StratifiedSampling() {}

    /**
     * Splits a dataset into two stratified parts.
     *
     * @param data labeled items
     * @param secondSize how many items go to the second part
     * @param seed the shuffle seed
     * @return {@code [first, second]} as index arrays, each in ascending order
     */
    public static int[][] split(ArrayDataset data, int secondSize, long seed) {
        if (secondSize <= 0 || secondSize >= data.size()) {
            throw new IllegalArgumentException("Split size " + secondSize + " must be in [1, " + (data.size() - 1)
                    + "] for " + data.name() + " (" + data.size() + " items).");
        }
        return split(data.labels(), data.numClasses(), secondSize, seed);
    }

    /**
     * Splits labeled positions into two stratified parts.
     *
     * @param labels each position's class, in {@code [0, classes)}
     * @param classes the number of classes
     * @param secondSize how many positions go to the second part, in {@code [1, labels.length - 1]}
     * @param seed the shuffle seed
     * @return {@code [first, second]} as position arrays, each in ascending order
     */
    public static int[][] split(int[] labels, int classes, int secondSize, long seed) {
        if (secondSize <= 0 || secondSize >= labels.length) {
            throw new IllegalArgumentException("Split size " + secondSize + " must be in [1, " + (labels.length - 1)
                    + "] for " + labels.length + " items.");
        }
        List<int[]> byClass = shuffledByClass(labels, classes, new SplittableRandom(seed));
        int[] quota = quotas(byClass, secondSize, labels.length);
        int[] second = new int[secondSize];
        int[] first = new int[labels.length - secondSize];
        int s = 0;
        int f = 0;
        for (int c = 0; c < byClass.size(); c++) {
            int[] members = byClass.get(c);
            for (int i = 0; i < members.length; i++) {
                if (i < quota[c]) {
                    second[s++] = members[i];
                } else {
                    first[f++] = members[i];
                }
            }
        }
        Arrays.sort(first);
        Arrays.sort(second);
        return new int[][] {first, second};
    }

    /**
     * A stratified subsample.
     *
     * @param data labeled items
     * @param size how many to keep; all of them when {@code size >= data.size()}
     * @param seed the shuffle seed
     * @return indices in ascending order
     */
    public static int[] sample(ArrayDataset data, int size, long seed) {
        if (size <= 0) {
            throw new IllegalArgumentException("Sample size " + size + " must be > 0.");
        }
        if (size >= data.size()) {
            int[] all = new int[data.size()];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return split(data, size, seed)[1];
    }

    /**
     * A long-tailed subsample: class {@code c} keeps {@code round(n_c · ratio^(-c / (C - 1)))} of its
     * {@code n_c} items (at least one), drawn uniformly.
     *
     * @param labels each item's class
     * @param classes C, >= 2
     * @param ratio how many times fewer the last class keeps than the first, >= 1
     * @param seed the draw's seed
     * @return the kept positions, ascending
     */
    public static int[] longTailed(int[] labels, int classes, double ratio, long seed) {
        if (classes < 2 || !(ratio >= 1)) {
            throw new IllegalArgumentException("A long tail needs >= 2 classes and a ratio >= 1; got " + classes
                    + " and " + ratio + ".");
        }
        List<int[]> byClass = shuffledByClass(labels, classes, new SplittableRandom(seed));
        int[] kept = new int[labels.length];
        int n = 0;
        for (int c = 0; c < classes; c++) {
            int[] members = byClass.get(c);
            long keep = Math.max(1, Math.round(members.length * Math.pow(ratio, -(double) c / (classes - 1))));
            for (int i = 0; i < Math.min(keep, members.length); i++) {
                kept[n++] = members[i];
            }
        }
        int[] out = Arrays.copyOf(kept, n);
        Arrays.sort(out);
        return out;
    }

    private static List<int[]> shuffledByClass(int[] labels, int classes, SplittableRandom random) {
        int[] counts = new int[classes];
        for (int l : labels) {
            counts[l]++;
        }
        List<int[]> byClass = new ArrayList<>(classes);
        int[] fill = new int[classes];
        for (int c = 0; c < classes; c++) {
            byClass.add(new int[counts[c]]);
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i])[fill[labels[i]]++] = i;
        }
        for (int[] members : byClass) {
            Shuffle.shuffle(members, random);
        }
        return byClass;
    }

    private static int[] quotas(List<int[]> byClass, int total, int n) {
        int classes = byClass.size();
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) total * byClass.get(c).length / n;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        while (assigned < total) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (quota[c] < byClass.get(c).length && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            assigned++;
        }
        return quota;
    }
}
