package dev.quarry.engine.model;

import ai.djl.ndarray.NDArray;

/**
 * Receives model outputs one chunk at a time. The chunk is valid only during the call: its native
 * memory is released right after, so a consumer reduces it (to scores, say) or copies what it keeps.
 */
@FunctionalInterface
public interface ChunkConsumer {

    /**
     * Consumes one chunk.
     *
     * @param from the first position (into the requested ids) the chunk covers
     * @param to one past the last position
     * @param chunk {@code (to - from, ...)} outputs on the model's device
     */
    void accept(int from, int to, NDArray chunk);
}
