package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.function.UnaryOperator;

/** Applies a row-wise reduction to an array that already exists, chunk by chunk, on its device. */
public final class RowReductions {

    /** Rows per chunk when reducing an existing array. */
    public static final int DEFAULT_CHUNK_ROWS = 4096;

    private RowReductions() {}

    /**
     * Reduces {@code whole} in chunks of rows; temporaries live in a child manager, so the array's
     * own manager may be capped.
     *
     * @param whole an array whose first axis is the item
     * @param chunkRows rows per chunk, >= 1
     * @param reduction maps {@code (n, ...)} to {@code (n)}
     * @return one float per row
     */
    public static float[] reduce(NDArray whole, int chunkRows, UnaryOperator<NDArray> reduction) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("Chunk rows " + chunkRows + " must be >= 1.");
        }
        long rows = whole.getShape().get(0);
        try (NDManager scope = whole.getManager().newSubManager()) {
            scope.tempAttachAll(whole);
            NDArray out = scope.zeros(new Shape(rows), DataType.FLOAT32);
            for (long from = 0; from < rows; from += chunkRows) {
                long to = Math.min(rows, from + chunkRows);
                try (NDScope chunk = new NDScope()) {
                    NDIndex slice = new NDIndex(from + ":" + to);
                    out.set(slice, checked(reduction.apply(whole.get(slice)), to - from));
                }
            }
            return out.toFloatArray();
        }
    }

    /**
     * Checks that a reduction kept one value per row, as float32.
     *
     * @param scores what the reduction returned
     * @param rows the chunk's row count
     * @return the scores as float32
     */
    public static NDArray checked(NDArray scores, long rows) {
        if (scores.getShape().dimension() != 1 || scores.getShape().get(0) != rows) {
            throw new IllegalStateException("A score reduction returned shape " + scores.getShape() + " for a chunk of "
                    + rows + " rows; it must return one score per row.");
        }
        return scores.getDataType() == DataType.FLOAT32 ? scores : scores.toType(DataType.FLOAT32, false);
    }
}
