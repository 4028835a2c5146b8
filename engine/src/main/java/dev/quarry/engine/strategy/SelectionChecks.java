package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The argument checks every strategy shares, with messages that say what to do. */
public final class SelectionChecks {

    private SelectionChecks() {}

    /**
     * Rejects a budget outside {@code [1, unlabeled]}.
     *
     * @param strategy the strategy's name
     * @param budget the requested budget
     * @param unlabeled the number of unlabeled items
     */
    public static void requireBudget(String strategy, int budget, int unlabeled) {
        if (budget <= 0) {
            throw new IllegalArgumentException("Budget " + budget + " for strategy '" + strategy
                    + "' must be > 0.");
        }
        if (budget > unlabeled) {
            throw new IllegalArgumentException("Budget " + budget + " for strategy '" + strategy + "' is larger than the "
                    + unlabeled + " unlabeled items left in the pool; lower the budget or the number of rounds.");
        }
    }

    /**
     * Checks an array's shape against the expected rank and leading dimension.
     *
     * @param argument the argument's name, for the message
     * @param array the array
     * @param rank the expected rank
     * @param rows the expected first dimension
     * @param layout the expected layout, for the message, such as {@code (N, C)}
     */
    public static void requireShape(String argument, NDArray array, int rank, long rows, String layout) {
        Shape s = array.getShape();
        if (s.dimension() != rank || s.get(0) != rows) {
            throw new IllegalArgumentException(argument + " has shape " + s + " but " + layout + " with N = " + rows
                    + " was expected.");
        }
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(argument + " is " + array.getDataType() + " but float32 was expected.");
        }
    }

    /**
     * Rejects model outputs that contain NaN or infinity, never patching them.
     *
     * @param strategy the strategy's name
     * @param argument what the array is, such as {@code probabilities}
     * @param array an array whose first axis is the item
     */
    public static void requireFinite(String strategy, String argument, NDArray array) {
        long rows = array.getShape().get(0);
        if (rows == 0) {
            return;
        }
        long badRows;
        long first;
        // Temporaries go to a child manager, so a caller's manager may be capped.
        try (NDManager scope = array.getManager().newSubManager()) {
            scope.tempAttachAll(array);
            NDArray bad = array.isNaN().logicalOr(array.isInfinite()).reshape(rows, -1).countNonzero(1).gt(0);
            badRows = bad.countNonzero().getLong();
            first = badRows > 0 ? bad.toType(DataType.INT32, false).argMax().getLong() : -1;
        }
        if (badRows > 0) {
            throw new IllegalArgumentException(badRows(strategy, argument, badRows, rows, first));
        }
    }

    /**
     * Rejects host scores that contain NaN or infinity.
     *
     * @param strategy the strategy's name
     * @param scores the scores
     */
    public static void requireFinite(String strategy, float[] scores) {
        int[] bad = nonFinite(scores);
        if (bad[0] > 0) {
            throw new IllegalArgumentException("Strategy '" + strategy + "': " + bad[0] + " of " + scores.length
                    + " scores are NaN or infinite (first at row " + bad[1] + ", value " + scores[bad[1]] + ").");
        }
    }

    /**
     * Marks rows of {@code probabilities} that hold NaN or infinity by making their score NaN, so a
     * chunked reduction carries the problem to {@link #requireFiniteRows}; never patches them.
     *
     * @param probabilities a chunk whose first axis is the item
     * @param scores the chunk's {@code (n)} scores
     * @return the scores, NaN where a row was not finite
     */
    public static NDArray markNonFiniteRows(NDArray probabilities, NDArray scores) {
        long rows = probabilities.getShape().get(0);
        NDArray bad = probabilities.isNaN().logicalOr(probabilities.isInfinite()).reshape(rows, -1).countNonzero(1).gt(0);
        return NDArrays.where(bad, scores.getManager().full(scores.getShape(), Float.NaN, scores.getDataType()), scores);
    }

    /**
     * Rejects scores marked by {@link #markNonFiniteRows}, naming the strategy and the bad rows.
     *
     * @param strategy the strategy's name
     * @param argument what the scores were computed from, such as {@code probabilities}
     * @param scores one score per row
     */
    public static void requireFiniteRows(String strategy, String argument, float[] scores) {
        int[] bad = nonFinite(scores);
        if (bad[0] > 0) {
            throw new IllegalArgumentException(badRows(strategy, argument, bad[0], scores.length, bad[1]));
        }
    }

    /** {@code {count, first index}} of the non-finite values. */
    private static int[] nonFinite(float[] values) {
        int bad = 0;
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        return new int[] {bad, first};
    }

    private static String badRows(String strategy, String argument, long bad, long rows, long first) {
        return "Strategy '" + strategy + "': " + bad + " of " + rows + " rows of " + argument + " contain NaN or infinite "
                + "values (first at row " + first + "); the model outputs are invalid (did training diverge? try a lower "
                + "learning rate).";
    }
}
