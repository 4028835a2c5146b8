package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;

import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.ScoreRanking;
import dev.quarry.engine.strategy.ScoringStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.StrategyFactory;
import dev.quarry.engine.strategy.StrategyProvider;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A scoring strategy for this module's tests only (the real ones live in strategies-bayesian, which
 * this module must not depend on): {@code -(p(1) - p(2))}.
 */
public final class TestMarginProvider implements StrategyProvider {

    @Override
    public List<StrategyFactory> strategies() {
        return List.of(StrategyFactory.of("test-margin", "margin for tests", List.of(), o -> new TestMargin()));
    }

    static final class TestMargin implements ScoringStrategy {
        @Override
        public String name() {
            return "test-margin";
        }

        @Override
        public Set<Requirement> requirements() {
            return EnumSet.of(Requirement.PROBABILITIES);
        }

        @Override
        public float[] scores(QueryContext context) {
            return context.scores(p -> {
                NDArray top2 = p.topK(2, 1, true, true).get(0);
                return top2.get(":, 1").sub(top2.get(":, 0"));
            });
        }

        @Override
        public Selection select(QueryContext context, int budget) {
            return ScoreRanking.selectTop(name(), context.unlabeledIds(), scores(context), budget);
        }

        @Override
        public String toString() {
            return "TestMargin{}";
        }
    }
}
