package dev.quarry.engine.strategy;

import java.util.List;

/** Registers the strategies the engine itself ships: {@code random}. */
public final class EngineStrategyProvider implements StrategyProvider {

    @Override
    public List<StrategyFactory> strategies() {
        return List.of(StrategyFactory.of(RandomStrategy.NAME,
                "uniform sampling without replacement (needs no model output)", List.of(),
                options -> new RandomStrategy()));
    }
}
