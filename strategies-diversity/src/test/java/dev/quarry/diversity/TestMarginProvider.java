package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;

import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.NoOptions;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Scorer;
import dev.quarry.engine.strategy.StrategyProvider;
import dev.quarry.engine.strategy.StrategySpec;

import java.util.List;

/**
 * A scoring strategy for this module's tests only (the real ones live in strategies-bayesian, which
 * this module must not depend on): {@code -(p(1) - p(2))}.
 */
public final class TestMarginProvider implements StrategyProvider {

    @Override
    public List<StrategySpec<?>> strategies() {
        return List.of(new StrategySpec<>("test-margin", "margin for tests", NoOptions.class,
                o -> QueryStrategy.topK(Scorer.of("test-margin", Input.probabilities(), p -> {
                    NDArray top2 = p.topK(2, 1, true, true).get(0);
                    return top2.get(":, 1").sub(top2.get(":, 0"));
                }))));
    }
}
