package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDArray;

/**
 * Maps one chunk of rows to one output row per input row, on the chunk's device: a score reduction
 * {@code (n, ...) -> (n)} or an encoder {@code (n, ...) -> (n, d)}. It is opened once per round
 * ({@link Scorer#open}, {@link Encoder#open}) so that it can hold what it needs, such as a loaded
 * model, and closed after the round's last chunk.
 */
@FunctionalInterface
public interface ChunkMap extends AutoCloseable {

    /**
     * Maps a chunk.
     *
     * @param chunk {@code (n, ...)} rows; valid only during the call
     * @return {@code (n, ...)} outputs, in the chunk's manager
     */
    NDArray apply(NDArray chunk);

    /**
     * Whether a row holding NaN or infinity always maps to NaN, so that the caller need not read the
     * chunk a second time to find such rows.
     *
     * @return false unless the map guarantees it
     */
    default boolean marksNonFiniteRows() {
        return false;
    }

    /**
     * Whether the map reduces {@code (n, T, C)} MC passes to what it would compute from their mean
     * {@code (n, C)}, so that precomputed passes can be handed to it unaveraged.
     *
     * @return false unless the map averages passes itself
     */
    default boolean averagesPasses() {
        return false;
    }

    /** Frees what {@code open} loaded; nothing by default. */
    @Override
    default void close() {}
}
