package dev.quarry.engine.strategy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.model.ChunkConsumer;

import java.util.Optional;

/**
 * Where a round's declared {@link Input}s come from: a trained model over the pool (in the loop),
 * or arrays computed elsewhere ({@link PrecomputedOutputs}, the offline path). {@link QueryRunner}
 * asks for exactly what a strategy declared, for the round's rows, so both paths select through the
 * same code. Rows are global item ids.
 */
public interface ModelOutputs {

    /**
     * The device outputs are computed on.
     *
     * @return the device
     */
    Device device();

    /**
     * Whether the outputs were computed by a model here ({@code true}: a NaN in them is a model
     * failure) or given by the caller ({@code false}: a NaN is bad input).
     *
     * @return true for a model's outputs
     */
    boolean computedByModel();

    /**
     * Why these outputs cannot provide an input, if they cannot: checked for every declared input
     * before anything is computed.
     *
     * @param input a declared input
     * @return what is missing or does not fit, or empty when the input can be provided
     */
    Optional<String> problem(Input input);

    /**
     * Streams an input over rows, chunk by chunk, in order; each chunk is valid only during its call.
     *
     * @param input probabilities, MC probabilities, the learner's embeddings, or the items
     * @param ids the rows
     * @param manager where chunks are computed
     * @param consumer receives {@code (n, ...)} chunks
     * @throws IllegalArgumentException if these outputs cannot provide the input
     */
    void stream(Input input, long[] ids, NDManager manager, ChunkConsumer consumer);

    /**
     * An input over rows, all at once.
     *
     * @param input probabilities, MC probabilities or the learner's embeddings
     * @param ids the rows
     * @param manager where the result lives
     * @return {@code (ids.length, ...)} float32
     * @throws IllegalArgumentException if these outputs cannot provide the input
     */
    NDArray whole(Input input, long[] ids, NDManager manager);
}
