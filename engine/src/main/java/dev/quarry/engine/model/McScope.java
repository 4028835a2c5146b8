package dev.quarry.engine.model;

/** Which part of the network the T stochastic passes run through. */
public enum McScope {
    /** Every pass runs the whole network (dropout anywhere is sampled). */
    FULL,
    /**
     * The deterministic trunk runs once per item; only the head (MC dropout and what follows it)
     * runs T times, on the replicated penultimate features. Exact for networks whose only dropout
     * is in the head, as in Quarry's CNN, and about T times cheaper in the trunk.
     */
    HEAD
}
