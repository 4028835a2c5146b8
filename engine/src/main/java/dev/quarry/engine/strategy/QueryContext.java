package dev.quarry.engine.strategy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.SplittableRandom;

/**
 * What a round offers a strategy. Model outputs are computed lazily, once, on {@link #device()},
 * and live in {@link #manager()}, which the caller closes after the selection; rows follow {@link
 * #unlabeledIds()}.
 */
public interface QueryContext {

    /**
     * The unlabeled ids, ascending; row i of every pool output belongs to id {@code unlabeledIds()[i]}.
     *
     * @return the ids
     */
    long[] unlabeledIds();

    /**
     * The labeled ids, ascending.
     *
     * @return the ids
     */
    long[] labeledIds();

    /**
     * Class probabilities of the unlabeled items.
     *
     * @return {@code (N, C)} float32
     */
    NDArray probabilities();

    /**
     * MC-dropout class probabilities of the unlabeled items.
     *
     * @return {@code (N, T, C)} float32
     */
    NDArray mcProbabilities();

    /**
     * Embeddings of the unlabeled items.
     *
     * @return {@code (N, d)} float32
     */
    NDArray embeddings();

    /**
     * Embeddings of the labeled items.
     *
     * @return {@code (L, d)} float32, rows following {@link #labeledIds()}
     */
    NDArray labeledEmbeddings();

    /**
     * The generator for this round and strategy, derived from the run seed.
     *
     * @return the generator
     */
    SplittableRandom random();

    /**
     * The manager that owns this round's arrays; strategies create their temporaries in a child of it.
     *
     * @return the manager
     */
    NDManager manager();

    /**
     * The device the round computes on.
     *
     * @return the device
     */
    Device device();
}
