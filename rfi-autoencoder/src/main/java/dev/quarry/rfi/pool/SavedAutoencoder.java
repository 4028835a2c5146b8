package dev.quarry.rfi.pool;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

import dev.quarry.engine.strategy.ChunkMap;
import dev.quarry.rfi.ae.RfiAutoencoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** Opens the autoencoder an RF strategy was pointed at, with the errors a strategy should raise. */
final class SavedAutoencoder {

    private SavedAutoencoder() {}

    /**
     * Loads the autoencoder; close it after the selection.
     *
     * @param strategy the strategy's name, for messages
     * @param model the directory {@code quarry rfi train} saved it in
     * @param device where it infers
     * @return the autoencoder
     * @throws IllegalArgumentException when there is no saved autoencoder there, saying how to train one
     */
    static RfiAutoencoder open(String strategy, Path model, Device device) {
        try {
            return RfiAutoencoder.load(model, device);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Strategy '" + strategy + "' needs a trained autoencoder in " + model
                    + "; train one (quarry rfi train) and set the option model to the directory it saved the model in.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Strategy '" + strategy + "' could not load its autoencoder: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A round's map of item chunks through the autoencoder, which is loaded now and closed with the map.
     *
     * @param strategy the strategy's name, for messages
     * @param model the directory {@code quarry rfi train} saved it in
     * @param device where it infers
     * @param apply what to compute from the autoencoder and a chunk of footprints
     * @return the map
     */
    static ChunkMap map(String strategy, Path model, Device device, BiFunction<RfiAutoencoder, NDArray, NDArray> apply) {
        RfiAutoencoder autoencoder = open(strategy, model, device);
        return new ChunkMap() {
            @Override
            public NDArray apply(NDArray chunk) {
                return apply.apply(autoencoder, chunk);
            }

            @Override
            public void close() {
                autoencoder.close();
            }
        };
    }
}
