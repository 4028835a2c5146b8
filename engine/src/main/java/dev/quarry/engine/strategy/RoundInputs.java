package dev.quarry.engine.strategy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.Rows;


import java.util.Objects;
import java.util.SplittableRandom;

/**
 * What a {@link Selector} selects from, computed by the loop (or the offline path) before the
 * selection: the round's rows and exactly the inputs the strategy declared. Arrays live in {@link
 * #manager()}, which is closed after the selection; a selector creates its temporaries in a child
 * of it.
 *
 * @param ids the rows' global ids, ascending; row i of every pool array belongs to {@code ids[i]}
 * @param labeledIds the labeled ids, ascending
 * @param scores the strategy's score of every row, or null without a scorer
 * @param probabilities {@code (N, C)} float32, or null when not declared
 * @param mcProbabilities {@code (N, T, C)} float32, or null when not declared
 * @param embeddings {@code (N, d)} float32, or null when not declared
 * @param labeledEmbeddings {@code (L, d)} float32, or null when not declared
 * @param random the round's seeded generator, derived from (run seed, round, strategy)
 * @param manager where the round's arrays live
 */
public record RoundInputs(long[] ids, long[] labeledIds, float[] scores, NDArray probabilities, NDArray mcProbabilities,
        NDArray embeddings, NDArray labeledEmbeddings, SplittableRandom random, NDManager manager) {

    /**
     * Checks what every round has.
     *
     * @param ids the rows' ids
     * @param labeledIds the labeled ids
     * @param scores the scores or null
     * @param probabilities probabilities or null
     * @param mcProbabilities MC probabilities or null
     * @param embeddings embeddings or null
     * @param labeledEmbeddings labeled embeddings or null
     * @param random the generator
     * @param manager the manager
     */
    public RoundInputs {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(labeledIds, "labeledIds");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(manager, "manager");
        if (scores != null && scores.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " rows but " + scores.length + " scores.");
        }
    }

    /** @return the rows' ids (a copy) */
    @Override
    public long[] ids() {
        return ids.clone();
    }

    /** @return the labeled ids (a copy) */
    @Override
    public long[] labeledIds() {
        return labeledIds.clone();
    }

    /** @return the number of rows */
    public int size() {
        return ids.length;
    }

    /** @return the scores; the strategy has a scorer */
    @Override
    public float[] scores() {
        return require(scores, "scores (its strategy has no scorer)");
    }

    /** @return {@code (N, C)}; declared with {@link Input#probabilities()} */
    @Override
    public NDArray probabilities() {
        return require(probabilities, Input.probabilities().toString());
    }

    /** @return {@code (N, T, C)}; declared with {@link Input#mc} */
    @Override
    public NDArray mcProbabilities() {
        return require(mcProbabilities, "MC probabilities (N, T, C)");
    }

    /** @return {@code (N, d)}; declared with {@link Input#embeddings()} */
    @Override
    public NDArray embeddings() {
        return require(embeddings, Input.embeddings().toString());
    }

    /** @return {@code (L, d)}; declared with {@link Input#labeledEmbeddings()} */
    @Override
    public NDArray labeledEmbeddings() {
        return require(labeledEmbeddings, Input.labeledEmbeddings().toString());
    }

    /** @return the device the round's arrays are on */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * The global ids at some row positions: how a selector turns its picks into a {@link Selection}.
     *
     * @param positions row positions
     * @return their ids, in the same order
     */
    public long[] idsAt(int[] positions) {
        return Rows.idsAt(ids, positions);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("The selector reads " + what + " but did not declare it in inputs().");
        }
        return value;
    }
}
