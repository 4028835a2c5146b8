package dev.quarry.diversity;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * {@link KMeans} on the host: the same seeding draws and Lloyd steps, with the distance work pruned
 * by the triangle inequality.
 *
 * <p>Seeding: when c becomes a seed, a row whose nearest seed s lies within r of s cannot get
 * closer to c if {@code ||c − s|| ≥ 2r}; every seed keeps the largest such r of its rows, and its
 * rows are skipped at once. Lloyd: Hamerly's bounds (an upper bound on each row's distance to its
 * centroid, a lower bound on the distance to every other, both moved by how far the centroids
 * moved) skip every row whose centroid provably stays the nearest; the others are compared with
 * every centroid. Bounds keep a margin of {@value #SLACK} × the largest row norm, so a row is
 * skipped only when the exhaustive argmin would keep it too. The result is the exhaustive
 * algorithm's, up to the rounding of distances within about 1e-6 of a tie. Cluster sums are kept
 * in float64 and updated by the rows that changed cluster.
 *
 * <h2>References</h2>
 * Hamerly, "Making k-means even faster", SDM 2010; Raff, "Exact Acceleration of K-Means++ and
 * K-Means||", IJCAI 2021.
 */
final class HostKMeans {

    /** Margin of the pruning bounds, relative to the largest row norm. */
    static final double SLACK = 1e-2;

    private static final int BLOCK = 1024;

    private final HostRows x;
    private final int k;
    private final double margin;
    private final float[] upper;
    private final float[] lower;
    private final double[] sums;
    private final int[] sizes;

    private HostKMeans(HostRows x, int k) {
        this.x = x;
        this.k = k;
        this.margin = SLACK * Math.max(1, x.maxNorm());
        this.upper = new float[x.rows];
        this.lower = new float[x.rows];
        this.sums = new double[k * x.width];
        this.sizes = new int[k];
    }

    /**
     * Clusters the rows.
     *
     * @param x the rows
     * @param k the number of clusters, in {@code [1, N]}
     * @param random the generator of the seeding
     * @param maxIterations Lloyd iterations at most
     * @return {@code (k, d)} row-major centroids, each row's cluster and the seeds
     */
    static Result fit(HostRows x, int k, SplittableRandom random, int maxIterations) {
        Seeding seeding = seed(x, k, random);
        int[] seeds = seeding.seeds();
        float[] centroids = new float[k * x.width];
        for (int c = 0; c < k; c++) {
            System.arraycopy(x.data, seeds[c] * x.width, centroids, c * x.width, x.width);
        }
        HostKMeans lloyd = new HostKMeans(x, k);
        // The seeding leaves every row's nearest seed: the first assignment, with no lower bound yet.
        int[] assignment = seeding.owner();
        for (int i = 0; i < x.rows; i++) {
            lloyd.upper[i] = (float) Math.sqrt(seeding.nearest()[i]);
        }
        lloyd.add(assignment);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            float[] next = lloyd.means(centroids);
            int[] reassigned = lloyd.reassign(centroids, next, assignment);
            centroids = next;
            boolean stable = lloyd.move(assignment, reassigned) == 0;
            assignment = reassigned;
            if (stable) {
                break;
            }
        }
        return new Result(centroids, assignment, seeds);
    }

    /**
     * The clustering.
     *
     * @param centroids {@code (k, d)} row-major
     * @param assignment each row's cluster
     * @param seeds the rows the seeding chose
     */
    record Result(float[] centroids, int[] assignment, int[] seeds) {}

    /**
     * The k-means++ seeds and what the seeding learned on the way.
     *
     * @param seeds the chosen rows
     * @param owner each row's nearest seed (ties: the earlier)
     * @param nearest each row's squared distance to it
     */
    record Seeding(int[] seeds, int[] owner, float[] nearest) {}

    /**
     * k-means++ seeding with {@link KMeans#seed}'s draws. When c becomes a seed, a row at distance r
     * from its nearest seed s is compared with c only if {@code ||c − s|| < 2r}; whole seeds whose
     * rows all lie within r of them are skipped first.
     */
    static Seeding seed(HostRows x, int k, SplittableRandom random) {
        int n = x.rows;
        int width = x.width;
        double margin = SLACK * Math.max(1, x.maxNorm());
        int[] seeds = new int[k];
        boolean[] eligible = new boolean[n];
        Arrays.fill(eligible, true);
        seeds[0] = random.nextInt(n);
        eligible[seeds[0]] = false;
        float[] nearest = new float[n];
        int[] owner = new int[n];
        float[] reach = new float[k];
        float first = 0;
        for (int i = 0; i < n; i++) {
            nearest[i] = x.squaredTo(i, x.data, seeds[0] * width, x.squaredNorms[seeds[0]]);
            first = Math.max(first, nearest[i]);
        }
        reach[0] = (float) Math.sqrt(first);
        float[] weights = new float[n];
        // A row of seed j is compared when its squared distance exceeds limit[j] = ((||c − s_j|| − margin) / 2)².
        float[] limit = new float[k];
        for (int c = 1; c < k; c++) {
            for (int i = 0; i < n; i++) {
                weights[i] = eligible[i] ? nearest[i] : 0;
            }
            int s = WeightedDraw.draw(weights, eligible, random);
            seeds[c] = s;
            eligible[s] = false;
            for (int j = 0; j < c; j++) {
                double between = Math.sqrt(x.squaredTo(seeds[j], x.data, s * width, x.squaredNorms[s])) - margin;
                limit[j] = between >= 2 * reach[j] ? Float.POSITIVE_INFINITY
                        : between <= 0 ? -1f : (float) (between * between / 4);
            }
            limit[c] = Float.POSITIVE_INFINITY;
            float farthest = 0;
            for (int i = 0; i < n; i++) {
                if (nearest[i] > limit[owner[i]]) {
                    float d = x.squaredTo(i, x.data, s * width, x.squaredNorms[s]);
                    if (d < nearest[i]) {
                        nearest[i] = d;
                        owner[i] = c;
                        farthest = Math.max(farthest, d);
                    }
                }
            }
            reach[c] = (float) Math.sqrt(farthest);
        }
        return new Seeding(seeds, owner, nearest);
    }

    /** Adds every row to its cluster's float64 sum. */
    private void add(int[] assignment) {
        for (int i = 0; i < x.rows; i++) {
            shift(i, assignment[i], 1);
        }
    }

    /** Moves the rows whose cluster changed between the sums; returns how many moved. */
    private int move(int[] before, int[] after) {
        int moved = 0;
        for (int i = 0; i < x.rows; i++) {
            if (before[i] != after[i]) {
                shift(i, before[i], -1);
                shift(i, after[i], 1);
                moved++;
            }
        }
        return moved;
    }

    private void shift(int row, int cluster, int sign) {
        sizes[cluster] += sign;
        for (int j = 0, from = row * x.width, to = cluster * x.width; j < x.width; j++) {
            sums[to + j] += sign * x.data[from + j];
        }
    }

    /** Each cluster's mean from the sums; an empty cluster keeps its previous centroid. */
    private float[] means(float[] previous) {
        float[] means = previous.clone();
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                for (int j = 0; j < x.width; j++) {
                    means[c * x.width + j] = (float) (sums[c * x.width + j] / sizes[c]);
                }
            }
        }
        return means;
    }

    /** Reassigns after the centroids moved from {@code before} to {@code after}, skipping what the bounds allow. */
    private int[] reassign(float[] before, float[] after, int[] assignment) {
        int width = x.width;
        double[] moved = new double[k];
        int farthest = 0;
        for (int c = 0; c < k; c++) {
            moved[c] = Math.sqrt(squaredDifference(before, c * width, after, c * width, width));
            farthest = moved[c] > moved[farthest] ? c : farthest;
        }
        double secondMove = 0;
        for (int c = 0; c < k; c++) {
            secondMove = c == farthest ? secondMove : Math.max(secondMove, moved[c]);
        }
        double maxMove = moved[farthest];
        HostRows.Columns columns = columns(after);
        Neighbours neighbours = new Neighbours(after, columns);
        float[] norms = columns.squaredNorms;
        int[] out = assignment.clone();
        int mostMoved = farthest;
        double otherMove = secondMove;
        IntStream.range(0, (x.rows + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
            float[] distances = new float[columns.stride];
            for (int i = block * BLOCK; i < Math.min(x.rows, (block + 1) * BLOCK); i++) {
                int a = assignment[i];
                double up = upper[i] + moved[a];
                double low = lower[i] - (a == mostMoved ? otherMove : maxMove);
                double bound = Math.max(low, neighbours.half(a));
                if (up + margin < bound) {
                    upper[i] = (float) up;
                    lower[i] = (float) low;
                    continue;
                }
                float own = x.squaredTo(i, after, a * width, norms[a]);
                up = Math.sqrt(own);
                if (up + margin < bound) {
                    upper[i] = (float) up;
                    lower[i] = (float) low;
                    continue;
                }
                // Only centroids within 2·up of a can be nearer than a (triangle inequality).
                Sorted others = neighbours.of(a);
                int candidates = others.within(2 * up + margin);
                out[i] = candidates > k / 4 ? nearest(columns, i, distances)
                        : nearestAmong(after, norms, others, i, a, own, candidates);
            }
        });
        return out;
    }

    /** The nearest centroid to row i of all (ties: the lower index), setting its upper bound to that distance and its lower to the next. */
    private int nearest(HostRows.Columns columns, int i, float[] distances) {
        columns.squaredDistances(x.data, i * x.width, x.squaredNorms[i], 0, k, distances);
        int best = 0;
        float second = Float.POSITIVE_INFINITY;
        for (int c = 1; c < k; c++) {
            if (distances[c] < distances[best]) {
                second = distances[best];
                best = c;
            } else if (distances[c] < second) {
                second = distances[c];
            }
        }
        upper[i] = (float) Math.sqrt(distances[best]);
        lower[i] = (float) Math.sqrt(second);
        return best;
    }

    /** The nearest of a and its first {@code candidates} neighbours (ties: the lower index), setting both bounds. */
    private int nearestAmong(float[] centroids, float[] norms, Sorted others, int i, int a, float own, int candidates) {
        int best = a;
        float bestDistance = own;
        float second = Float.POSITIVE_INFINITY;
        int[] order = others.order();
        for (int n = 0; n < candidates; n++) {
            int c = order[n];
            float d = x.squaredTo(i, centroids, c * x.width, norms[c]);
            if (d < bestDistance || (d == bestDistance && c < best)) {
                second = bestDistance;
                best = c;
                bestDistance = d;
            } else if (d < second) {
                second = d;
            }
        }
        double up = Math.sqrt(own);
        double beyond = candidates < k - 1 ? others.distance()[candidates] - up : Double.POSITIVE_INFINITY;
        upper[i] = (float) Math.sqrt(bestDistance);
        lower[i] = (float) Math.min(Math.sqrt(second), beyond);
        return best;
    }

    /**
     * Every centroid's distances to the others (canonical kernel), and each one's others in order of
     * distance, sorted the first time a row needs them.
     */
    private final class Neighbours {

        private final float[] centroids;
        private final HostRows.Columns columns;
        private final float[] nearestOther;
        private final AtomicReferenceArray<Sorted> sorted;

        Neighbours(float[] centroids, HostRows.Columns columns) {
            this.centroids = centroids;
            this.columns = columns;
            this.nearestOther = new float[k];
            this.sorted = new AtomicReferenceArray<>(k);
            IntStream.range(0, k).parallel().forEach(c -> {
                float[] squared = distances(c);
                float min = Float.POSITIVE_INFINITY;
                for (int o = 0; o < k; o++) {
                    min = o == c ? min : Math.min(min, squared[o]);
                }
                nearestOther[c] = (float) Math.sqrt(min);
            });
        }

        private float[] distances(int c) {
            float[] squared = new float[columns.stride];
            columns.squaredDistances(centroids, c * x.width, columns.squaredNorms[c], 0, k, squared);
            return squared;
        }

        /** c's others by distance (computed once; a race computes the same lists twice). */
        Sorted of(int c) {
            Sorted known = sorted.get(c);
            if (known != null) {
                return known;
            }
            float[] squared = distances(c);
            long[] keys = new long[k - 1];
            for (int o = 0, n = 0; o < k; o++) {
                if (o != c) {
                    // Non-negative floats order like their bits.
                    keys[n++] = (long) Float.floatToIntBits((float) Math.sqrt(squared[o])) << 32 | o;
                }
            }
            Arrays.sort(keys);
            int[] order = new int[k - 1];
            float[] distance = new float[k - 1];
            for (int n = 0; n < k - 1; n++) {
                order[n] = (int) keys[n];
                distance[n] = Float.intBitsToFloat((int) (keys[n] >>> 32));
            }
            Sorted made = new Sorted(order, distance);
            sorted.compareAndSet(c, null, made);
            return sorted.get(c);
        }

        /** Half the distance from c to its nearest other centroid (+inf when k = 1). */
        double half(int c) {
            return k == 1 ? Double.POSITIVE_INFINITY : 0.5 * nearestOther[c];
        }
    }

    /**
     * A centroid's others in order of distance.
     *
     * @param order the other centroids, nearest first
     * @param distance their distances, ascending
     */
    private record Sorted(int[] order, float[] distance) {

        /** How many lie closer than {@code radius}. */
        int within(double radius) {
            int low = 0;
            int high = distance.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (distance[mid] < radius) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    private HostRows.Columns columns(float[] centroids) {
        int width = x.width;
        float[] norms = new float[k];
        int[] all = new int[k];
        for (int c = 0; c < k; c++) {
            norms[c] = HostRows.sequentialDot(centroids, c * width, centroids, c * width, width);
            all[c] = c;
        }
        return new HostRows.Columns(centroids, width, all, norms);
    }

    private static double squaredDifference(float[] a, int aOffset, float[] b, int bOffset, int width) {
        double sum = 0;
        for (int j = 0; j < width; j++) {
            double e = (double) a[aOffset + j] - b[bOffset + j];
            sum += e * e;
        }
        return sum;
    }
}
