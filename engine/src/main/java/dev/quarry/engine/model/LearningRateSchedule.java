package dev.quarry.engine.model;

/** How the learning rate moves over a round's optimizer steps. */
public enum LearningRateSchedule {
    /** The same rate for every step. */
    CONSTANT,
    /**
     * Cosine annealing from the learning rate to 0 over the round's planned steps (Loshchilov and
     * Hutter, "SGDR", 2017), restarted every round.
     */
    COSINE
}
