package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Model outputs computed elsewhere for a whole dataset (rows are item ids), with some rows already
 * labeled: what {@code quarry select --embeddings … --labeled …} works on. The unlabeled rows form
 * the pool; the labeled rows' embeddings are the labeled embeddings.
 *
 * @param probabilities {@code (N, C)} or {@code (N, T, C)} float32 in Quarry's layout, or null
 * @param embeddings {@code (N, d)} float32, or null
 * @param labeled distinct labeled row ids in {@code [0, N)}
 */
public record OfflineInputs(NDArray probabilities, NDArray embeddings, long[] labeled) {

    /**
     * Checks that the parts fit together.
     *
     * @param probabilities probabilities or null
     * @param embeddings embeddings or null
     * @param labeled labeled row ids
     */
    public OfflineInputs {
        if (probabilities == null && embeddings == null) {
            throw new IllegalArgumentException("Give probabilities, embeddings or both.");
        }
        long rows = probabilities != null ? probabilities.getShape().get(0) : embeddings.getShape().get(0);
        if (embeddings != null) {
            if (embeddings.getShape().dimension() != 2) {
                throw new IllegalArgumentException("Embeddings have shape " + embeddings.getShape() + "; expected (N, d).");
            }
            if (embeddings.getShape().get(0) != rows) {
                throw new IllegalArgumentException("Embeddings have " + embeddings.getShape().get(0)
                        + " rows but the probabilities have " + rows + "; both must have one row per item.");
            }
        }
        labeled = labeled == null ? new long[0] : labeled.clone();
        long[] sorted = labeled.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= rows) {
                throw new IllegalArgumentException("Labeled id " + sorted[i] + " is outside the " + rows + " rows [0, " + rows
                        + ").");
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("Labeled id " + sorted[i] + " appears twice.");
            }
        }
        if (sorted.length == rows) {
            throw new IllegalArgumentException("Every one of the " + rows + " rows is labeled; nothing is left to select.");
        }
    }

    /**
     * The number of items.
     *
     * @return N
     */
    public long rows() {
        return probabilities != null ? probabilities.getShape().get(0) : embeddings.getShape().get(0);
    }

    /**
     * A context over the unlabeled rows, built in {@code scope}.
     *
     * @param seed seeds stochastic strategies
     * @param scope where the row selections live; close it after the selection
     * @return the context
     */
    QueryContext context(long seed, NDManager scope) {
        boolean[] isLabeled = new boolean[(int) rows()];
        for (long id : labeled) {
            isLabeled[(int) id] = true;
        }
        long[] unlabeled = LongStream.range(0, rows()).filter(i -> !isLabeled[(int) i]).toArray();
        NDArray unlabeledIndex = scope.create(unlabeled);
        NDArray labeledIndex = scope.create(labeled);
        PrecomputedQueryContext.Builder b = PrecomputedQueryContext.builder().setUnlabeledIds(unlabeled)
                .optLabeledIds(labeled).setManager(scope).setRandom(new SplittableRandom(seed));
        if (probabilities != null) {
            scope.tempAttachAll(probabilities);
            NDArray p = labeled.length == 0 ? probabilities : probabilities.get(unlabeledIndex);
            if (p.getShape().dimension() == 3) {
                b.optMcProbabilities(p).optProbabilities(p.mean(new int[] {1}));
            } else {
                b.optProbabilities(p);
            }
        }
        if (embeddings != null) {
            scope.tempAttachAll(embeddings);
            b.optEmbeddings(labeled.length == 0 ? embeddings : embeddings.get(unlabeledIndex));
            b.optLabeledEmbeddings(labeled.length == 0
                    ? scope.zeros(new Shape(0, embeddings.getShape().get(1)))
                    : embeddings.get(labeledIndex));
        }
        return b.build();
    }
}
