package dev.quarry.engine.strategy;

import java.util.List;

/** Registers the strategies the engine itself ships: {@code random} and the meta-strategy {@code tailor}. */
public final class EngineStrategyProvider implements StrategyProvider {

    @Override
    public List<StrategySpec<?>> strategies() {
        return List.of(new StrategySpec<>(RandomSelector.NAME, "uniform sampling without replacement (needs no model "
                + "output)", NoOptions.class, options -> QueryStrategy.of(RandomSelector.NAME, new RandomSelector())),
                new StrategySpec<>(TailorSelector.NAME, "TAILOR: picks among candidate strategies every round by Thompson "
                        + "sampling, rewarding labels of rare classes (Zhang et al. 2023)", TailorOptions.class,
                        TailorSelector::create));
    }
}
