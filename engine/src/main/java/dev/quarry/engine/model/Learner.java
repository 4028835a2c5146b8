package dev.quarry.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.progress.ProgressReporter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the active learning loop needs from a model: it fits on labeled items and streams outputs
 * over items (class probabilities, MC-dropout probabilities, embeddings). Items come from any {@link
 * ItemSource} (images, feature vectors, RF footprints); ids are global item ids into it, and every
 * output row follows the order of {@code ids}.
 *
 * <p>Quarry ships learners for images ({@link CnnClassifier}, {@link BlockClassifier} for a user's
 * DJL blocks, {@link TorchScriptClassifier}) and for feature vectors ({@link MlpClassifier}).
 */
public interface Learner extends AutoCloseable {

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
     * @return what the training did: its last epoch's mean loss
     * @throws dev.quarry.engine.errors.ModelFailureException if training diverges (non-finite loss)
     */
    FitReport fit(ItemSource data, long[] ids, int[] labels, long seed);

    /**
     * Trains, knowing which labels are new since the last fit: a learner that warm-starts with
     * replay ({@link TrainingOptions#replay()}) trains on those and a sample of the rest. Others
     * train on everything, as {@link #fit(ItemSource, long[], int[], long)} does.
     *
     * @param data the items
     * @param ids the labeled ids
     * @param labels their labels
     * @param newIds the ids among {@code ids} labeled since the previous fit
     * @param seed fixes initialization, shuffling, dropout and the replay and augmentation draws
     * @return what the training did
     */
    default FitReport fit(ItemSource data, long[] ids, int[] labels, long[] newIds, long seed) {
        return fit(data, ids, labels, seed);
    }

    /**
     * Whether {@link #fit} continues from the current weights; the loop then checkpoints the
     * weights every round so that a resumed run starts from the same ones.
     *
     * @return true for warm starts
     */
    boolean isWarmStarted();

    /**
     * Streams deterministic class probabilities chunk by chunk, in order.
     *
     * @param data the items
     * @param ids which items
     * @param manager the manager chunks are computed in (they are released after each call)
     * @param consumer receives {@code (n, C)} float32 chunks
     */
    void forEachProbabilityChunk(ItemSource data, long[] ids, NDManager manager, ChunkConsumer consumer);

    /**
     * Streams MC-dropout class probabilities chunk by chunk, in order: dropout on, BatchNorm in
     * inference mode. Masks are drawn from {@code seed}: in Quarry's blocks, each item's from its
     * draw key ({@link ItemSource#drawKey}), so an item gets the same passes in any chunk or process
     * (T masks shared by all items when the spec asks for them); any chunk-wise reduction equals the
     * same reduction of {@link #mcProbabilities}.
     *
     * @param data the items
     * @param ids which items
     * @param spec passes, scope and mask sharing
     * @param seed fixes the dropout masks
     * @param manager the manager chunks are computed in (they are released after each call)
     * @param consumer receives {@code (n, T, C)} float32 chunks
     */
    void forEachMcChunk(ItemSource data, long[] ids, McSpec spec, long seed, NDManager manager, ChunkConsumer consumer);

    /**
     * Deterministic class probabilities, all rows at once.
     *
     * @param data the items
     * @param ids which items
     * @param manager where the result lives
     * @return {@code (ids.length, C)} float32
     */
    default NDArray probabilities(ItemSource data, long[] ids, NDManager manager) {
        NDArray out = manager.zeros(new Shape(ids.length, numClasses()), DataType.FLOAT32);
        forEachProbabilityChunk(data, ids, manager, (from, to, chunk) -> out.set(new NDIndex(from + ":" + to), chunk));
        return out;
    }

    /**
     * MC-dropout class probabilities, all rows at once.
     *
     * @param data the items
     * @param ids which items
     * @param spec passes, scope and mask sharing
     * @param seed fixes the dropout masks
     * @param manager where the result lives
     * @return {@code (ids.length, T, C)} float32
     */
    default NDArray mcProbabilities(ItemSource data, long[] ids, McSpec spec, long seed, NDManager manager) {
        NDArray out = manager.zeros(new Shape(ids.length, spec.samples(), numClasses()), DataType.FLOAT32);
        forEachMcChunk(data, ids, spec, seed, manager, (from, to, chunk) -> out.set(new NDIndex(from + ":" + to), chunk));
        return out;
    }

    /**
     * Penultimate-layer embeddings.
     *
     * @param data the items
     * @param ids which items
     * @param manager where the result lives
     * @return {@code (ids.length, d)} float32
     */
    NDArray embeddings(ItemSource data, long[] ids, NDManager manager);

    /**
     * What about this learner changes results (its kind, architecture, training, input
     * standardization, item shape, classes), for a run's fingerprint; where it computes and how
     * inference is chunked are left out, so a run may resume on another device or batch size.
     *
     * @return setting name to value
     */
    Map<String, String> settings();

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
