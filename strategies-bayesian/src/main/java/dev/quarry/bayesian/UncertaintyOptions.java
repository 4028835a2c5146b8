package dev.quarry.bayesian;

import dev.quarry.engine.model.McScope;
import dev.quarry.engine.model.McSpec;
import dev.quarry.engine.strategy.Option;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Options of the uncertainty strategies ({@code least-confidence}, {@code margin}, {@code entropy},
 * {@code bald}, {@code variation-ratio}, {@code mean-std}).
 *
 * @param mcSamples T; auto: one deterministic pass for least-confidence, margin and entropy, 20 MC
 *     passes for the others in a run, and offline the passes given
 * @param mcScope the whole network or the dropout head only
 */
public record UncertaintyOptions(
        @Option(value = "auto", description = "MC-dropout passes T; auto: 1 deterministic pass for least-confidence, "
                + "margin and entropy, " + McSpec.DEFAULT_SAMPLES + " for the others, and offline the passes given") OptionalInt mcSamples,
        @Option(value = "full", description = "full: every pass runs the whole network; head: the trunk once, only the "
                + "dropout head T times") McScope mcScope) {

    /**
     * Validates the options.
     *
     * @param mcSamples T or auto
     * @param mcScope the scope
     */
    public UncertaintyOptions {
        Objects.requireNonNull(mcSamples, "mcSamples");
        Objects.requireNonNull(mcScope, "mcScope");
        if (mcSamples.isPresent() && mcSamples.getAsInt() < 1) {
            throw new IllegalArgumentException("Option mcSamples " + mcSamples.getAsInt() + " must be >= 1.");
        }
    }
}
