package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.NonFinite;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;

/**
 * Checks probabilities that come from outside Quarry (a {@code .npy} file, another framework) and
 * brings them into Quarry's layout: {@code (N, C)} or {@code (N, T, C)} float32 on the device.
 */
public final class ProbabilityInputs {

    /** How far a distribution's sum may be from 1 (float32 softmax outputs are within 1e-6). */
    public static final double SUM_TOLERANCE = 1e-3;

    private ProbabilityInputs() {}

    /**
     * Validates probabilities and returns them as float32 {@code (N, C)} or {@code (N, T, C)}.
     *
     * @param source where they came from, for messages (a file name)
     * @param probabilities {@code (N, C)}, or {@code (N, T, C)} / {@code (N, C, T)} as {@code layout} says
     * @param layout the layout of a 3-D input
     * @return the checked array in Quarry's layout, in the input's manager
     * @throws IllegalArgumentException naming the file and what is wrong: rank, size, NaN or
     *     infinity, negative values, rows that do not sum to 1
     */
    public static NDArray toQuarryLayout(String source, NDArray probabilities, ProbabilityLayout layout) {
        Shape shape = probabilities.getShape();
        int rank = shape.dimension();
        if (rank != 2 && rank != 3) {
            throw new InvalidInputException(source + ": probabilities have shape " + shape
                    + "; expected (N, C) or (N, T, C) (or (N, C, T) in the NCT layout).", Setting.LAYOUT);
        }
        if (shape.get(0) == 0 || shape.get(rank - 1) == 0 || (rank == 3 && shape.get(1) == 0)) {
            throw new InvalidInputException(source + ": probabilities have shape " + shape + "; the pool is empty.");
        }
        DataType type = probabilities.getDataType();
        if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
            throw new InvalidInputException(source + ": probabilities are " + type + "; expected float32 or float64.");
        }
        NDArray p = type == DataType.FLOAT32 ? probabilities : probabilities.toType(DataType.FLOAT32, false);
        if (rank == 3 && layout == ProbabilityLayout.NCT) {
            // Transposed once, here, into row-major memory: a transposed view would be copied again by every query.
            Shape ntc = new Shape(shape.get(0), shape.get(2), shape.get(1));
            p = p.transpose(0, 2, 1).reshape(-1).reshape(ntc);
        }
        if (p.getShape().get(p.getShape().dimension() - 1) < 2) {
            throw new InvalidInputException(source + ": probabilities have " + p.getShape().get(rank - 1)
                    + " class(es) in shape " + shape + "; a classifier needs at least 2 (is the layout right?).", Setting.LAYOUT);
        }
        check(source, p);
        return p;
    }

    /** One pass per property, each a single reduction; the counts behind a message are computed only on failure. */
    private static void check(String source, NDArray p) {
        try (NDManager scope = p.getManager().newSubManager()) {
            scope.tempAttachAll(p);
            NonFinite bad = NonFinite.rowsOf(p);
            if (!bad.none()) {
                throw new InvalidInputException(source + ": " + bad.describe("probabilities") + ".");
            }
            if (p.min().getFloat() < 0) {
                long negative = p.lt(0f).countNonzero().getLong();
                throw new InvalidInputException(source + ": " + negative + " values are negative; pass probabilities "
                        + "(softmax outputs), not logits.");
            }
            int classAxis = p.getShape().dimension() - 1;
            // float32 sums of C values in [0, 1] are exact to about C * 6e-8, far inside the tolerance.
            NDArray off = p.sum(new int[] {classAxis}).reshape(-1).sub(1f).abs();
            if (off.max().getFloat() > SUM_TOLERANCE) {
                NDArray offending = off.gt(SUM_TOLERANCE);
                long badSums = offending.countNonzero().getLong();
                long first = offending.toType(DataType.INT32, false).argMax().getLong();
                long rows = p.getShape().get(0);
                long perRow = off.getShape().get(0) / rows;
                float sum = p.sum(new int[] {classAxis}).reshape(-1).getFloat(first);
                throw new InvalidInputException(source + ": " + badSums + " of " + off.getShape().get(0)
                        + " distributions do not sum to 1 (first: row " + first / perRow
                        + (perRow > 1 ? ", pass " + first % perRow : "") + ", sum " + sum
                        + "); pass probabilities (softmax outputs), not logits"
                        + (p.getShape().dimension() == 3 ? ", and check the layout (NTC or NCT)" : "") + ".", Setting.LAYOUT);
            }
        }
    }
}
