package dev.quarry.engine.strategy;

/**
 * How a 3-D probability tensor from another framework is laid out. Quarry works in {@code (N, T,
 * C)}; BaaL and some PyTorch code keep {@code (N, C, T)}.
 */
public enum ProbabilityLayout {
    /** Items, MC passes, classes: Quarry's own layout. */
    NTC,
    /** Items, classes, MC passes: BaaL's layout. */
    NCT
}
