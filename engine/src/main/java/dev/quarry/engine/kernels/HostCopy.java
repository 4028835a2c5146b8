package dev.quarry.engine.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * Copies of NDArrays to the Java heap that work at any size up to a Java array's. DJL reads an
 * array through one direct buffer, which libtorch refuses beyond 2 GiB ("torchDirectByteBuffer() is
 * not supported for large tensor"): a (10 000 000, 64) float32 pool is 2.6 GB. Larger arrays are
 * read in slices of rows.
 */
public final class HostCopy {

    /** Bytes read through one buffer at most (well under libtorch's 2 GiB). */
    static final long SLICE_BYTES = 1L << 28;

    private HostCopy() {}

    /**
     * The float32 values of an array, row-major.
     *
     * @param x a float32 array of rank at least 1
     * @return its values
     * @throws IllegalArgumentException if it holds more values than a Java array can
     */
    public static float[] floats(NDArray x) {
        return floats(x, SLICE_BYTES);
    }

    /** {@link #floats(NDArray)} through slices of at most {@code sliceBytes} (tests use small ones). */
    static float[] floats(NDArray x, long sliceBytes) {
        long size = x.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("An array of " + size + " values does not fit one Java array; use "
                    + "maxPool or a smaller pool.");
        }
        if (size * Float.BYTES <= sliceBytes || x.getShape().dimension() == 0) {
            return x.toFloatArray();
        }
        long rows = x.getShape().get(0);
        long perRow = rows == 0 ? 1 : size / rows;
        long sliceRows = Math.max(1, sliceBytes / Float.BYTES / Math.max(1, perRow));
        float[] out = new float[(int) size];
        for (long from = 0; from < rows; from += sliceRows) {
            long to = Math.min(rows, from + sliceRows);
            try (NDScope scope = new NDScope()) {
                float[] slice = x.get(from + ":" + to).toFloatArray();
                System.arraycopy(slice, 0, out, (int) (from * perRow), slice.length);
            }
        }
        return out;
    }
}
