package dev.quarry.engine.experiment;

import dev.quarry.engine.model.CnnOptions;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.McMode;
import dev.quarry.engine.model.TrainingOptions;

import ai.djl.Device;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The classifier part of an experiment's configuration.
 *
 * @param conv1Channels channels of the first convolution
 * @param conv2Channels channels of the second convolution
 * @param hiddenUnits the embedding size
 * @param dropout the MC-dropout rate
 * @param epochs training epochs per round
 * @param batchSize training batch size
 * @param learningRate Adam's learning rate
 * @param warmStart continue from the previous round's weights
 * @param inferenceBatchSize rows per inference forward; 0 picks by device (64 on CPU, 1024 on GPU)
 * @param inferenceMemoryMb activation memory for replicated MC inference; 0 picks by device
 * @param mcMode how MC passes run: AUTO, REPLICATE or LOOP
 * @param torchscript a TorchScript file following Quarry's contract to use instead of the CNN (the
 *     architecture fields are then ignored), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelConfig(int conv1Channels, int conv2Channels, int hiddenUnits, float dropout, int epochs,
        int batchSize, float learningRate, boolean warmStart, int inferenceBatchSize, int inferenceMemoryMb,
        McMode mcMode, String torchscript) {

    /** The defaults: {@link CnnOptions#DEFAULTS}, {@link TrainingOptions#DEFAULTS}, device-chosen inference. */
    public static final ModelConfig DEFAULTS = new ModelConfig(CnnOptions.DEFAULTS.conv1Channels(),
            CnnOptions.DEFAULTS.conv2Channels(), CnnOptions.DEFAULTS.hiddenUnits(), CnnOptions.DEFAULTS.dropout(),
            TrainingOptions.DEFAULTS.epochs(), TrainingOptions.DEFAULTS.batchSize(), TrainingOptions.DEFAULTS.learningRate(),
            TrainingOptions.DEFAULTS.warmStart(), 0, 0, McMode.AUTO, null);

    /**
     * Validates every part by building it.
     *
     * @param conv1Channels channels of the first convolution
     * @param conv2Channels channels of the second convolution
     * @param hiddenUnits the embedding size
     * @param dropout the MC-dropout rate
     * @param epochs training epochs per round
     * @param batchSize training batch size
     * @param learningRate Adam's learning rate
     * @param warmStart continue from the previous weights
     * @param inferenceBatchSize rows per inference forward, 0 for the device default
     * @param inferenceMemoryMb MC activation memory, 0 for the device default
     * @param mcMode the MC mode
     * @param torchscript a TorchScript file, or null for the CNN
     */
    public ModelConfig {
        new CnnOptions(conv1Channels, conv2Channels, hiddenUnits, dropout);
        new TrainingOptions(epochs, batchSize, learningRate, warmStart);
        if (inferenceBatchSize < 0 || inferenceMemoryMb < 0) {
            throw new IllegalArgumentException("Inference batch size " + inferenceBatchSize + " and memory "
                    + inferenceMemoryMb + " MB must be >= 0 (0 = device default).");
        }
        if (mcMode == null) {
            mcMode = McMode.AUTO;
        }
        if (torchscript != null && torchscript.isBlank()) {
            torchscript = null;
        }
    }

    /**
     * The architecture.
     *
     * @return the CNN options
     */
    public CnnOptions architecture() {
        return new CnnOptions(conv1Channels, conv2Channels, hiddenUnits, dropout);
    }

    /**
     * The training options.
     *
     * @return the options
     */
    public TrainingOptions training() {
        return new TrainingOptions(epochs, batchSize, learningRate, warmStart);
    }

    /**
     * The inference options, device defaults filled in.
     *
     * @param device the device inference runs on
     * @return the options
     */
    public InferenceOptions inference(Device device) {
        InferenceOptions d = InferenceOptions.defaultsFor(device);
        return new InferenceOptions(inferenceBatchSize > 0 ? inferenceBatchSize : d.batchSize(),
                inferenceMemoryMb > 0 ? inferenceMemoryMb : d.memoryBudgetMb(), mcMode);
    }
}
