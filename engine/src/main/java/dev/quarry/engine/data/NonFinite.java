package dev.quarry.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.nio.ByteBuffer;

/**
 * The one check for NaN and infinite values, on the host and on the device: how many rows hold one
 * and where the first is. Callers decide what a bad row means (bad input, or a model that failed)
 * and say so; nothing is ever patched.
 *
 * @param rows how many rows hold a NaN or infinite value
 * @param first the first such row, or -1
 * @param total how many rows were checked
 */
public record NonFinite(long rows, long first, long total) {

    /** @return whether every value was finite */
    public boolean none() {
        return rows == 0;
    }

    /**
     * A sentence for a message: {@code "3 of 100 rows of probabilities contain NaN or infinite values
     * (first at row 7)"}.
     *
     * @param what what the rows are
     * @return the sentence, without a final period
     */
    public String describe(String what) {
        return rows + " of " + total + " rows of " + what + " contain NaN or infinite values (first at row " + first + ")";
    }

    /**
     * A sentence for a message about rows that are items: {@code "3 of 100 rows of probabilities
     * contain NaN or infinite values (first: item 4711)"}.
     *
     * @param what what the rows are
     * @param ids the item id of each row
     * @return the sentence, without a final period
     */
    public String describe(String what, long[] ids) {
        return rows + " of " + total + " rows of " + what + " contain NaN or infinite values (first: item " + ids[(int) first]
                + ")";
    }

    /**
     * Counts the rows of an array (its first axis) that hold a non-finite value; temporaries live in
     * a child manager, so the array's own manager may be capped.
     *
     * @param array an array whose first axis is the row
     * @return the count and the first bad row
     */
    public static NonFinite rowsOf(NDArray array) {
        long rows = array.getShape().get(0);
        if (rows == 0 || array.getShape().size() == 0) {
            return new NonFinite(0, -1, rows);
        }
        try (NDManager scope = array.getManager().newSubManager()) {
            scope.tempAttachAll(array);
            NDArray bad = badRows(array);
            long count = bad.countNonzero().getLong();
            long first = count > 0 ? bad.toType(DataType.INT32, false).argMax().getLong() : -1;
            return new NonFinite(count, first, rows);
        }
    }

    /**
     * Marks the rows of a chunk that hold a non-finite value by making their score NaN, so that a
     * chunked reduction carries the problem to {@link #of(float[])} instead of hiding it.
     *
     * @param chunk a chunk whose first axis is the row
     * @param scores the chunk's {@code (n)} scores
     * @return the scores, NaN where the row was not finite
     */
    public static NDArray markRows(NDArray chunk, NDArray scores) {
        NDArray nan = scores.getManager().full(scores.getShape(), Float.NaN, scores.getDataType());
        return NDArrays.where(badRows(chunk), nan, scores);
    }

    /**
     * Counts the non-finite values of a host array.
     *
     * @param values the values, one per row
     * @return the count and the first bad index
     */
    public static NonFinite of(float[] values) {
        long bad = 0;
        long first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        return new NonFinite(bad, first, values.length);
    }

    /**
     * Counts the non-finite float32 values of a host buffer.
     *
     * @param buffer little-endian float32 values
     * @param count how many values
     * @return the count and the first bad value index
     */
    public static NonFinite ofFloats(ByteBuffer buffer, long count) {
        long bad = 0;
        long first = -1;
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(buffer.getFloat(i * Float.BYTES))) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        return new NonFinite(bad, first, count);
    }

    /**
     * Which rows hold a NaN or infinite value. A row holding one always has a non-finite sum, so one
     * pass of row sums clears the usual all-finite array; only when some sum is not finite (a bad
     * value, or finite values that overflowed) is the exact test run: {@code x * 0} is NaN exactly
     * for a non-finite {@code x}, and a row of zeros cannot overflow.
     */
    private static NDArray badRows(NDArray array) {
        NDArray rows = array.reshape(array.getShape().get(0), -1);
        NDArray suspect = rows.sum(new int[] {1}).mul(0).isNaN();
        if (!suspect.any().getBoolean()) {
            return suspect;
        }
        return rows.mul(0).sum(new int[] {1}).isNaN();
    }
}
