package dev.quarry.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.ImageDataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Moves a batch of images from the host to the device: the raw rows are gathered on the host (one
 * byte per pixel for uint8 data), copied once, then converted and standardized on the device.
 */
final class ImageBatches {

    private ImageBatches() {}

    /**
     * A normalized float32 batch {@code (to - from, C, H, W)}.
     *
     * @param data the dataset
     * @param ids global ids
     * @param from first position in {@code ids}, inclusive
     * @param to last position, exclusive
     * @param norm the standardization
     * @param manager where the batch lives (its device)
     * @return the batch
     */
    static NDArray batch(ImageDataset data, long[] ids, int from, int to, InputNormalization norm, NDManager manager) {
        HostArray images = data.images();
        int rowBytes = images.rowBytes();
        ByteBuffer buffer = ByteBuffer.allocateDirect((to - from) * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < to; i++) {
            long id = ids[i];
            if (id < 0 || id >= data.size()) {
                throw new IllegalArgumentException("Item id " + id + " is outside " + data.name() + " [0, " + data.size() + ").");
            }
            images.copyRowTo((int) id, buffer);
        }
        buffer.flip();
        Shape shape = new Shape(to - from, data.channels(), data.height(), data.width());
        NDArray raw = manager.create(buffer, shape, images.type().djlType());
        NDArray x = raw.toType(DataType.FLOAT32, false);
        return x.subi(norm.mean()).divi(norm.std());
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
