package dev.quarry.diversity;

import dev.quarry.engine.strategy.Option;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Options of {@code probcover}.
 *
 * @param delta the ball radius on unit-length embeddings, in (0, 2]; auto chooses it by cluster purity
 * @param purity the fraction of pure balls the automatic δ keeps, in (0, 1]
 * @param pseudoClasses k of the k-means pseudo-labels (set it to the number of classes)
 */
public record ProbCoverOptions(
        @Option(value = "auto", description = "ball radius on unit-length embeddings, in (0, 2]; auto chooses it by "
                + "cluster purity") OptionalDouble delta,
        @Option(value = "0.95", description = "fraction of pure balls the automatic delta keeps") double purity,
        @Option(value = "10", description = "k-means clusters for purity; set to the number of classes")
        int pseudoClasses) {

    /**
     * Validates the options.
     *
     * @param delta δ or auto
     * @param purity the purity
     * @param pseudoClasses the pseudo-classes
     */
    public ProbCoverOptions {
        Objects.requireNonNull(delta, "delta");
        if (delta.isPresent() && !(delta.getAsDouble() > 0 && delta.getAsDouble() <= 2)) {
            throw new IllegalArgumentException("Option delta " + delta.getAsDouble() + " must be in (0, 2] (distances "
                    + "between unit vectors), or auto.");
        }
        if (!(purity > 0 && purity <= 1)) {
            throw new IllegalArgumentException("Option purity " + purity + " must be in (0, 1].");
        }
        if (pseudoClasses < 2) {
            throw new IllegalArgumentException("Option pseudoClasses " + pseudoClasses + " must be >= 2.");
        }
    }
}
