package dev.quarry.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.progress.ProgressReporter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the active learning loop needs from a model. Ids are global item ids into the dataset that
 * is passed along; every output row follows the order of {@code ids}.
 */
public interface ClassifierModel extends AutoCloseable {

    /**
     * The number of classes.
     *
     * @return C
     */
    int numClasses();

    /**
     * The device the model computes on.
     *
     * @return the device
     */
    Device device();

    /**
     * Trains on labeled items; from scratch, or from the current weights when the model is
     * configured to warm-start.
     *
     * @param data the items
     * @param ids the labeled ids
     * @param labels their labels (the oracle's, not necessarily the dataset's ground truth)
     * @param seed fixes initialization, shuffling and dropout
     * @throws IllegalStateException if training diverges (non-finite loss)
     */
    void fit(ImageDataset data, long[] ids, int[] labels, long seed);

    /**
     * Whether {@link #fit} continues from the current weights; the loop then checkpoints the
     * weights every round so that a resumed run starts from the same ones.
     *
     * @return true for warm starts
     */
    boolean isWarmStarted();

    /**
     * Deterministic class probabilities.
     *
     * @param data the items
     * @param ids which items
     * @param manager where the result lives
     * @return {@code (ids.length, C)} float32
     */
    NDArray probabilities(ImageDataset data, long[] ids, NDManager manager);

    /**
     * MC-dropout class probabilities: {@code samples} stochastic passes with dropout on and
     * BatchNorm in inference mode.
     *
     * @param data the items
     * @param ids which items
     * @param samples T, the number of passes (>= 1)
     * @param seed fixes the dropout masks
     * @param manager where the result lives
     * @return {@code (ids.length, T, C)} float32
     */
    NDArray mcProbabilities(ImageDataset data, long[] ids, int samples, long seed, NDManager manager);

    /**
     * Penultimate-layer embeddings.
     *
     * @param data the items
     * @param ids which items
     * @param manager where the result lives
     * @return {@code (ids.length, d)} float32
     */
    NDArray embeddings(ImageDataset data, long[] ids, NDManager manager);

    /**
     * Where progress of training and inference is shown.
     *
     * @param progress the reporter
     */
    void setProgress(ProgressReporter progress);

    /**
     * Saves the trained weights.
     *
     * @param directory the target directory
     * @throws IOException if writing fails
     */
    void save(Path directory) throws IOException;

    /**
     * Loads weights saved by {@link #save(Path)}.
     *
     * @param directory the directory
     * @throws IOException if reading fails or the weights do not fit this architecture
     */
    void load(Path directory) throws IOException;

    /** Frees the native memory of the weights. */
    @Override
    void close();
}
