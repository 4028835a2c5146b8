package dev.quarry.engine.experiment;

import ai.djl.Device;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.model.Augmentation;
import dev.quarry.engine.model.CnnClassifier;
import dev.quarry.engine.model.CnnOptions;
import dev.quarry.engine.model.EarlyStopping;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.model.LearningRateSchedule;
import dev.quarry.engine.model.McMode;
import dev.quarry.engine.model.MlpClassifier;
import dev.quarry.engine.model.MlpOptions;
import dev.quarry.engine.model.Replay;
import dev.quarry.engine.model.TorchScriptClassifier;
import dev.quarry.engine.model.TrainingOptions;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The learner part of an experiment's configuration.
 *
 * @param kind which network: {@code auto} (an MLP for feature vectors, the CNN for images and other
 *     tensors), {@code cnn} or {@code mlp}; a {@code torchscript} file takes precedence
 * @param conv1Channels channels of the CNN's first convolution
 * @param conv2Channels channels of the CNN's second convolution
 * @param hiddenUnits the embedding size (the CNN's dense layer, each MLP layer)
 * @param hiddenLayers the MLP's hidden layers
 * @param dropout the MC-dropout rate
 * @param epochs training epochs per round
 * @param batchSize training batch size
 * @param learningRate Adam's learning rate
 * @param warmStart continue from the previous round's weights
 * @param inferenceBatchSize rows per inference forward; null for the device's default (64 on CPU,
 *     1024 on GPU)
 * @param inferenceMemoryMb activation memory for replicated MC inference; null for the device's default
 * @param mcMode how MC passes run: AUTO, REPLICATE or LOOP
 * @param torchscript a TorchScript file following Quarry's contract to use instead of the built-in
 *     networks, or null
 * @param minSteps the fewest optimizer steps a round trains for ({@link TrainingOptions#minSteps}),
 *     or null for epochs alone
 * @param augmentation random crops and flips of training images, or null for none
 * @param schedule the learning-rate schedule, or null for a constant rate
 * @param earlyStopping early stopping on a held-out slice, or null for none
 * @param replay warm starts that train on new labels plus a replay sample, or null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelConfig(Kind kind, int conv1Channels, int conv2Channels, int hiddenUnits, int hiddenLayers,
        float dropout, int epochs, int batchSize, float learningRate, boolean warmStart, Integer inferenceBatchSize,
        Integer inferenceMemoryMb, McMode mcMode, String torchscript, Integer minSteps, Augmentation augmentation,
        LearningRateSchedule schedule, EarlyStopping earlyStopping, Replay replay) {

    /** Which built-in network learns. */
    public enum Kind {
        /** An MLP for feature vectors {@code (d)}, the CNN for everything else. */
        AUTO,
        /** {@link CnnClassifier}. */
        CNN,
        /** {@link MlpClassifier}. */
        MLP
    }

    /** The defaults: automatic network, {@link CnnOptions#DEFAULTS}, {@link TrainingOptions#DEFAULTS}, device-chosen inference. */
    public static final ModelConfig DEFAULTS = new ModelConfig(Kind.AUTO, CnnOptions.DEFAULTS.conv1Channels(),
            CnnOptions.DEFAULTS.conv2Channels(), CnnOptions.DEFAULTS.hiddenUnits(), MlpOptions.DEFAULTS.hiddenLayers(),
            CnnOptions.DEFAULTS.dropout(), TrainingOptions.DEFAULTS.epochs(), TrainingOptions.DEFAULTS.batchSize(),
            TrainingOptions.DEFAULTS.learningRate(), TrainingOptions.DEFAULTS.warmStart(), null, null, McMode.AUTO, null,
            null, null, null, null, null);

    /**
     * Validates every part by building it.
     *
     * @param kind the network
     * @param conv1Channels channels of the first convolution
     * @param conv2Channels channels of the second convolution
     * @param hiddenUnits the embedding size
     * @param hiddenLayers the MLP's hidden layers
     * @param dropout the MC-dropout rate
     * @param epochs training epochs per round
     * @param batchSize training batch size
     * @param learningRate Adam's learning rate
     * @param warmStart continue from the previous weights
     * @param inferenceBatchSize rows per inference forward, or null
     * @param inferenceMemoryMb MC activation memory, or null
     * @param mcMode the MC mode
     * @param torchscript a TorchScript file, or null
     * @param minSteps the fewest optimizer steps per round, or null
     * @param augmentation the augmentation, or null
     * @param schedule the learning-rate schedule, or null
     * @param earlyStopping the early stopping, or null
     * @param replay the replay, or null
     */
    public ModelConfig {
        kind = kind == null ? Kind.AUTO : kind;
        new CnnOptions(conv1Channels, conv2Channels, hiddenUnits, dropout);
        new MlpOptions(hiddenUnits, hiddenLayers, dropout);
        if (minSteps != null && minSteps < 0) {
            throw new InvalidInputException("Minimum training steps " + minSteps + " must be >= 0; leave it out for "
                    + "epochs alone.");
        }
        try {
            trainingOptions(epochs, batchSize, learningRate, warmStart, minSteps, augmentation, schedule, earlyStopping,
                    replay);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid training options: " + e.getMessage());
        }
        if (inferenceBatchSize != null && inferenceBatchSize < 1 || inferenceMemoryMb != null && inferenceMemoryMb < 1) {
            throw new InvalidInputException("Inference batch size " + inferenceBatchSize + " and memory "
                    + inferenceMemoryMb + " MB must be >= 1; leave them out for the device's defaults.");
        }
        mcMode = mcMode == null ? McMode.AUTO : mcMode;
        if (torchscript != null && torchscript.isBlank()) {
            torchscript = null;
        }
    }

    /** @return the CNN's architecture */
    public CnnOptions cnn() {
        return new CnnOptions(conv1Channels, conv2Channels, hiddenUnits, dropout);
    }

    /** @return the MLP's architecture */
    public MlpOptions mlp() {
        return new MlpOptions(hiddenUnits, hiddenLayers, dropout);
    }

    /** @return the training options */
    public TrainingOptions training() {
        return trainingOptions(epochs, batchSize, learningRate, warmStart, minSteps, augmentation, schedule, earlyStopping,
                replay);
    }

    private static TrainingOptions trainingOptions(int epochs, int batchSize, float learningRate, boolean warmStart,
            Integer minSteps, Augmentation augmentation, LearningRateSchedule schedule, EarlyStopping earlyStopping,
            Replay replay) {
        return new TrainingOptions(epochs, batchSize, learningRate, warmStart, minSteps == null ? 0 : minSteps,
                augmentation == null ? Augmentation.NONE : augmentation,
                schedule == null ? LearningRateSchedule.CONSTANT : schedule,
                earlyStopping == null ? EarlyStopping.OFF : earlyStopping, replay == null ? Replay.OFF : replay);
    }

    /**
     * The inference options, device defaults filled in.
     *
     * @param device the device inference runs on
     * @return the options
     */
    public InferenceOptions inference(Device device) {
        InferenceOptions d = InferenceOptions.defaultsFor(device);
        return new InferenceOptions(inferenceBatchSize != null ? inferenceBatchSize : d.batchSize(),
                inferenceMemoryMb != null ? inferenceMemoryMb : d.memoryBudgetMb(), mcMode);
    }

    /**
     * The same configuration with another inference batch size (it changes speed, not results).
     *
     * @param rows rows per inference forward, or null for the device's default
     * @return the configuration
     */
    public ModelConfig withInferenceBatchSize(Integer rows) {
        return new ModelConfig(kind, conv1Channels, conv2Channels, hiddenUnits, hiddenLayers, dropout, epochs, batchSize,
                learningRate, warmStart, rows, inferenceMemoryMb, mcMode, torchscript, minSteps, augmentation, schedule,
                earlyStopping, replay);
    }

    /**
     * The same configuration with another's inference settings (batch size, memory, MC mode), which
     * change speed and rounding, not what is learned.
     *
     * @param other where the inference settings come from
     * @return the configuration
     */
    public ModelConfig withInferenceOf(ModelConfig other) {
        return new ModelConfig(kind, conv1Channels, conv2Channels, hiddenUnits, hiddenLayers, dropout, epochs, batchSize,
                learningRate, warmStart, other.inferenceBatchSize, other.inferenceMemoryMb, other.mcMode, torchscript,
                minSteps, augmentation, schedule, earlyStopping, replay);
    }

    /**
     * Builds the configured learner, shaped and standardized for a pool.
     *
     * @param pool the pool
     * @param device where to train and infer
     * @return the learner
     * @throws NoSuchFileException if a configured TorchScript file does not exist
     */
    public Learner learnerFor(ArrayDataset pool, Device device) throws NoSuchFileException {
        if (torchscript != null) {
            return TorchScriptClassifier.forPool(Path.of(torchscript), pool, training(), inference(device), device);
        }
        boolean vectors = pool.itemShape().dimension() == 1;
        if (augmentation != null && augmentation.isOn() && pool.itemShape().dimension() != 3) {
            throw new InvalidInputException("Augmentation crops and flips images (C, H, W), but the items of "
                    + pool.name() + " are " + pool.itemShape() + "; leave model.augmentation out for them.");
        }
        if (kind == Kind.MLP || kind == Kind.AUTO && vectors) {
            return MlpClassifier.forPool(pool, mlp(), training(), inference(device), device);
        }
        if (vectors) {
            throw new InvalidInputException("The CNN needs images (C, H, W), but the items of " + pool.name() + " are "
                    + "feature vectors " + pool.itemShape() + "; use the mlp (or auto).", Setting.MODEL_KIND);
        }
        return CnnClassifier.forPool(pool, cnn(), training(), inference(device), device);
    }
}
