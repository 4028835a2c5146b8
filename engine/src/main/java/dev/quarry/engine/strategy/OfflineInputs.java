package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDArray;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.errors.InvalidInputException;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Model outputs computed elsewhere for a whole dataset (rows are item ids), with some rows already
 * labeled: what the offline path ({@link OfflineQueries}, the CLI's {@code select}) works on. The unlabeled rows form
 * the pool; the labeled rows' embeddings are the labeled embeddings.
 *
 * @param probabilities {@code (N, C)} or {@code (N, T, C)} float32 in Quarry's layout, or null
 * @param embeddings {@code (N, d)} float32, or null
 * @param items the items themselves, one per row, for strategies that read them, or null
 * @param labeled distinct labeled row ids in {@code [0, N)}
 */
public record OfflineInputs(NDArray probabilities, NDArray embeddings, ItemSource items, long[] labeled) {

    /**
     * Checks that the parts fit together.
     *
     * @param probabilities probabilities or null
     * @param embeddings embeddings or null
     * @param items items or null
     * @param labeled labeled row ids
     * @throws InvalidInputException naming the part that does not fit
     */
    public OfflineInputs {
        if (probabilities == null && embeddings == null && items == null) {
            throw new InvalidInputException("Give probabilities, embeddings or items.");
        }
        long rows = rows(probabilities, embeddings, items);
        if (probabilities != null) {
            int rank = probabilities.getShape().dimension();
            if (rank != 2 && rank != 3) {
                throw new InvalidInputException("Probabilities have shape " + probabilities.getShape()
                        + "; expected (N, C) or (N, T, C).");
            }
        }
        if (embeddings != null && embeddings.getShape().dimension() != 2) {
            throw new InvalidInputException("Embeddings have shape " + embeddings.getShape() + "; expected (N, d).");
        }
        requireRows("Embeddings", embeddings == null ? rows : embeddings.getShape().get(0), rows);
        requireRows("Items", items == null ? rows : items.size(), rows);
        labeled = labeled == null ? new long[0] : labeled.clone();
        long[] sorted = labeled.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= rows) {
                throw new InvalidInputException("Labeled id " + sorted[i] + " is outside the " + rows + " rows [0, " + rows
                        + ").");
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new InvalidInputException("Labeled id " + sorted[i] + " appears twice.");
            }
        }
        if (sorted.length == rows) {
            throw new InvalidInputException("Every one of the " + rows + " rows is labeled; nothing is left to select.");
        }
    }

    /**
     * Outputs for strategies that read probabilities and embeddings only.
     *
     * @param probabilities probabilities or null
     * @param embeddings embeddings or null
     * @param labeled labeled row ids
     */
    public OfflineInputs(NDArray probabilities, NDArray embeddings, long[] labeled) {
        this(probabilities, embeddings, null, labeled);
    }

    private static long rows(NDArray probabilities, NDArray embeddings, ItemSource items) {
        if (probabilities != null) {
            return probabilities.getShape().get(0);
        }
        return embeddings != null ? embeddings.getShape().get(0) : items.size();
    }

    private static void requireRows(String what, long actual, long rows) {
        if (actual != rows) {
            throw new InvalidInputException(what + " have " + actual + " rows but the other inputs have " + rows
                    + "; every input must have one row per item.");
        }
    }

    /** @return the labeled row ids (a copy) */
    @Override
    public long[] labeled() {
        return labeled.clone();
    }

    /** @return the number of items N */
    public long rows() {
        return rows(probabilities, embeddings, items);
    }

    /** @return the unlabeled row ids, ascending */
    long[] unlabeled() {
        long[] sorted = labeled.clone();
        Arrays.sort(sorted);
        return LongStream.range(0, rows()).filter(i -> Arrays.binarySearch(sorted, i) < 0).toArray();
    }

    /** @return the labeled row ids, ascending */
    long[] labeledAscending() {
        long[] sorted = labeled.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /** @return these arrays as a round's outputs */
    ModelOutputs outputs() {
        return new PrecomputedOutputs(probabilities, embeddings, items);
    }
}
