package dev.quarry.rfi.pool;

import dev.quarry.engine.strategy.Option;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Options of {@code recon-error}.
 *
 * @param model the directory {@code quarry rfi train} saved the autoencoder in
 */
public record ReconErrorOptions(
        @Option(value = "runs/rfi/model", description = "the directory `quarry rfi train` saved the autoencoder in")
        Path model) {

    /**
     * Validates the options.
     *
     * @param model the autoencoder's directory
     */
    public ReconErrorOptions {
        Objects.requireNonNull(model, "model");
    }
}
