package dev.quarry.engine.kernels;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Greedy k-center on host float arrays: the plain baseline, and an exact accelerated version that
 * prunes with the triangle inequality. Both start from the same state (each item's nearest center
 * and its squared distance, computed here from the rows directly) and use the same arithmetic, so
 * they return the same picks, ties broken by the lower position.
 *
 * <p>Pruning: when c becomes a center, an item u whose nearest center is a cannot get closer to c
 * if {@code ||a - c|| >= 2 ||u - a||}, since then {@code ||u - c|| >= ||a - c|| - ||u - a|| >= ||u
 * - a||}. Items are grouped by their nearest center; a whole group is skipped when {@code ||a - c||}
 * is at least twice its largest distance. The test keeps a relative safety margin of {@value
 * #SLACK} so float rounding can never skip an item the plain greedy would update.
 *
 * <h2>References</h2>
 * Sener and Savarese, ICLR 2018 (Core-Set); Elkan, "Using the Triangle Inequality to Accelerate
 * k-Means", ICML 2003 (the pruning bounds).
 */
public final class KCenterJava {

    /** Relative margin on the pruning test against float rounding. */
    static final double SLACK = 1e-3;

    private static final int BLOCK = 4096;

    private KCenterJava() {}

    /**
     * The plain greedy: every pick updates every item.
     *
     * @param x {@code (N, d)} row-major embeddings
     * @param d the width
     * @param centers {@code (L, d)} row-major labeled embeddings (L may be 0)
     * @param owner each item's nearest labeled center (ignored when L = 0)
     * @param budget B
     * @return the picks
     */
    public static KCenterPicks plain(float[] x, int d, float[] centers, int[] owner, int budget) {
        int n = rows(x, d, budget);
        float[] mind = initialDistances(x, d, centers, owner);
        int[] picks = new int[budget];
        float[] distances = new float[budget];
        int start = first(x, d, centers, mind, picks, distances);
        for (int b = start; b < budget; b++) {
            int pick = argmax(mind, 0, n);
            picks[b] = pick;
            distances[b] = (float) Math.sqrt(mind[pick]);
            mind[pick] = -1;
            float[] c = Arrays.copyOfRange(x, pick * d, pick * d + d);
            IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
                for (int u = block * BLOCK, end = Math.min(n, u + BLOCK); u < end; u++) {
                    if (mind[u] >= 0) {
                        float dist = squared(x, u * d, c, 0, d);
                        if (dist < mind[u]) {
                            mind[u] = dist;
                        }
                    }
                }
            });
        }
        return new KCenterPicks(picks, distances);
    }

    /**
     * The accelerated greedy, with the same result as {@link #plain}.
     *
     * @param x {@code (N, d)} row-major embeddings
     * @param d the width
     * @param centers {@code (L, d)} row-major labeled embeddings (L may be 0)
     * @param owner each item's nearest labeled center (ignored when L = 0)
     * @param budget B
     * @return the picks
     */
    public static KCenterPicks accelerated(float[] x, int d, float[] centers, int[] owner, int budget) {
        int n = rows(x, d, budget);
        int labeledCount = centers.length / d;
        float[] mind = initialDistances(x, d, centers, owner);
        int[] picks = new int[budget];
        float[] distances = new float[budget];
        int start = first(x, d, centers, mind, picks, distances);
        // Centers: the labeled ones, then the picks; groups[k] holds the items whose nearest center is k.
        int maxCenters = labeledCount + budget;
        float[] centerRows = Arrays.copyOf(centers, maxCenters * d);
        Groups groups = new Groups(maxCenters);
        int[] nearest = new int[n];
        if (labeledCount > 0) {
            for (int u = 0; u < n; u++) {
                nearest[u] = owner[u];
            }
        } else {
            Arrays.fill(nearest, labeledCount); // the first pick is center number 0
            System.arraycopy(x, picks[0] * d, centerRows, 0, d);
        }
        int centerCount = labeledCount > 0 ? labeledCount : 1;
        for (int u = 0; u < n; u++) {
            if (mind[u] >= 0) {
                groups.add(nearest[u], u);
            }
        }
        for (int k = 0; k < centerCount; k++) {
            groups.refresh(k, mind);
        }
        double[] centerGap = new double[maxCenters];
        for (int b = start; b < budget; b++) {
            int pick = groups.argmax(centerCount, mind);
            picks[b] = pick;
            distances[b] = (float) Math.sqrt(mind[pick]);
            mind[pick] = -1;
            groups.remove(nearest[pick], pick);
            groups.refresh(nearest[pick], mind);
            int k = centerCount++;
            System.arraycopy(x, pick * d, centerRows, k * d, d);
            float[] c = Arrays.copyOfRange(x, pick * d, pick * d + d);
            IntStream.range(0, k).parallel().forEach(a -> centerGap[a] = squared(centerRows, a * d, c, 0, d));
            int[][] moved = new int[k][];
            IntStream.range(0, k).parallel().forEach(a -> {
                if (centerGap[a] < 4 * groups.max(a) * (1 + SLACK)) {
                    moved[a] = groups.scan(a, x, d, c, mind, centerGap[a]);
                }
            });
            for (int a = 0; a < k; a++) {
                if (moved[a] != null) {
                    for (int u : moved[a]) {
                        nearest[u] = k;
                        groups.add(k, u);
                    }
                }
            }
            groups.refresh(k, mind);
        }
        return new KCenterPicks(picks, distances);
    }

    /** Items grouped by nearest center, with each group's largest distance (and its lowest position). */
    private static final class Groups {
        private final int[][] members;
        private final int[] sizes;
        private final float[] max;
        private final int[] arg;

        Groups(int capacity) {
            members = new int[capacity][];
            sizes = new int[capacity];
            max = new float[capacity];
            arg = new int[capacity];
            Arrays.fill(max, -1);
            Arrays.fill(arg, Integer.MAX_VALUE);
        }

        void add(int group, int item) {
            if (members[group] == null) {
                members[group] = new int[16];
            } else if (sizes[group] == members[group].length) {
                members[group] = Arrays.copyOf(members[group], sizes[group] * 2);
            }
            members[group][sizes[group]++] = item;
        }

        void remove(int group, int item) {
            int[] m = members[group];
            for (int i = 0; i < sizes[group]; i++) {
                if (m[i] == item) {
                    m[i] = m[--sizes[group]];
                    break;
                }
            }
        }

        float max(int group) {
            return max[group];
        }

        /** Recomputes a group's largest distance and the lowest position holding it. */
        void refresh(int group, float[] mind) {
            float best = -1;
            int bestArg = Integer.MAX_VALUE;
            for (int i = 0; i < sizes[group]; i++) {
                int u = members[group][i];
                if (mind[u] > best || (mind[u] == best && u < bestArg)) {
                    best = mind[u];
                    bestArg = u;
                }
            }
            max[group] = best;
            arg[group] = bestArg;
        }

        int argmax(int groupCount, float[] mind) {
            float best = -1;
            int bestArg = Integer.MAX_VALUE;
            for (int g = 0; g < groupCount; g++) {
                if (max[g] > best || (max[g] == best && arg[g] < bestArg)) {
                    best = max[g];
                    bestArg = arg[g];
                }
            }
            return bestArg;
        }

        /**
         * Updates the members of a group against a new center c whose squared distance from the
         * group's center is {@code gap}; returns the members now closest to c (removed from the group).
         */
        int[] scan(int group, float[] x, int d, float[] c, float[] mind, double gap) {
            int[] m = members[group];
            int kept = 0;
            int[] moved = new int[sizes[group]];
            int movedCount = 0;
            for (int i = 0; i < sizes[group]; i++) {
                int u = m[i];
                if (gap >= 4 * mind[u] * (1 + SLACK)) {
                    m[kept++] = u; // ||a - c|| >= 2 ||u - a||: c cannot be closer
                    continue;
                }
                float dist = squared(x, u * d, c, 0, d);
                if (dist < mind[u]) {
                    mind[u] = dist;
                    moved[movedCount++] = u;
                } else {
                    m[kept++] = u;
                }
            }
            sizes[group] = kept;
            refresh(group, mind);
            return Arrays.copyOf(moved, movedCount);
        }
    }

    private static int rows(float[] x, int d, int budget) {
        if (d < 1 || x.length % d != 0) {
            throw new IllegalArgumentException("Embeddings of " + x.length + " values are not rows of width " + d + ".");
        }
        int n = x.length / d;
        if (budget < 1 || budget > n) {
            throw new IllegalArgumentException("k-center budget " + budget + " must be in [1, " + n + "].");
        }
        return n;
    }

    /** Each item's squared distance to its given nearest labeled center, or +inf without labeled centers. */
    private static float[] initialDistances(float[] x, int d, float[] centers, int[] owner) {
        int n = x.length / d;
        float[] mind = new float[n];
        if (centers.length == 0) {
            Arrays.fill(mind, Float.MAX_VALUE);
            return mind;
        }
        IntStream.range(0, n).parallel().forEach(u -> mind[u] = squared(x, u * d, centers, owner[u] * d, d));
        return mind;
    }

    /**
     * Without labeled centers, picks the item closest to the pool mean and sets every distance to
     * it; returns how many picks were made (0 or 1).
     */
    private static int first(float[] x, int d, float[] centers, float[] mind, int[] picks, float[] distances) {
        if (centers.length > 0) {
            return 0;
        }
        int n = x.length / d;
        float[] mean = new float[d];
        double[] sum = new double[d];
        for (int u = 0; u < n; u++) {
            for (int j = 0; j < d; j++) {
                sum[j] += x[u * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (sum[j] / n);
        }
        int best = 0;
        float bestDistance = Float.MAX_VALUE;
        for (int u = 0; u < n; u++) {
            float dist = squared(x, u * d, mean, 0, d);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = u;
            }
        }
        picks[0] = best;
        distances[0] = (float) Math.sqrt(bestDistance);
        float[] c = Arrays.copyOfRange(x, best * d, best * d + d);
        for (int u = 0; u < n; u++) {
            mind[u] = squared(x, u * d, c, 0, d);
        }
        mind[best] = -1;
        return 1;
    }

    /** Index of the largest value (ties: the lower index). */
    private static int argmax(float[] values, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Squared distance between two rows, four independent float accumulators. */
    static float squared(float[] a, int aOffset, float[] b, int bOffset, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            float e0 = a[aOffset + j] - b[bOffset + j];
            float e1 = a[aOffset + j + 1] - b[bOffset + j + 1];
            float e2 = a[aOffset + j + 2] - b[bOffset + j + 2];
            float e3 = a[aOffset + j + 3] - b[bOffset + j + 3];
            s0 += e0 * e0;
            s1 += e1 * e1;
            s2 += e2 * e2;
            s3 += e3 * e3;
        }
        for (; j < d; j++) {
            float e = a[aOffset + j] - b[bOffset + j];
            s0 += e * e;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
