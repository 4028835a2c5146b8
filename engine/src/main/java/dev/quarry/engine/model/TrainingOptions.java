package dev.quarry.engine.model;

/**
 * How a classifier is trained each round (Adam, softmax cross-entropy).
 *
 * @param epochs passes over the labeled set, >= 1
 * @param batchSize the mini-batch size, >= 1
 * @param learningRate Adam's learning rate, > 0
 * @param warmStart continue from the previous round's weights instead of retraining from scratch
 * @param minSteps the fewest optimizer steps a round trains for, >= 0: with few labels, {@code
 *     epochs} passes are few steps (100 labels in batches of 32 make 40 in 10 epochs), so rounds
 *     train for more epochs until they reach it ({@link #epochsFor}); 0 for epochs alone
 */
public record TrainingOptions(int epochs, int batchSize, float learningRate, boolean warmStart, int minSteps) {

    /** 10 epochs, batch 32, learning rate 1e-3, from scratch each round. */
    public static final TrainingOptions DEFAULTS = new TrainingOptions(10, 32, 1e-3f, false);

    /**
     * Options without a step minimum.
     *
     * @param epochs passes over the labeled set
     * @param batchSize the mini-batch size
     * @param learningRate Adam's learning rate
     * @param warmStart continue from the previous weights
     */
    public TrainingOptions(int epochs, int batchSize, float learningRate, boolean warmStart) {
        this(epochs, batchSize, learningRate, warmStart, 0);
    }

    /**
     * Validates the options.
     *
     * @param epochs passes over the labeled set
     * @param batchSize the mini-batch size
     * @param learningRate Adam's learning rate
     * @param warmStart continue from the previous weights
     * @param minSteps the fewest optimizer steps per round
     */
    public TrainingOptions {
        if (minSteps < 0) {
            throw new IllegalArgumentException("Minimum steps " + minSteps + " must be >= 0 (0: epochs alone).");
        }
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

    /**
     * The epochs a round trains for: {@code epochs}, or more if that many passes over {@code rows}
     * labeled items make fewer than {@code minSteps} optimizer steps.
     *
     * @param rows the labeled items
     * @return the epochs, >= {@code epochs}
     */
    public int epochsFor(int rows) {
        long batchesPerEpoch = (rows + (long) batchSize - 1) / batchSize;
        long forSteps = (minSteps + batchesPerEpoch - 1) / Math.max(1, batchesPerEpoch);
        return (int) Math.max(epochs, forSteps);
    }

    /**
     * The record's text, without {@code minSteps} when it is 0: the text is part of a run's
     * fingerprint, and runs from before the step minimum existed must still resume.
     */
    @Override
    public String toString() {
        return "TrainingOptions[epochs=" + epochs + ", batchSize=" + batchSize + ", learningRate=" + learningRate
                + ", warmStart=" + warmStart + (minSteps == 0 ? "" : ", minSteps=" + minSteps) + "]";
    }
}
