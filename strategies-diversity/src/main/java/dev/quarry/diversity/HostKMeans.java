package dev.quarry.diversity;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * {@link KMeans} on the host: the same seeding draws and Lloyd steps, with the distance work pruned
 * by the triangle inequality.
 *
 * <p>Seeding: when c becomes a seed, a row whose nearest seed s lies within r of s cannot get
 * closer to c if {@code ||c − s|| ≥ 2r}; every seed keeps its rows and the largest such r, so far
 * seeds' rows are skipped at once and the others' row by row. Lloyd: Hamerly's bounds (an upper
 * bound on each row's distance to its centroid, a lower bound on the distance to every other, both
 * moved by how far the centroids moved) skip every row whose centroid provably stays the nearest;
 * another row is compared only with the centroids within twice its distance of its own (from the 16
 * nearest listed per centroid, or with all of them when more lie that close). Bounds keep a margin
 * ({@link HostRows#margin()}), so a row is skipped only when the exhaustive argmin would keep it
 * too. The result is the exhaustive
 * algorithm's, up to the rounding of distances within about 1e-6 of a tie. Cluster sums are kept
 * in float64 and updated by the rows that changed cluster.
 *
 * <h2>References</h2>
 * Hamerly, "Making k-means even faster", SDM 2010; Raff, "Exact Acceleration of K-Means++ and
 * K-Means||", IJCAI 2021.
 */
final class HostKMeans {

    private static final int BLOCK = 1024;
    /** Neighbouring centroids listed per centroid; a row whose search reaches further compares all. */
    private static final int NEAREST = 16;
    /** The seeding groups the rows by seed after this many seeds, on pools of at least {@link #REGROUP_ROWS}. */
    private static final int REGROUP = 32;
    private static final int REGROUP_ROWS = 8192;

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
        this.margin = x.margin();
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
     * k-means++ seeding with {@link KMeans#seed}'s draws. Each seed keeps its rows and the largest
     * distance r among them. When c becomes a seed, the rows of a seed s with {@code ||c − s|| ≥ 2r}
     * are skipped at once; of the others, a row at distance r' from s is compared with c only if
     * {@code ||c − s|| < 2r'}. The draws read block sums of the weights ({@link WeightedDraw.Blocked}).
     */
    static Seeding seed(HostRows x, int k, SplittableRandom random) {
        Seeder seeder = new Seeder(x, k, random.nextInt(x.rows));
        for (int c = 1; c < k; c++) {
            if (c == REGROUP && x.rows >= REGROUP_ROWS) {
                seeder.regroup(c);
            }
            seeder.add(c, seeder.draw.draw(random));
        }
        return new Seeding(seeder.seeds, seeder.owner, seeder.nearest);
    }

    /** The state of the seeding; small methods, so the JIT compiles each whole. */
    private static final class Seeder {

        final HostRows x;
        final double margin;
        final int[] seeds;
        final boolean[] eligible;
        final float[] nearest;
        final int[] owner;
        final float[] reach;
        final int[][] members;
        final int[] sizes;
        final WeightedDraw.Blocked draw;
        final int[] moved;
        final int[] batch = new int[4];
        final int[] offsets = new int[4];
        final float[] dots = new float[4];
        /** Rows are read where they lie in {@code local} ({@link #regroup}). */
        float[] local;
        final int[] position;
        int count;
        float farthest;

        Seeder(HostRows x, int k, int first) {
            int n = x.rows;
            this.x = x;
            this.margin = x.margin();
            this.seeds = new int[k];
            this.eligible = new boolean[n];
            this.nearest = new float[n];
            this.owner = new int[n];
            this.reach = new float[k];
            this.members = new int[k][];
            this.sizes = new int[k];
            this.moved = new int[n];
            this.local = x.data;
            this.position = new int[n];
            Arrays.setAll(position, i -> i);
            Arrays.fill(eligible, true);
            seeds[0] = first;
            eligible[first] = false;
            float max = 0;
            float[] weights = new float[n];
            for (int i = 0; i < n; i++) {
                nearest[i] = x.squaredTo(i, x.data, first * x.width, x.squaredNorms[first]);
                max = Math.max(max, nearest[i]);
                weights[i] = eligible[i] ? nearest[i] : 0;
            }
            reach[0] = (float) Math.sqrt(max);
            members[0] = new int[n];
            Arrays.setAll(members[0], i -> i);
            sizes[0] = n;
            draw = new WeightedDraw.Blocked(weights, eligible);
        }

        /** Makes row s seed c and moves to it the rows now nearer to it. */
        void add(int c, int s) {
            seeds[c] = s;
            eligible[s] = false;
            draw.set(s, 0);
            count = 0;
            farthest = 0;
            for (int j = 0; j < c; j++) {
                double between = Math.sqrt(x.squaredTo(seeds[j], x.data, s * x.width, x.squaredNorms[s])) - margin;
                if (between < 2 * reach[j]) {
                    // Compared when nearest > ((||c − s_j|| − margin) / 2)².
                    scan(j, c, s, between <= 0 ? -1f : (float) (between * between / 4));
                }
            }
            members[c] = Arrays.copyOf(moved, count);
            sizes[c] = count;
            reach[c] = (float) Math.sqrt(farthest);
        }

        /** Compares seed j's rows beyond the limit with the new seed, four at a time. */
        private void scan(int j, int c, int s, float limit) {
            int kept = 0;
            int pending = 0;
            int[] rows = members[j];
            for (int m = 0; m < sizes[j]; m++) {
                int i = rows[m];
                if (nearest[i] > limit) {
                    batch[pending++] = i;
                    if (pending == 4) {
                        kept = compare(j, c, s, pending, kept);
                        pending = 0;
                    }
                } else {
                    rows[kept++] = i;
                }
            }
            kept = compare(j, c, s, pending, kept);
            float stays = 0;
            for (int m = 0; m < kept; m++) {
                stays = Math.max(stays, nearest[rows[m]]);
            }
            sizes[j] = kept;
            reach[j] = (float) Math.sqrt(stays);
        }

        /** Moves the batched rows nearer to seed c to it; the others stay in j's list. */
        private int compare(int j, int c, int s, int pending, int kept) {
            int width = x.width;
            for (int b = 0; b < pending; b++) {
                offsets[b] = position[batch[b]] * width;
            }
            if (pending == 4) {
                HostRows.dot4(x.data, s * width, local, offsets, width, dots);
            } else {
                for (int b = 0; b < pending; b++) {
                    dots[b] = HostRows.dot(local, offsets[b], x.data, s * width, width);
                }
            }
            for (int b = 0; b < pending; b++) {
                int i = batch[b];
                float d = Math.max(0f, x.squaredNorms[i] + x.squaredNorms[s] - 2f * dots[b]);
                if (d < nearest[i]) {
                    nearest[i] = d;
                    owner[i] = c;
                    draw.set(i, eligible[i] ? d : 0);
                    moved[count++] = i;
                    farthest = Math.max(farthest, d);
                } else {
                    members[j][kept++] = i;
                }
            }
            return kept;
        }

        /** Copies the rows grouped by seed (each seed's rows in index order), for nearby reads. */
        void regroup(int seedsSoFar) {
            float[] grouped = new float[x.data.length];
            int at = 0;
            for (int j = 0; j < seedsSoFar; j++) {
                Arrays.sort(members[j], 0, sizes[j]);
                for (int m = 0; m < sizes[j]; m++) {
                    int i = members[j][m];
                    System.arraycopy(x.data, i * x.width, grouped, at * x.width, x.width);
                    position[i] = at++;
                }
            }
            local = grouped;
        }
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
                out[i] = candidates == others.order().length && !others.complete() ? nearest(columns, i, distances)
                        : nearestAmong(after, norms, others, i, a, own, candidates);
            }
        });
        return out;
    }

    /**
     * The nearest of all centroids to row i (ties: the lower index); sets the row's upper bound to
     * that distance and its lower bound to the next.
     */
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
        double beyond = candidates < others.order().length ? others.distance()[candidates] - up : Double.POSITIVE_INFINITY;
        upper[i] = (float) Math.sqrt(bestDistance);
        lower[i] = (float) Math.min(Math.sqrt(second), beyond);
        return best;
    }

    /** Every centroid's {@value #NEAREST} nearest others in order of distance (canonical kernel). */
    private final class Neighbours {

        private final Sorted[] sorted;

        Neighbours(float[] centroids, HostRows.Columns columns) {
            sorted = new Sorted[k];
            IntStream.range(0, k).parallel().forEach(c -> {
                float[] squared = new float[columns.stride];
                columns.squaredDistances(centroids, c * x.width, columns.squaredNorms[c], 0, k, squared);
                sorted[c] = nearest(c, squared);
            });
        }

        /** The {@value #NEAREST} smallest of c's distances to the others, kept sorted as they come. */
        private Sorted nearest(int c, float[] squared) {
            int size = Math.min(NEAREST, k - 1);
            long[] keys = new long[size];
            int kept = 0;
            for (int o = 0; o < k; o++) {
                if (o == c) {
                    continue;
                }
                // Non-negative floats order like their bits; the index breaks ties.
                long key = (long) Float.floatToIntBits((float) Math.sqrt(squared[o])) << 32 | o;
                if (kept < size || key < keys[kept - 1]) {
                    int at = Math.min(kept, size - 1);
                    while (at > 0 && keys[at - 1] > key) {
                        keys[at] = keys[at - 1];
                        at--;
                    }
                    keys[at] = key;
                    kept = Math.min(kept + 1, size);
                }
            }
            int[] order = new int[size];
            float[] distance = new float[size];
            for (int n = 0; n < size; n++) {
                order[n] = (int) keys[n];
                distance[n] = Float.intBitsToFloat((int) (keys[n] >>> 32));
            }
            return new Sorted(order, distance, size == k - 1);
        }

        /** c's nearest others. */
        Sorted of(int c) {
            return sorted[c];
        }

        /** Half the distance from c to its nearest other centroid (+inf when k = 1). */
        double half(int c) {
            return k == 1 ? Double.POSITIVE_INFINITY : 0.5 * sorted[c].distance()[0];
        }
    }

    /**
     * A centroid's nearest others in order of distance.
     *
     * @param order the other centroids, nearest first
     * @param distance their distances, ascending
     * @param complete whether every other centroid is listed
     */
    private record Sorted(int[] order, float[] distance, boolean complete) {

        /** How many lie closer than {@code radius}. */
        int within(double radius) {
            return HostRows.firstAtLeast(distance, radius);
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
