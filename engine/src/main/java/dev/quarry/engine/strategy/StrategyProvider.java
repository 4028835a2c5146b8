package dev.quarry.engine.strategy;

import java.util.List;

/**
 * The {@link java.util.ServiceLoader} entry point of a module that contributes strategies. List
 * the implementation in {@code META-INF/services/dev.quarry.engine.strategy.StrategyProvider}, or
 * register a spec in code with {@link Strategies#register}.
 */
public interface StrategyProvider {

    /**
     * The strategies this module contributes.
     *
     * @return one spec per strategy name
     */
    List<StrategySpec<?>> strategies();
}
