package dev.quarry.rfi.pool;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.ChunkMap;
import dev.quarry.engine.strategy.Encoder;
import dev.quarry.rfi.ae.RfiAutoencoder;

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
        RfiAutoencoder autoencoder = SavedAutoencoder.open(NAME, model, device);
        return new ChunkMap() {
            @Override
            public NDArray apply(NDArray items) {
                int width = autoencoder.options().bottleneck();
                float[] code = autoencoder.encode(RfSmapDataset.kelvin(items));
                return items.getManager().create(code, new Shape(items.getShape().get(0), width));
            }

            @Override
            public void close() {
                autoencoder.close();
            }
        };
    }
}
