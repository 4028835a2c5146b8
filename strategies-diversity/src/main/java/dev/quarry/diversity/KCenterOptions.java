package dev.quarry.diversity;

import dev.quarry.engine.strategy.Option;

import java.util.Objects;

/**
 * Options of {@code kcenter} (and of the k-center step of {@code hybrid}).
 *
 * @param implementation which kernel runs the greedy
 * @param blockMb working memory of one block of distances, in MiB
 */
public record KCenterOptions(
        @Option(value = "auto", description = "k-center kernel: device (NDArrays; the choice on a GPU), java "
                + "(triangle-inequality pruning; the choice on a CPU), or auto") KCenterSelector.Implementation implementation,
        @Option(value = "24", description = "working memory of one block of distances, in MiB (larger blocks page-fault "
                + "on a CPU; try 256 on a GPU)") int blockMb) {

    /**
     * Validates the options.
     *
     * @param implementation the kernel
     * @param blockMb MiB per block, >= 1
     */
    public KCenterOptions {
        Objects.requireNonNull(implementation, "implementation");
        if (blockMb < 1) {
            throw new IllegalArgumentException("Option blockMb " + blockMb + " must be >= 1.");
        }
    }
}
