package dev.quarry.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * Applies an {@link Augmentation} to a raw image batch {@code (n, C, H, W)} on its device: zero
 * padding, one random crop offset and flip coin per item from a seeded generator.
 */
final class BatchAugmenter {

    private final Augmentation augmentation;

    /**
     * An augmenter.
     *
     * @param augmentation what to apply
     */
    BatchAugmenter(Augmentation augmentation) {
        this.augmentation = augmentation;
    }

    /**
     * Augments a batch.
     *
     * @param batch raw items {@code (n, C, H, W)}, before standardization (padding is zero in the
     *     items' own units)
     * @param random draws each item's offsets and flip
     * @return the augmented batch, the same shape
     */
    NDArray apply(NDArray batch, SplittableRandom random) {
        if (!augmentation.isOn()) {
            return batch;
        }
        Shape shape = batch.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("Augmentation crops and flips images (n, C, H, W); got a batch " + shape
                    + ".");
        }
        int p = augmentation.padding();
        long h = shape.get(2);
        long w = shape.get(3);
        NDArray padded = p > 0 ? batch.pad(new Shape(p, p, p, p), 0) : batch;
        NDList items = new NDList((int) shape.get(0));
        for (int i = 0; i < shape.get(0); i++) {
            int dy = p > 0 ? random.nextInt(2 * p + 1) : 0;
            int dx = p > 0 ? random.nextInt(2 * p + 1) : 0;
            boolean flip = augmentation.horizontalFlip() && random.nextBoolean();
            NDArray item = padded.get(new NDIndex("{}, :, {}:{}, {}:{}", i, dy, dy + h, dx, dx + w));
            items.add(flip ? item.flip(2) : item);
        }
        return NDArrays.stack(items);
    }
}
