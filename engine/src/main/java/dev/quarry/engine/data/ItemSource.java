package dev.quarry.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The items a learner trains on and a strategy selects from: ids {@code 0..size-1}, each a tensor of
 * one shape (an image {@code (C, H, W)}, a feature vector {@code (d)}, an RF footprint {@code (2, 16,
 * 8)}), delivered in batches on a device. Ground truth, when the source has it, is what a simulated
 * oracle answers with; a pool a person labels has none.
 */
public interface ItemSource {

    /**
     * A name for messages, reports and run fingerprints.
     *
     * @return the name
     */
    String name();

    /**
     * The number of items.
     *
     * @return N
     */
    int size();

    /**
     * The shape of one item.
     *
     * @return such as {@code (1, 28, 28)} or {@code (d)}
     */
    Shape itemShape();

    /**
     * Items as a float32 batch {@code (to - from, itemShape...)}, values as stored (not standardized).
     *
     * @param ids global ids
     * @param from first position in {@code ids}, inclusive
     * @param to last position, exclusive
     * @param manager where the batch lives (its device)
     * @return the batch
     * @throws IllegalArgumentException for an id outside the source
     */
    NDArray batch(long[] ids, int from, int to, NDManager manager);

    /**
     * The class names, in label order.
     *
     * @return at least two names
     */
    List<String> classNames();

    /**
     * The number of classes.
     *
     * @return C
     */
    default int numClasses() {
        return classNames().size();
    }

    /**
     * The ground truth, when it is known.
     *
     * @return one label per item, or empty
     */
    Optional<int[]> groundTruth();

    /**
     * The file an item was read from, so that a person labeling it can be shown it.
     *
     * @param id the item
     * @return its file, or empty for items that are not files (tensors, simulated footprints)
     */
    default Optional<Path> itemFile(long id) {
        return Optional.empty();
    }

    /**
     * What per-item random draws (MC-dropout masks) are keyed by: the same item has the same key
     * wherever it is read, so its draws do not depend on which batch, process or machine reads it.
     * A source holding part of a larger pool (a Spark partition) returns the pool's id.
     *
     * @param id the item
     * @return its key, here its id
     */
    default long drawKey(long id) {
        return id;
    }
}
