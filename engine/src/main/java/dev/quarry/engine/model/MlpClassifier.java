package dev.quarry.engine.model;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;

/**
 * Quarry's classifier for feature vectors (tabular data, or embeddings from another model, the
 * setting of "Is margin all you need?"): a multilayer perceptron with MC dropout in its head.
 *
 * <p>Trunk: {@code [dense(hidden) → ReLU] × layers}; its output is the embedding. Head: {@code
 * McDropout → dense(C)}. All MC dropout is in the head, so head-only MC is exact. Inputs are
 * standardized per feature with the pool's statistics.
 *
 * <h2>References</h2>
 * Bahri, Jiang, Gupta and Rostamizadeh, "Is Margin All You Need? An Extensive Empirical Study of
 * Active Learning on Tabular Data", 2022.
 */
public final class MlpClassifier extends BlockClassifier {

    private final MlpOptions architecture;

    /**
     * Creates an untrained classifier.
     *
     * @param architecture the network
     * @param training how each round trains
     * @param inference how pool inference is chunked
     * @param normalization input standardization (usually per feature, from the pool)
     * @param features d, the length of one feature vector
     * @param numClasses the number of classes
     * @param device where to train and infer
     */
    public MlpClassifier(MlpOptions architecture, TrainingOptions training, InferenceOptions inference,
            InputNormalization normalization, int features, int numClasses, Device device) {
        super(() -> trunk(architecture), () -> head(architecture, numClasses), training, inference, normalization,
                new Shape(features), numClasses, device);
        this.architecture = architecture;
    }

    /**
     * A classifier shaped for a pool of feature vectors, standardized per feature with its statistics.
     *
     * @param pool items of shape {@code (d)}
     * @param architecture the network
     * @param training how each round trains
     * @param inference how pool inference is chunked
     * @param device where to train and infer
     * @return the classifier
     * @throws InvalidInputException when the pool's items are not vectors
     */
    public static MlpClassifier forPool(ArrayDataset pool, MlpOptions architecture, TrainingOptions training,
            InferenceOptions inference, Device device) {
        if (pool.itemShape().dimension() != 1) {
            throw new InvalidInputException("An MLP needs feature vectors (d), but the items of " + pool.name()
                    + " have shape " + pool.itemShape() + "; use the CNN for images.", Setting.MODEL_KIND);
        }
        return new MlpClassifier(architecture, training, inference, InputNormalization.perFeature(pool.values()),
                (int) pool.itemShape().get(0), pool.numClasses(), device);
    }

    private static Block trunk(MlpOptions architecture) {
        SequentialBlock trunk = new SequentialBlock();
        for (int i = 0; i < architecture.hiddenLayers(); i++) {
            trunk.add(Linear.builder().setUnits(architecture.hiddenUnits()).build()).add(Activation.reluBlock());
        }
        return trunk;
    }

    private static Block head(MlpOptions architecture, int numClasses) {
        return new SequentialBlock().add(new McDropout(architecture.dropout()))
                .add(Linear.builder().setUnits(numClasses).build());
    }

    @Override
    protected String architecture() {
        return architecture.toString();
    }

    @Override
    protected String modelName() {
        return "quarry-mlp";
    }

    @Override
    public String toString() {
        return "MlpClassifier{" + architecture + ", " + training + ", " + inference + ", " + normalization + ", input "
                + itemShape + ", classes " + numClasses + "}";
    }

    @Override
    protected ModelCard card() {
        return new ModelCard("mlp", null, architecture, null, training, itemShape.getShape(), numClasses, normalization);
    }
}
