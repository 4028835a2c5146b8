package dev.quarry.rfi.pool;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.ChunkMap;
import dev.quarry.engine.strategy.Encoder;

import java.nio.file.Path;

/**
 * The mitigating autoencoder's code of each rf-smap footprint as its embedding: what {@code
 * ae-embeddings} gives an embedding-space strategy ({@code kcenter}, {@code typiclust}, ...) instead
 * of the classifier's penultimate layer. The code describes the footprint's RFI and scene, and does
 * not change from round to round as the classifier learns.
 */
public final class AutoencoderEncoder implements Encoder {

    /** The registry name of the strategy that uses it. */
    public static final String NAME = "ae-embeddings";

    private final Path model;

    /**
     * The encoder.
     *
     * @param model the directory the autoencoder was saved in
     */
    public AutoencoderEncoder(Path model) {
        this.model = model;
    }

    @Override
    public String name() {
        return "the RFI autoencoder in " + model;
    }

    @Override
    public ChunkMap open(Device device) {
        return SavedAutoencoder.map(NAME, model, device, (autoencoder, items) -> items.getManager().create(
                autoencoder.encode(RfSmapDataset.kelvin(items)),
                new Shape(items.getShape().get(0), autoencoder.options().bottleneck())));
    }
}
