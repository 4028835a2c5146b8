package dev.quarry.engine.model;

import java.util.Objects;

/**
 * How a classifier is trained each round (Adam, softmax cross-entropy), with what makes small
 * labeled sets train well: a step minimum, image augmentation, a learning-rate schedule, early
 * stopping on a held-out slice, and warm starts with replay.
 *
 * @param epochs passes over the labeled set, >= 1
 * @param batchSize the mini-batch size, >= 1
 * @param learningRate Adam's learning rate, > 0
 * @param warmStart continue from the previous round's weights instead of retraining from scratch
 * @param minSteps the fewest optimizer steps a round trains for, >= 0: with few labels, {@code
 *     epochs} passes are few steps (100 labels in batches of 32 make 40 in 10 epochs), so rounds
 *     train for more epochs until they reach it ({@link #epochsFor}); 0 for epochs alone
 * @param augmentation random crops and flips of training images
 * @param schedule how the learning rate moves over a round's steps
 * @param earlyStopping a held-out slice that stops training when its accuracy stops improving
 * @param replay with {@code warmStart}: train on the new labels plus a replay sample of the old
 */
public record TrainingOptions(int epochs, int batchSize, float learningRate, boolean warmStart, int minSteps,
        Augmentation augmentation, LearningRateSchedule schedule, EarlyStopping earlyStopping, Replay replay) {

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
     * Options with a step minimum and nothing else of the later additions.
     *
     * @param epochs passes over the labeled set
     * @param batchSize the mini-batch size
     * @param learningRate Adam's learning rate
     * @param warmStart continue from the previous weights
     * @param minSteps the fewest optimizer steps per round
     */
    public TrainingOptions(int epochs, int batchSize, float learningRate, boolean warmStart, int minSteps) {
        this(epochs, batchSize, learningRate, warmStart, minSteps, Augmentation.NONE, LearningRateSchedule.CONSTANT,
                EarlyStopping.OFF, Replay.OFF);
    }

    /**
     * Validates the options.
     *
     * @param epochs passes over the labeled set
     * @param batchSize the mini-batch size
     * @param learningRate Adam's learning rate
     * @param warmStart continue from the previous weights
     * @param minSteps the fewest optimizer steps per round
     * @param augmentation the augmentation; null for none
     * @param schedule the learning-rate schedule; null for a constant rate
     * @param earlyStopping the early stopping; null for none
     * @param replay the replay; null for none
     */
    public TrainingOptions {
        // Null (a model card written before these options existed): the default.
        augmentation = Objects.requireNonNullElse(augmentation, Augmentation.NONE);
        schedule = Objects.requireNonNullElse(schedule, LearningRateSchedule.CONSTANT);
        earlyStopping = Objects.requireNonNullElse(earlyStopping, EarlyStopping.OFF);
        replay = Objects.requireNonNullElse(replay, Replay.OFF);
        if (replay.isOn() && !warmStart) {
            throw new IllegalArgumentException("Replay (ratio " + replay.ratio() + ") continues from the previous "
                    + "round's weights; turn warm starts on too.");
        }
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
     * The same options with another augmentation.
     *
     * @param value the augmentation
     * @return the options
     */
    public TrainingOptions withAugmentation(Augmentation value) {
        return new TrainingOptions(epochs, batchSize, learningRate, warmStart, minSteps, value, schedule, earlyStopping,
                replay);
    }

    /**
     * The same options with another learning-rate schedule.
     *
     * @param value the schedule
     * @return the options
     */
    public TrainingOptions withSchedule(LearningRateSchedule value) {
        return new TrainingOptions(epochs, batchSize, learningRate, warmStart, minSteps, augmentation, value,
                earlyStopping, replay);
    }

    /**
     * The same options with other early stopping.
     *
     * @param value the early stopping
     * @return the options
     */
    public TrainingOptions withEarlyStopping(EarlyStopping value) {
        return new TrainingOptions(epochs, batchSize, learningRate, warmStart, minSteps, augmentation, schedule, value,
                replay);
    }

    /**
     * The same options with warm starts and replay at {@code ratio} (0: warm starts without replay).
     *
     * @param value the replay
     * @return the options
     */
    public TrainingOptions withWarmStartReplay(Replay value) {
        return new TrainingOptions(epochs, batchSize, learningRate, true, minSteps, augmentation, schedule,
                earlyStopping, value);
    }

    /**
     * The record's text, each later addition only when it is not its default: the text is part of a
     * run's fingerprint, and runs from before those options existed must still resume.
     */
    @Override
    public String toString() {
        return "TrainingOptions[epochs=" + epochs + ", batchSize=" + batchSize + ", learningRate=" + learningRate
                + ", warmStart=" + warmStart + (minSteps == 0 ? "" : ", minSteps=" + minSteps)
                + (augmentation.isOn() ? ", augmentation=" + augmentation : "")
                + (schedule == LearningRateSchedule.CONSTANT ? "" : ", schedule=" + schedule)
                + (earlyStopping.isOn() ? ", earlyStopping=" + earlyStopping : "")
                + (replay.isOn() ? ", replay=" + replay : "") + "]";
    }
}
