package dev.quarry.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

import dev.quarry.engine.data.ArrayDataset;

/**
 * Quarry's default image classifier: a small CNN with MC dropout in its head.
 *
 * <p>Trunk: {@code [conv3×3 → BatchNorm → ReLU → maxpool2] × 2 → flatten → dense(hidden) → ReLU};
 * its output is the embedding. Head: {@code McDropout → dense(C)}. All MC dropout is in the head,
 * so head-only MC is exact for this network.
 */
public final class CnnClassifier extends BlockClassifier {

    private final CnnOptions architecture;

    /**
     * Creates an untrained classifier.
     *
     * @param architecture the network
     * @param training how each round trains
     * @param inference how pool inference is chunked
     * @param normalization input standardization (usually from the pool)
     * @param itemShape {@code (C, H, W)} of one image, H and W >= 4
     * @param numClasses the number of classes
     * @param device where to train and infer
     */
    public CnnClassifier(CnnOptions architecture, TrainingOptions training, InferenceOptions inference,
            InputNormalization normalization, Shape itemShape, int numClasses, Device device) {
        super(() -> trunk(architecture), () -> head(architecture, numClasses), training, inference, normalization,
                checked(itemShape), numClasses, device);
        this.architecture = architecture;
    }

    /**
     * A classifier shaped for a pool, standardized with the pool's pixel statistics.
     *
     * @param pool the pool
     * @param architecture the network
     * @param training how each round trains
     * @param inference how pool inference is chunked
     * @param device where to train and infer
     * @return the classifier
     */
    public static CnnClassifier forPool(ArrayDataset pool, CnnOptions architecture, TrainingOptions training,
            InferenceOptions inference, Device device) {
        return new CnnClassifier(architecture, training, inference, InputNormalization.of(pool.values()),
                pool.itemShape(), pool.numClasses(), device);
    }

    private static Shape checked(Shape itemShape) {
        if (itemShape.dimension() != 3 || itemShape.get(1) < 4 || itemShape.get(2) < 4) {
            throw new IllegalArgumentException("Item shape " + itemShape + " must be (C, H, W) with H, W >= 4.");
        }
        return itemShape;
    }

    private static Block trunk(CnnOptions architecture) {
        return new SequentialBlock()
                .add(convBlock(architecture.conv1Channels()))
                .add(convBlock(architecture.conv2Channels()))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(architecture.hiddenUnits()).build())
                .add(Activation.reluBlock());
    }

    private static Block head(CnnOptions architecture, int numClasses) {
        return new SequentialBlock().add(new McDropout(architecture.dropout())).add(Linear.builder().setUnits(numClasses).build());
    }

    private static Block convBlock(int channels) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)));
    }

    @Override
    protected String architecture() {
        return architecture.toString();
    }

    @Override
    protected String modelName() {
        return "quarry-cnn";
    }

    @Override
    public String toString() {
        // The device is left out: it changes speed, not results, and a run may resume on another one.
        return "CnnClassifier{" + architecture + ", " + training + ", " + inference + ", " + normalization + ", input "
                + itemShape + ", classes " + numClasses + "}";
    }

    @Override
    protected ModelCard card() {
        return new ModelCard("cnn", architecture, null, null, training, itemShape.getShape(), numClasses, normalization);
    }
}
