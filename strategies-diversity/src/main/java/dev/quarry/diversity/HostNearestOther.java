package dev.quarry.diversity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * ProbCover's automatic δ on the host: every row's squared distance to the nearest row with another
 * label, pruned by the triangle inequality like {@link HostBallGraph}. Each label's rows are sorted
 * by their distance to the label's mean (the pivot p) and transposed. For a row x, the other labels
 * are visited by their lower bound {@code d(x, p) − R} (R: the farthest row from p), nearest first,
 * and the search ends once that bound reaches the best distance found; inside a label only the rows
 * whose distance to p lies within the best distance of {@code d(x, p)} are compared, each
 * comparison abandoned as soon as its partial sum reaches the best. Bounds keep {@link
 * HostRows#margin()}, so the minimum is the exhaustive one.
 *
 * <p>Loaded only when the Vector API module is present (see {@code dev.quarry.runtime.VectorApi}).
 */
final class HostNearestOther {

    /** Rows per parallel task. */
    private static final int BLOCK = 256;
    /** Columns compared between two updates of the best distance. */
    private static final int STEP = 256;

    private HostNearestOther() {}

    /**
     * For every row, the squared distance to the nearest row with another label ({@link
     * Float#MAX_VALUE} when every row has its label, as on the device).
     *
     * @param z the rows
     * @param labels each row's label, in {@code [0, k)}
     * @return squared distances, exact up to float rounding
     */
    static float[] squaredDistances(HostRows z, int[] labels) {
        Labels groups = new Labels(z, labels);
        double margin = z.margin();
        float[] out = new float[z.rows];
        IntStream.range(0, (z.rows + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
            float[] distances = new float[groups.widestStride];
            double[] toPivot = new double[groups.count()];
            Integer[] order = new Integer[groups.count()];
            for (int x = block * BLOCK; x < Math.min(z.rows, (block + 1) * BLOCK); x++) {
                int own = labels[x];
                int offset = x * z.width;
                for (int b = 0; b < groups.count(); b++) {
                    toPivot[b] = Math.sqrt(z.squaredTo(x, groups.means, b * z.width, groups.meanNorms[b]));
                    order[b] = b;
                }
                Arrays.sort(order, Comparator.comparingDouble(b -> toPivot[b] - groups.radius[b]));
                float best = Float.POSITIVE_INFINITY;
                for (int b : order) {
                    if (b == own || groups.members[b].length == 0) {
                        continue;
                    }
                    double lower = toPivot[b] - groups.radius[b] - margin;
                    if (lower > 0 && lower * lower >= best) {
                        break; // the later labels' bounds are larger still
                    }
                    float[] ring = groups.toPivot[b];
                    int from = best == Float.POSITIVE_INFINITY ? 0
                            : HostBallGraph.firstAtLeast(ring, toPivot[b] - Math.sqrt(best) - margin);
                    int to = best == Float.POSITIVE_INFINITY ? ring.length
                            : HostBallGraph.firstAtLeast(ring, Math.nextUp(toPivot[b] + Math.sqrt(best) + margin));
                    for (int start = from; start < to; start += STEP) {
                        int end = Math.min(to, start + STEP);
                        groups.columns[b].squaredDistancesBelow(z.data, offset, start, end,
                                best == Float.POSITIVE_INFINITY ? Float.MAX_VALUE : best, distances);
                        for (int j = start; j < end; j++) {
                            best = Math.min(best, distances[j]);
                        }
                    }
                }
                out[x] = best == Float.POSITIVE_INFINITY ? Float.MAX_VALUE : best;
            }
        });
        return out;
    }

    /** Rows grouped by label, each group sorted by the distance to its mean and transposed. */
    private static final class Labels {

        final float[] means;
        final float[] meanNorms;
        final int[][] members;
        final float[][] toPivot;
        final float[] radius;
        final HostRows.Columns[] columns;
        final int widestStride;

        Labels(HostRows z, int[] labels) {
            int k = Arrays.stream(labels).max().orElse(-1) + 1;
            int width = z.width;
            int[] sizes = new int[k];
            double[] sums = new double[k * width];
            for (int i = 0; i < z.rows; i++) {
                sizes[labels[i]]++;
                for (int j = 0; j < width; j++) {
                    sums[labels[i] * width + j] += z.data[i * width + j];
                }
            }
            means = new float[k * width];
            meanNorms = new float[k];
            for (int b = 0; b < k; b++) {
                for (int j = 0; j < width && sizes[b] > 0; j++) {
                    means[b * width + j] = (float) (sums[b * width + j] / sizes[b]);
                }
                meanNorms[b] = HostRows.sequentialDot(means, b * width, means, b * width, width);
            }
            float[] distance = new float[z.rows];
            for (int i = 0; i < z.rows; i++) {
                distance[i] = (float) Math.sqrt(z.squaredTo(i, means, labels[i] * width, meanNorms[labels[i]]));
            }
            members = new int[k][];
            toPivot = new float[k][];
            radius = new float[k];
            columns = new HostRows.Columns[k];
            int widest = HostRows.LANES;
            for (int b = 0; b < k; b++) {
                int label = b;
                members[b] = IntStream.range(0, z.rows).filter(i -> labels[i] == label).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(i -> distance[i]).thenComparingInt(i -> i))
                        .mapToInt(Integer::intValue).toArray();
                toPivot[b] = new float[members[b].length];
                for (int j = 0; j < members[b].length; j++) {
                    toPivot[b][j] = distance[members[b][j]];
                }
                radius[b] = members[b].length == 0 ? 0 : toPivot[b][members[b].length - 1];
                columns[b] = new HostRows.Columns(z, members[b]);
                widest = Math.max(widest, columns[b].stride);
            }
            widestStride = widest;
        }

        int count() {
            return members.length;
        }
    }
}
