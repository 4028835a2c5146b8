package dev.quarry.engine.model;

/** How the T passes of MC-dropout inference are run. */
public enum McMode {
    /** Replicate while the replicated chunk fits the memory budget, else loop. */
    AUTO,
    /** Replicate each item T times and run one forward per chunk (fast on GPUs). */
    REPLICATE,
    /** Run T forwards per chunk, one after the other (least memory). */
    LOOP
}
