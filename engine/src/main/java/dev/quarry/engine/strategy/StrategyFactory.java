package dev.quarry.engine.strategy;

import java.util.List;
import java.util.function.Function;

/** Builds one named strategy from options; what {@code quarry strategies} lists. */
public interface StrategyFactory {

    /**
     * The registry name.
     *
     * @return the name, lower case with hyphens
     */
    String name();

    /**
     * One line saying what the strategy does.
     *
     * @return the summary
     */
    String summary();

    /**
     * The options it accepts.
     *
     * @return the specs, possibly empty
     */
    List<OptionSpec> options();

    /**
     * Builds the strategy.
     *
     * @param options checked options
     * @return the strategy
     * @throws IllegalArgumentException for an invalid option value
     */
    QueryStrategy create(StrategyOptions options);

    /**
     * A factory from its parts.
     *
     * @param name the registry name
     * @param summary one line
     * @param options the accepted options
     * @param creator builds the strategy from checked options
     * @return the factory
     */
    static StrategyFactory of(String name, String summary, List<OptionSpec> options,
            Function<StrategyOptions, QueryStrategy> creator) {
        record Simple(String name, String summary, List<OptionSpec> options, Function<StrategyOptions, QueryStrategy> creator)
                implements StrategyFactory {
            @Override
            public QueryStrategy create(StrategyOptions checked) {
                return creator.apply(checked);
            }
        }
        return new Simple(name, summary, List.copyOf(options), creator);
    }
}
