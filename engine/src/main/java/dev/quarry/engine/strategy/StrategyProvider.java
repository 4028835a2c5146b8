package dev.quarry.engine.strategy;

import java.util.List;

/**
 * The {@link java.util.ServiceLoader} entry point of a module that contributes strategies. List
 * the implementation in {@code META-INF/services/dev.quarry.engine.strategy.StrategyProvider}.
 */
public interface StrategyProvider {

    /**
     * The strategies this module contributes.
     *
     * @return one factory per strategy name
     */
    List<StrategyFactory> strategies();
}
