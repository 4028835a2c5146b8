package dev.quarry.bayesian;

import dev.quarry.engine.model.McScope;
import dev.quarry.engine.strategy.Option;

import java.util.OptionalInt;

/**
 * Options of stochastic batch acquisition ({@code power-*}, {@code softmax-*}, {@code softrank-*}).
 *
 * @param mcSamples T of the underlying score (see {@link UncertaintyOptions})
 * @param mcScope the scope of the underlying score
 * @param temperature > 0; lower concentrates the sample on the top scores
 */
public record StochasticOptions(
        @Option(value = "auto", description = "MC-dropout passes T of the score (see its strategy)") OptionalInt mcSamples,
        @Option(value = "full", description = "full or head (see the score's strategy)") McScope mcScope,
        @Option(value = "1.0", description = "> 0; lower concentrates the sample on the top scores") double temperature) {

    /**
     * Validates the options.
     *
     * @param mcSamples T or auto
     * @param mcScope the scope
     * @param temperature the temperature
     */
    public StochasticOptions {
        new UncertaintyOptions(mcSamples, mcScope);
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("Option temperature " + temperature + " must be a finite number > 0.");
        }
    }

    /** @return the underlying score's options */
    public UncertaintyOptions score() {
        return new UncertaintyOptions(mcSamples, mcScope);
    }
}
