package dev.quarry.engine.strategy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.model.McSpec;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

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
     * MC-dropout class probabilities of the unlabeled items, all rows at once on the device. Prefer
     * {@link #mcScores} when a strategy only needs one score per item: it never holds the whole
     * tensor.
     *
     * @param spec passes, scope and mask sharing (a precomputed context returns what it was given)
     * @return {@code (N, T, C)} float32
     */
    NDArray mcProbabilities(McSpec spec);

    /**
     * {@link #mcProbabilities(McSpec)} with {@link McSpec#DEFAULT}.
     *
     * @return {@code (N, T, C)} float32
     */
    default NDArray mcProbabilities() {
        return mcProbabilities(McSpec.DEFAULT);
    }

    /**
     * Reduces the class probabilities to one score per item, chunk by chunk on the device; only the
     * N scores come back to the host.
     *
     * @param reduction maps an {@code (n, C)} chunk to {@code (n)} scores; it must work row by row
     * @return N scores
     */
    float[] scores(UnaryOperator<NDArray> reduction);

    /**
     * Reduces MC-dropout probabilities to one score per item, chunk by chunk on the device, without
     * ever holding the {@code (N, T, C)} tensor; only the N scores come back to the host. Equal to
     * applying the reduction to {@link #mcProbabilities(McSpec)}.
     *
     * @param spec passes, scope and mask sharing
     * @param reduction maps an {@code (n, T, C)} chunk to {@code (n)} scores; it must work row by row
     * @return N scores
     */
    float[] mcScores(McSpec spec, UnaryOperator<NDArray> reduction);

    /**
     * A view of this context restricted to some unlabeled items (pool subsampling); its ids are
     * the chosen items' global ids, so selections need no mapping back.
     *
     * @param positions distinct positions into {@link #unlabeledIds()}
     * @param manager where the view computes and keeps its arrays; close it after the selection
     * @return the view
     */
    QueryContext restrictTo(int[] positions, NDManager manager);

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
     * The unlabeled items themselves, in {@link #unlabeledIds()} order, for strategies that score the
     * inputs with a model of their own (an autoencoder's reconstruction error, for one).
     *
     * @return the items as a dataset (host memory)
     * @throws IllegalArgumentException where the context has no items (precomputed outputs without them)
     */
    ImageDataset unlabeledItems();

    /**
     * The labeled items themselves, in {@link #labeledIds()} order (see {@link #unlabeledItems()}).
     *
     * @return the items as a dataset (host memory); null where there are no labeled ids
     * @throws IllegalArgumentException where the context has no items
     */
    ImageDataset labeledItems();

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
