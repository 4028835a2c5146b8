package dev.quarry.bayesian;

import dev.quarry.engine.strategy.StrategyFactory;
import dev.quarry.engine.strategy.StrategyProvider;

import java.util.List;

/** Registers this module's strategies with the engine's registry. */
public final class BayesianStrategyProvider implements StrategyProvider {

    @Override
    public List<StrategyFactory> strategies() {
        return List.of(
                factory(UncertaintyMeasure.LEAST_CONFIDENCE, "1 - max_c p: the least confident predictions"),
                factory(UncertaintyMeasure.MARGIN, "smallest gap between the two most probable classes"),
                factory(UncertaintyMeasure.ENTROPY, "predictive entropy H(p), natural log"));
    }

    private static StrategyFactory factory(UncertaintyMeasure measure, String summary) {
        return StrategyFactory.of(measure.strategyName(), summary, List.of(), options -> new UncertaintyStrategy(measure));
    }
}
