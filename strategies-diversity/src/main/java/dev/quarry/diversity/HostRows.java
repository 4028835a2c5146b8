package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;

import dev.quarry.engine.kernels.HostCopy;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Embeddings copied to the Java heap, row-major, with their squared norms, and the two dot-product
 * kernels the host selectors share (JDK Vector API). Squared distances are the libtorch path's
 * formula, {@code ||a||² + ||b||² − 2 a·b} clipped at 0, so both paths agree up to rounding.
 *
 * <p>{@link Columns#dots} computes a row against many rows at once, one row per vector lane: each
 * lane is one FMA chain over the width in index order, so its dot products are the same on every
 * machine, whatever its vector width, and {@code a·b} equals {@code b·a}. {@link #dot} is a single
 * row pair, its lanes added in a fixed order: it rounds differently (and per vector width) and is
 * the same on every run, compiled or not.
 *
 * <p>Loaded only when the Vector API module is present (see {@code dev.quarry.runtime.VectorApi}).
 */
final class HostRows {

    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    static final int LANES = FLOATS.length();
    /** The pruning margin relative to the largest row norm ({@link #margin()}). */
    static final double SLACK = 1e-2;
    private static final VectorShuffle<Float>[] FOLDS = folds();

    final float[] data;
    final int rows;
    final int width;
    final float[] squaredNorms;

    HostRows(float[] data, int rows, int width) {
        if ((long) rows * width != data.length) {
            throw new IllegalArgumentException("Expected " + rows + " x " + width + " floats, got " + data.length + ".");
        }
        this.data = data;
        this.rows = rows;
        this.width = width;
        this.squaredNorms = new float[rows];
        for (int i = 0; i < rows; i++) {
            squaredNorms[i] = sequentialDot(data, i * width, data, i * width, width);
        }
    }

    /**
     * Copies a {@code (N, d)} float32 array to the heap.
     *
     * @param x the rows
     * @return their host copy
     */
    static HostRows of(NDArray x) {
        return new HostRows(HostCopy.floats(x), Math.toIntExact(x.getShape().get(0)), Math.toIntExact(x.getShape().get(1)));
    }

    /**
     * The margin that pruning bounds keep against rounding: {@value #SLACK} × the largest row norm
     * (at least 1). A distance computed here is off by at most about 5e-4 of that norm, so a bound
     * with this margin never prunes what the exhaustive computation would keep.
     *
     * @return the margin, in distance units
     */
    double margin() {
        float max = 0;
        for (float s : squaredNorms) {
            max = Math.max(max, s);
        }
        return SLACK * Math.max(1, Math.sqrt(max));
    }

    /**
     * Squared distance from row {@code i} to a vector, from {@link #dot}.
     *
     * @param i the row
     * @param v the array holding the vector
     * @param offset where the vector starts
     * @param vSquaredNorm its squared norm
     * @return the squared distance, at least 0
     */
    float squaredTo(int i, float[] v, int offset, float vSquaredNorm) {
        return Math.max(0f, squaredNorms[i] + vSquaredNorm - 2f * dot(data, i * width, v, offset, width));
    }

    /**
     * A single dot product: two vector partial sums, then lanes folded pairwise by shuffles, each
     * step an IEEE addition of fixed lanes (a lane reduction would leave the order to the JIT).
     *
     * @param a the array holding the first vector
     * @param aOffset where it starts
     * @param b the array holding the second vector
     * @param bOffset where it starts
     * @param width their length
     * @return the dot product
     */
    static float dot(float[] a, int aOffset, float[] b, int bOffset, int width) {
        FloatVector even = FloatVector.zero(FLOATS);
        FloatVector odd = even;
        int k = 0;
        for (; k + 2 * LANES <= width; k += 2 * LANES) {
            even = FloatVector.fromArray(FLOATS, a, aOffset + k).fma(FloatVector.fromArray(FLOATS, b, bOffset + k), even);
            odd = FloatVector.fromArray(FLOATS, a, aOffset + k + LANES)
                    .fma(FloatVector.fromArray(FLOATS, b, bOffset + k + LANES), odd);
        }
        for (; k + LANES <= width; k += LANES) {
            even = FloatVector.fromArray(FLOATS, a, aOffset + k).fma(FloatVector.fromArray(FLOATS, b, bOffset + k), even);
        }
        float total = fold(even.add(odd));
        for (; k < width; k++) {
            total = Math.fma(a[aOffset + k], b[bOffset + k], total);
        }
        return total;
    }

    /**
     * {@link #dot} of one vector with four rows at once (the four run interleaved), each result
     * identical to {@link #dot}'s.
     *
     * @param v the array holding the vector
     * @param vOffset where it starts
     * @param rows the array holding the rows
     * @param offsets where the four rows start
     * @param width the width
     * @param out the four dot products
     */
    static void dot4(float[] v, int vOffset, float[] rows, int[] offsets, int width, float[] out) {
        if (width % (2 * LANES) != 0) {
            // dot's order for other widths ends with single vectors and a scalar tail: take its path.
            for (int r = 0; r < 4; r++) {
                out[r] = dot(rows, offsets[r], v, vOffset, width);
            }
            return;
        }
        int r0 = offsets[0];
        int r1 = offsets[1];
        int r2 = offsets[2];
        int r3 = offsets[3];
        FloatVector e0 = FloatVector.zero(FLOATS);
        FloatVector e1 = e0;
        FloatVector e2 = e0;
        FloatVector e3 = e0;
        FloatVector o0 = e0;
        FloatVector o1 = e0;
        FloatVector o2 = e0;
        FloatVector o3 = e0;
        int k = 0;
        for (; k + 2 * LANES <= width; k += 2 * LANES) {
            FloatVector even = FloatVector.fromArray(FLOATS, v, vOffset + k);
            FloatVector odd = FloatVector.fromArray(FLOATS, v, vOffset + k + LANES);
            e0 = FloatVector.fromArray(FLOATS, rows, r0 + k).fma(even, e0);
            e1 = FloatVector.fromArray(FLOATS, rows, r1 + k).fma(even, e1);
            e2 = FloatVector.fromArray(FLOATS, rows, r2 + k).fma(even, e2);
            e3 = FloatVector.fromArray(FLOATS, rows, r3 + k).fma(even, e3);
            o0 = FloatVector.fromArray(FLOATS, rows, r0 + k + LANES).fma(odd, o0);
            o1 = FloatVector.fromArray(FLOATS, rows, r1 + k + LANES).fma(odd, o1);
            o2 = FloatVector.fromArray(FLOATS, rows, r2 + k + LANES).fma(odd, o2);
            o3 = FloatVector.fromArray(FLOATS, rows, r3 + k + LANES).fma(odd, o3);
        }
        out[0] = fold(e0.add(o0));
        out[1] = fold(e1.add(o1));
        out[2] = fold(e2.add(o2));
        out[3] = fold(e3.add(o3));
    }

    private static float fold(FloatVector sum) {
        for (VectorShuffle<Float> fold : FOLDS) {
            sum = sum.add(sum.rearrange(fold));
        }
        return sum.lane(0);
    }

    /** Shuffles that add lane i + h to lane i, for h = LANES/2, ..., 1. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
    private static VectorShuffle<Float>[] folds() {
        if (Integer.bitCount(LANES) != 1) {
            throw new IllegalStateException("Vector lanes " + LANES + " are not a power of two.");
        }
        int steps = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Float>[] folds = new VectorShuffle[steps];
        for (int s = 0, half = LANES / 2; s < steps; s++, half /= 2) {
            int shift = half;
            folds[s] = VectorShuffle.fromOp(FLOATS, i -> (i + shift) % LANES);
        }
        return folds;
    }

    /**
     * The first index whose value is at least {@code bound} in an ascending array (its length if
     * none): the rows of a ring sorted by distance, or the neighbours within a radius.
     *
     * @param ascending sorted values
     * @param bound the bound
     * @return the index
     */
    static int firstAtLeast(float[] ascending, double bound) {
        int low = 0;
        int high = ascending.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ascending[mid] < bound) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The scalar form of one lane of {@link Columns#dots}: one FMA chain in index order. */
    static float sequentialDot(float[] a, int aOffset, float[] b, int bOffset, int width) {
        float sum = 0;
        for (int k = 0; k < width; k++) {
            sum = Math.fma(b[bOffset + k], a[aOffset + k], sum);
        }
        return sum;
    }

    /**
     * Some rows stored column-major ({@code width × stride}, zero-padded to whole vectors), so one
     * row's dot products with all of them run one per lane.
     */
    static final class Columns {

        final float[] values;
        final int count;
        final int stride;
        final int width;
        final float[] squaredNorms;

        /** Coordinates between two tests of {@link #squaredDistancesBelow}. */
        static final int CHECK = 16;

        /**
         * Transposes the chosen rows.
         *
         * @param x the rows
         * @param members which rows, in the order the columns take
         */
        Columns(HostRows x, int[] members) {
            this(x.data, x.width, members, x.squaredNorms);
        }

        /**
         * Transposes rows of a row-major array.
         *
         * @param data row-major rows
         * @param width their width
         * @param members which rows, in column order
         * @param norms every row's squared norm
         */
        Columns(float[] data, int width, int[] members, float[] norms) {
            this.count = members.length;
            this.stride = Math.max(LANES, (count + LANES - 1) / LANES * LANES);
            this.width = width;
            this.values = new float[width * stride];
            this.squaredNorms = new float[count];
            for (int j = 0; j < count; j++) {
                int offset = members[j] * width;
                for (int k = 0; k < width; k++) {
                    values[k * stride + j] = data[offset + k];
                }
                squaredNorms[j] = norms[members[j]];
            }
        }

        /**
         * Dot products of one row with columns {@code [from, to)}, written to {@code out[j]}; lanes
         * just outside the range may be written too ({@code out} must hold {@link #stride} floats).
         *
         * @param x the array holding the row
         * @param offset where the row starts
         * @param from the first column
         * @param to the end of the columns
         * @param out the dot products by column
         */
        void dots(float[] x, int offset, int from, int to, float[] out) {
            int j = from / LANES * LANES;
            int end = Math.min(stride, (to + LANES - 1) / LANES * LANES);
            for (; j + 4 * LANES <= end; j += 4 * LANES) {
                FloatVector a0 = FloatVector.zero(FLOATS);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int k = 0, row = j; k < width; k++, row += stride) {
                    FloatVector xk = FloatVector.broadcast(FLOATS, x[offset + k]);
                    a0 = FloatVector.fromArray(FLOATS, values, row).fma(xk, a0);
                    a1 = FloatVector.fromArray(FLOATS, values, row + LANES).fma(xk, a1);
                    a2 = FloatVector.fromArray(FLOATS, values, row + 2 * LANES).fma(xk, a2);
                    a3 = FloatVector.fromArray(FLOATS, values, row + 3 * LANES).fma(xk, a3);
                }
                a0.intoArray(out, j);
                a1.intoArray(out, j + LANES);
                a2.intoArray(out, j + 2 * LANES);
                a3.intoArray(out, j + 3 * LANES);
            }
            for (; j < end; j += LANES) {
                FloatVector a0 = FloatVector.zero(FLOATS);
                for (int k = 0, row = j; k < width; k++, row += stride) {
                    a0 = FloatVector.fromArray(FLOATS, values, row).fma(FloatVector.broadcast(FLOATS, x[offset + k]), a0);
                }
                a0.intoArray(out, j);
            }
        }

        /**
         * Squared distances {@code Σ (y_k − x_k)²} of one row to columns {@code [from, to)}, each one
         * FMA chain in index order (so the distance from x to y is the one from y to x), in {@code
         * out}. Every {@value #CHECK} coordinates, a vector of columns whose partial sums all reached
         * {@code limit} is abandoned: its values are then partial sums, at least {@code limit}, so
         * {@code out[j] < limit} is exactly the full distance's test.
         *
         * @param x the array holding the row
         * @param offset where the row starts
         * @param from the first column
         * @param to the end of the columns
         * @param limit the bound of interest
         * @param out squared distances by column ({@link #stride} floats)
         */
        void squaredDistancesBelow(float[] x, int offset, int from, int to, float limit, float[] out) {
            int j = from / LANES * LANES;
            int end = Math.min(stride, (to + LANES - 1) / LANES * LANES);
            for (; j + 2 * LANES <= end; j += 2 * LANES) {
                FloatVector a0 = FloatVector.zero(FLOATS);
                FloatVector a1 = a0;
                int row = j;
                for (int k = 0; k < width; k++, row += stride) {
                    FloatVector xk = FloatVector.broadcast(FLOATS, x[offset + k]);
                    FloatVector d0 = FloatVector.fromArray(FLOATS, values, row).sub(xk);
                    FloatVector d1 = FloatVector.fromArray(FLOATS, values, row + LANES).sub(xk);
                    a0 = d0.fma(d0, a0);
                    a1 = d1.fma(d1, a1);
                    // The minimum of the lanes is exact in any order.
                    if ((k & (CHECK - 1)) == CHECK - 1 && a0.min(a1).reduceLanes(VectorOperators.MIN) >= limit) {
                        break;
                    }
                }
                a0.intoArray(out, j);
                a1.intoArray(out, j + LANES);
            }
            for (; j < end; j += LANES) {
                FloatVector a0 = FloatVector.zero(FLOATS);
                int row = j;
                for (int k = 0; k < width; k++, row += stride) {
                    FloatVector d0 = FloatVector.fromArray(FLOATS, values, row).sub(FloatVector.broadcast(FLOATS,
                            x[offset + k]));
                    a0 = d0.fma(d0, a0);
                    if ((k & (CHECK - 1)) == CHECK - 1 && a0.reduceLanes(VectorOperators.MIN) >= limit) {
                        break;
                    }
                }
                a0.intoArray(out, j);
            }
        }

        /**
         * Squared distances of one row to columns {@code [from, to)}, clipped at 0, in {@code out}.
         *
         * @param x the array holding the row
         * @param offset where the row starts
         * @param xSquaredNorm the row's squared norm
         * @param from the first column
         * @param to the end of the columns
         * @param out squared distances by column ({@link #stride} floats)
         */
        void squaredDistances(float[] x, int offset, float xSquaredNorm, int from, int to, float[] out) {
            dots(x, offset, from, to, out);
            for (int j = from; j < to; j++) {
                out[j] = Math.max(0f, xSquaredNorm + squaredNorms[j] - 2f * out[j]);
            }
        }
    }
}
