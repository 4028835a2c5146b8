package dev.quarry.engine.strategy;

import ai.djl.Device;

/**
 * Computes embeddings from the items themselves, in place of the learner's penultimate features
 * (an autoencoder's code, a pretrained network): {@link Input.Embeddings#encodedBy} points an
 * embedding-space selector at it.
 */
public interface Encoder {

    /**
     * The encoder's name, for messages.
     *
     * @return the name
     */
    String name();

    /**
     * Prepares a round's encoding: loads what it needs on the device.
     *
     * @param device where the item chunks will be
     * @return the map {@code (n, ...) -> (n, d)}; closed after the last chunk
     */
    ChunkMap open(Device device);
}
