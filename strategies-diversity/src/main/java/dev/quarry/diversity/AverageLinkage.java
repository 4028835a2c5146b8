package dev.quarry.diversity;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Hierarchical agglomerative clustering with average linkage, by the nearest-neighbour chain
 * algorithm ({@code O(n^2)} time and memory), cut into a given number of clusters.
 *
 * <h2>References</h2>
 * Murtagh and Contreras, "Algorithms for hierarchical clustering: an overview", 2012 (nearest-
 * neighbour chain; Lance–Williams update for average linkage).
 */
final class AverageLinkage {

    private AverageLinkage() {}

    /**
     * Clusters n points given their pairwise distances.
     *
     * @param distances {@code n × n} row-major, symmetric
     * @param n the number of points
     * @param clusters how many clusters to cut the dendrogram into, in {@code [1, n]}
     * @return each point's cluster, numbered by their smallest member
     */
    static int[] cluster(double[] distances, int n, int clusters) {
        if (clusters < 1 || clusters > n) {
            throw new IllegalArgumentException("Cannot cut " + n + " points into " + clusters + " clusters.");
        }
        double[] d = distances.clone();
        int[] size = new int[n];
        Arrays.fill(size, 1);
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        int[][] merges = new int[n - 1][];
        double[] heights = new double[n - 1];
        int merged = 0;
        Deque<Integer> chain = new ArrayDeque<>();
        while (merged < n - 1) {
            if (chain.isEmpty()) {
                for (int i = 0; i < n; i++) {
                    if (active[i]) {
                        chain.push(i);
                        break;
                    }
                }
            }
            int a = chain.peek();
            Integer previous = chain.size() > 1 ? secondOf(chain) : null;
            int b = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != a && active[j]) {
                    double dj = d[a * n + j];
                    // Prefer the chain's previous element on ties, so the chain always ends in a reciprocal pair.
                    if (dj < best || (dj == best && previous != null && j == previous)) {
                        best = dj;
                        b = j;
                    }
                }
            }
            if (previous != null && b == previous) {
                chain.pop();
                chain.pop();
                int keep = Math.min(a, b);
                int drop = Math.max(a, b);
                merges[merged] = new int[] {keep, drop};
                heights[merged++] = best;
                for (int k = 0; k < n; k++) {
                    if (active[k] && k != keep && k != drop) {
                        double v = (size[keep] * d[keep * n + k] + size[drop] * d[drop * n + k]) / (size[keep] + size[drop]);
                        d[keep * n + k] = v;
                        d[k * n + keep] = v;
                    }
                }
                size[keep] += size[drop];
                active[drop] = false;
            } else {
                chain.push(b);
            }
        }
        return cut(merges, heights, n, clusters);
    }

    private static int secondOf(Deque<Integer> chain) {
        var it = chain.iterator();
        it.next();
        return it.next();
    }

    /** Applies the n - clusters lowest merges (average linkage is monotone) with union-find. */
    private static int[] cut(int[][] merges, double[] heights, int n, int clusters) {
        Integer[] order = new Integer[merges.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(heights[x], heights[y]));
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int m = 0; m < n - clusters; m++) {
            int[] pair = merges[order[m]];
            int ra = find(parent, pair[0]);
            int rb = find(parent, pair[1]);
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
        int[] label = new int[n];
        int[] numberOfRoot = new int[n];
        Arrays.fill(numberOfRoot, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (numberOfRoot[root] < 0) {
                numberOfRoot[root] = next++;
            }
            label[i] = numberOfRoot[root];
        }
        return label;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
