package dev.quarry.engine.model;

/**
 * How a classifier is trained each round (Adam, softmax cross-entropy).
 *
 * @param epochs passes over the labeled set, >= 1
 * @param batchSize the mini-batch size, >= 1
 * @param learningRate Adam's learning rate, > 0
 * @param warmStart continue from the previous round's weights instead of retraining from scratch
 */
public record TrainingOptions(int epochs, int batchSize, float learningRate, boolean warmStart) {

    /** 10 epochs, batch 32, learning rate 1e-3, from scratch each round. */
    public static final TrainingOptions DEFAULTS = new TrainingOptions(10, 32, 1e-3f, false);

    /**
     * Validates the options.
     *
     * @param epochs passes over the labeled set
     * @param batchSize the mini-batch size
     * @param learningRate Adam's learning rate
     * @param warmStart continue from the previous weights
     */
    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("Epochs " + epochs + " must be >= 1.");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size " + batchSize + " must be >= 1.");
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("Learning rate " + learningRate + " must be a finite number > 0.");
        }
    }
}
