package dev.quarry.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ItemSource;

/** Standardized training and inference batches on the device: items, and labels for the loss. */
final class ItemBatches {

    private ItemBatches() {}

    /**
     * A standardized float32 batch {@code (to - from, itemShape...)}.
     *
     * @param data the dataset
     * @param ids global ids
     * @param from first position in {@code ids}, inclusive
     * @param to last position, exclusive
     * @param norm the standardization
     * @param manager where the batch lives (its device)
     * @return the batch
     */
    static NDArray batch(ItemSource data, long[] ids, int from, int to, InputNormalization norm, NDManager manager) {
        return norm.apply(data.batch(ids, from, to, manager));
    }

    /**
     * Labels as an int64 array for the loss.
     *
     * @param labels all labels, following {@code order}
     * @param order positions into {@code labels}
     * @param from first position in {@code order}
     * @param to last position, exclusive
     * @param manager where the array lives
     * @return {@code (to - from)} int64 labels
     */
    static NDArray labels(int[] labels, int[] order, int from, int to, NDManager manager) {
        long[] out = new long[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = labels[order[i]];
        }
        return manager.create(out);
    }
}
