package dev.quarry.rfi.pool;

import dev.quarry.engine.strategy.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@code ae-embeddings}.
 *
 * @param base the embedding-space strategy to run on the autoencoder's code
 * @param baseOptions that strategy's own options (given as {@code base.<option>})
 * @param model the directory {@code quarry rfi train} saved the autoencoder in
 */
public record AeEmbeddingsOptions(
        @Option(value = "kcenter", description = "the embedding-space strategy to run") String base,
        @Option(value = "", prefix = "base.", description = "that strategy's options, e.g. base.blockMb=64")
        Map<String, String> baseOptions,
        @Option(value = "runs/rfi/model", description = "the directory `quarry rfi train` saved the autoencoder in")
        Path model) {

    /**
     * Validates the options.
     *
     * @param base the base strategy
     * @param baseOptions its options
     * @param model the autoencoder's directory
     */
    public AeEmbeddingsOptions {
        Objects.requireNonNull(base, "base");
        baseOptions = Map.copyOf(baseOptions);
        Objects.requireNonNull(model, "model");
    }
}
