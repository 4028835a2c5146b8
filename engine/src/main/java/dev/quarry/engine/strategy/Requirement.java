package dev.quarry.engine.strategy;

/** What a strategy needs computed for the unlabeled pool before it can select. */
public enum Requirement {
    /** Nothing: the strategy needs no model output ({@code random}). */
    NONE,
    /** Deterministic class probabilities, {@code (N, C)}. */
    PROBABILITIES,
    /** MC-dropout class probabilities, {@code (N, T, C)}. */
    MC_PROBABILITIES,
    /** Penultimate-layer embeddings of the unlabeled items, {@code (N, d)}. */
    EMBEDDINGS,
    /** Embeddings of the labeled items, {@code (L, d)}. */
    LABELED_EMBEDDINGS,
    /** The items themselves, as the dataset holds them (for a strategy with a model of its own). */
    ITEMS
}
