package dev.quarry.engine.strategy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One named strategy in the registry: how it is built from its typed options record. {@code quarry
 * strategies} lists the options from the record.
 *
 * @param name the registry name, lower case with hyphens
 * @param summary one line saying what it does
 * @param options the options record, whose components carry {@link Option}
 * @param factory builds the strategy from validated options
 * @param <O> the options record
 */
public record StrategySpec<O extends Record>(String name, String summary, Class<O> options,
        Function<O, QueryStrategy> factory) {

    /**
     * Validates the spec.
     *
     * @param name the name
     * @param summary the summary
     * @param options the options record
     * @param factory the factory
     */
    public StrategySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(factory, "factory");
        StrategyOptions.describe(options); // fails now, not at first use, if a component lacks @Option
    }

    /**
     * Builds the strategy from text options, named after this spec and recording its settings.
     *
     * @param given option name to text
     * @return the strategy
     * @throws dev.quarry.engine.errors.InvalidInputException for an unknown option or an invalid value
     */
    public QueryStrategy create(Map<String, String> given) {
        return create(given, List.of());
    }

    /**
     * Builds the strategy from text options, naming options handled elsewhere when one is unknown.
     *
     * @param given option name to text
     * @param alsoAccepted options the caller handles (the registry's common ones)
     * @return the strategy
     * @throws dev.quarry.engine.errors.InvalidInputException for an unknown option or an invalid value
     */
    QueryStrategy create(Map<String, String> given, List<String> alsoAccepted) {
        O parsed = StrategyOptions.parse(name, options, given, alsoAccepted);
        return factory.apply(parsed).named(name).withSettings(StrategyOptions.settings(parsed));
    }

    /** @return the options it accepts */
    public List<StrategyOptions.Described> optionList() {
        return StrategyOptions.describe(options);
    }
}
