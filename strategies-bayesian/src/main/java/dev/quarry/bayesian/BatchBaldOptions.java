package dev.quarry.bayesian;

import dev.quarry.engine.model.McScope;
import dev.quarry.engine.model.McSpec;
import dev.quarry.engine.strategy.Option;

import java.util.OptionalInt;

/**
 * Options of {@code batch-bald}.
 *
 * @param mcSamples T, >= 2; auto: 20 in a run, the passes given offline
 * @param mcScope the whole network or the dropout head only
 * @param maxConfigs M: exact joint entropy while {@code C^b <= M}, M sampled configurations beyond
 */
public record BatchBaldOptions(
        @Option(value = "auto", description = "MC-dropout passes T (>= 2); auto: " + McSpec.DEFAULT_SAMPLES
                + " in a run, the passes given offline")
        OptionalInt mcSamples,
        @Option(value = "full", description = "full: every pass runs the whole network; head: the trunk once, only the "
                + "dropout head T times") McScope mcScope,
        @Option(value = "1000", description = "exact joint entropy while C^b <= this, sampled beyond") int maxConfigs) {

    /**
     * Validates the options.
     *
     * @param mcSamples T or auto
     * @param mcScope the scope
     * @param maxConfigs M
     */
    public BatchBaldOptions {
        if (mcSamples.isPresent() && mcSamples.getAsInt() < 2) {
            throw new IllegalArgumentException("Strategy 'batch-bald' needs mcSamples >= 2, got " + mcSamples.getAsInt()
                    + ".");
        }
        if (mcScope == null) {
            throw new IllegalArgumentException("Option mcScope is required.");
        }
        if (maxConfigs < 1) {
            throw new IllegalArgumentException("Option maxConfigs " + maxConfigs + " must be >= 1.");
        }
    }
}
