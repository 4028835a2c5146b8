package dev.quarry.engine.strategy;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The options every registered strategy takes, parsed by the registry itself.
 *
 * @param maxPool score a seeded random subset of at most this many unlabeled items per round; all
 *     of them when empty
 */
public record CommonOptions(
        @Option(value = "all", empty = "all", description = "score a seeded random subset of at most this many "
                + "unlabeled items per round") OptionalInt maxPool) {

    /**
     * Validates the options.
     *
     * @param maxPool the subset size or all
     */
    public CommonOptions {
        Objects.requireNonNull(maxPool, "maxPool");
        if (maxPool.isPresent() && maxPool.getAsInt() < 1) {
            throw new IllegalArgumentException("Option maxPool " + maxPool.getAsInt() + " must be >= 1, or all.");
        }
    }
}
