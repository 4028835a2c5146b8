package dev.quarry.diversity;

import dev.quarry.engine.strategy.Option;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Options of {@code cluster-margin}.
 *
 * @param candidates k_m as a multiple of B, >= 1
 * @param clusters how many clusters to cut the candidates into; auto: B
 */
public record ClusterMarginOptions(
        @Option(value = "10", description = "k_m = candidates × budget lowest-margin items") int candidates,
        @Option(value = "auto", description = "average-linkage clusters of the candidates; auto = budget")
        OptionalInt clusters) {

    /**
     * Validates the options.
     *
     * @param candidates the multiple
     * @param clusters the cut or auto
     */
    public ClusterMarginOptions {
        if (candidates < 1) {
            throw new IllegalArgumentException("Option candidates " + candidates + " must be >= 1 (k_m = candidates × "
                    + "budget).");
        }
        Objects.requireNonNull(clusters, "clusters");
        if (clusters.isPresent() && clusters.getAsInt() < 1) {
            throw new IllegalArgumentException("Option clusters " + clusters.getAsInt() + " must be >= 1, or auto (the "
                    + "budget).");
        }
    }
}
