package dev.quarry.diversity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * ProbCover's δ-ball graph on the host, pruned by the triangle inequality and built in parallel.
 *
 * <p>Rows are grouped around √N pivots (evenly spaced rows), each by its nearest pivot, and each
 * group is sorted by the distance of its members to its pivot p. Since {@code ||x − y|| ≥ |d(x, p)
 * − d(y, p)|}, a row x can only reach the members whose distance to p lies within {@code d(x, p) ±
 * δ}: one contiguous range of the sorted group, compared against x in one vectorized pass, and
 * none at all when {@code d(x, p) − R_p ≥ δ} for the group's radius {@code R_p}. The bounds keep a
 * margin ({@link HostRows#margin()}) so float rounding never prunes a pair the exhaustive test would
 * keep. The pairs left are compared once each ({@code ||x − y||} is computed so that it
 * equals {@code ||y − x||}: the graph is symmetric), {@code d² = Σ (y_k − x_k)²} against δ², a
 * vector of pairs abandoned as soon as all its partial sums reach δ². Well-clustered embeddings,
 * where ProbCover is used, prune nearly every pair; on embeddings with no structure the work falls
 * back to comparing every pair once.
 *
 * <p>Loaded only when the Vector API module is present (see {@code dev.quarry.runtime.VectorApi}).
 */
final class HostBallGraph {

    private HostBallGraph() {}

    /**
     * The out-neighbours of every row (itself included), each list ascending.
     *
     * @param z the rows (unit length in ProbCover)
     * @param radius δ
     * @param maxEdges the most edges before the graph is refused as too dense
     * @return adjacency lists
     * @throws IllegalArgumentException if the graph has more than {@code maxEdges} edges
     */
    static int[][] build(HostRows z, double radius, long maxEdges) {
        Groups groups = new Groups(z);
        float threshold = (float) (radius * radius);
        double reach = radius + z.margin();
        int[][] pairs = new int[groups.count()][];
        AtomicLong edges = new AtomicLong(z.rows); // every row covers itself
        IntStream.range(0, groups.count()).parallel().forEach(g -> {
            if (edges.get() > maxEdges) {
                return;
            }
            float[] toPivots = new float[groups.pivots.stride];
            float[] distances = new float[groups.widestStride];
            int[] found = new int[64];
            int count = 0;
            int[] members = groups.members[g];
            for (int position = 0; position < members.length; position++) {
                int x = members[position];
                int offset = x * z.width;
                groups.pivots.squaredDistances(z.data, offset, z.squaredNorms[x], 0, groups.count(), toPivots);
                int before = count;
                // Each pair once: x's later groups, and the later members of its own.
                for (int h = g; h < groups.count(); h++) {
                    double toPivot = Math.sqrt(toPivots[h]);
                    if (toPivot - groups.radius[h] >= reach) {
                        continue;
                    }
                    float[] ring = groups.toPivot[h];
                    int from = HostRows.firstAtLeast(ring, toPivot - reach);
                    int to = HostRows.firstAtLeast(ring, Math.nextUp(toPivot + reach));
                    from = h == g ? Math.max(from, position + 1) : from;
                    if (from >= to) {
                        continue;
                    }
                    groups.columns[h].squaredDistancesBelow(z.data, offset, from, to, threshold, distances);
                    for (int j = from; j < to; j++) {
                        if (distances[j] < threshold) {
                            if (count + 2 > found.length) {
                                found = Arrays.copyOf(found, 2 * found.length);
                            }
                            found[count++] = x;
                            found[count++] = groups.members[h][j];
                        }
                    }
                }
                if (edges.addAndGet(count - before) > maxEdges) {
                    return; // reported below, on the calling thread
                }
            }
            pairs[g] = Arrays.copyOf(found, count);
        });
        if (edges.get() > maxEdges) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "delta %.3f makes the ball graph too dense "
                    + "(over %d edges for %d items); choose a smaller delta or use maxPool.", radius, maxEdges, z.rows));
        }
        return adjacency(z.rows, pairs);
    }

    /** Both directions of every pair, plus every row itself, as ascending lists. */
    private static int[][] adjacency(int rows, int[][] pairs) {
        int[] degree = new int[rows];
        Arrays.fill(degree, 1);
        for (int[] group : pairs) {
            for (int row : group) {
                degree[row]++;
            }
        }
        int[][] neighbours = new int[rows][];
        for (int x = 0; x < rows; x++) {
            neighbours[x] = new int[degree[x]];
            neighbours[x][0] = x;
            degree[x] = 1;
        }
        for (int[] group : pairs) {
            for (int e = 0; e < group.length; e += 2) {
                int x = group[e];
                int y = group[e + 1];
                neighbours[x][degree[x]++] = y;
                neighbours[y][degree[y]++] = x;
            }
        }
        IntStream.range(0, rows).parallel().forEach(x -> Arrays.sort(neighbours[x]));
        return neighbours;
    }

    /** Rows grouped by their nearest pivot, each group sorted by the distance to it and transposed. */
    private static final class Groups {

        final HostRows.Columns pivots;
        final int[][] members;
        final float[][] toPivot;
        final float[] radius;
        final HostRows.Columns[] columns;
        final int widestStride;

        Groups(HostRows z) {
            int n = z.rows;
            int count = Math.max(1, Math.min(n, (int) Math.round(Math.sqrt(n))));
            int[] pivotRows = new int[count];
            for (int g = 0; g < count; g++) {
                pivotRows[g] = (int) ((long) g * n / count);
            }
            pivots = new HostRows.Columns(z, pivotRows);
            int[] owner = new int[n];
            float[] distance = new float[n];
            IntStream.range(0, (n + 1023) / 1024).parallel().forEach(block -> {
                float[] out = new float[pivots.stride];
                for (int x = block * 1024; x < Math.min(n, (block + 1) * 1024); x++) {
                    pivots.squaredDistances(z.data, x * z.width, z.squaredNorms[x], 0, count, out);
                    int best = 0;
                    for (int g = 1; g < count; g++) {
                        best = out[g] < out[best] ? g : best;
                    }
                    owner[x] = best;
                    distance[x] = (float) Math.sqrt(out[best]);
                }
            });
            int[] sizes = new int[count];
            for (int g : owner) {
                sizes[g]++;
            }
            members = new int[count][];
            for (int g = 0; g < count; g++) {
                members[g] = new int[sizes[g]];
            }
            int[] fill = new int[count];
            for (int x = 0; x < n; x++) {
                members[owner[x]][fill[owner[x]]++] = x;
            }
            toPivot = new float[count][];
            radius = new float[count];
            columns = new HostRows.Columns[count];
            int widest = 0;
            for (int g = 0; g < count; g++) {
                members[g] = Arrays.stream(members[g]).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(x -> distance[x]).thenComparingInt(x -> x))
                        .mapToInt(Integer::intValue).toArray();
                toPivot[g] = new float[members[g].length];
                for (int j = 0; j < members[g].length; j++) {
                    toPivot[g][j] = distance[members[g][j]];
                }
                radius[g] = members[g].length == 0 ? Float.NEGATIVE_INFINITY : toPivot[g][members[g].length - 1];
                columns[g] = new HostRows.Columns(z, members[g]);
                widest = Math.max(widest, columns[g].stride);
            }
            widestStride = widest;
        }

        int count() {
            return members.length;
        }
    }
}
