package dev.quarry.diversity;

import dev.quarry.engine.strategy.Option;

import java.util.Map;
import java.util.Objects;

/**
 * Options of {@code hybrid}.
 *
 * @param score the registry name of the pre-filter's strategy, which must have a scorer
 * @param scoreOptions that strategy's own options (given as {@code score.<option>})
 * @param beta the pre-filter keeps {@code beta × budget} items
 * @param implementation the k-center kernel
 * @param blockMb MiB per block of distances
 */
public record HybridOptions(
        @Option(value = "margin", description = "a strategy with one score per item") String score,
        @Option(value = "", prefix = "score.", description = "that strategy's options, e.g. score.mcSamples=20")
        Map<String, String> scoreOptions,
        @Option(value = "10", description = "the pre-filter keeps beta × budget items") int beta,
        @Option(value = "auto", description = "k-center kernel: device, java, or auto")
        KCenterSelector.Implementation implementation,
        @Option(value = "24", description = "working memory of one block of distances, in MiB") int blockMb) {

    /**
     * Validates the options.
     *
     * @param score the pre-filter's strategy
     * @param scoreOptions its options
     * @param beta the pre-filter factor, >= 1
     * @param implementation the kernel
     * @param blockMb MiB per block
     */
    public HybridOptions {
        Objects.requireNonNull(score, "score");
        scoreOptions = Map.copyOf(scoreOptions);
        if (beta < 1) {
            throw new IllegalArgumentException("Option beta " + beta + " must be >= 1.");
        }
        new KCenterOptions(implementation, blockMb);
    }

    /** @return the k-center step's options */
    public KCenterOptions kcenter() {
        return new KCenterOptions(implementation, blockMb);
    }
}
