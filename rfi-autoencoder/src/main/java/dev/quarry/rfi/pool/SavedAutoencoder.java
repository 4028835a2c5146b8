package dev.quarry.rfi.pool;

import ai.djl.Device;

import dev.quarry.rfi.ae.RfiAutoencoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
}
