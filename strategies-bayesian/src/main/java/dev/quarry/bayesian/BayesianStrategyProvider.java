package dev.quarry.bayesian;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.StrategyProvider;
import dev.quarry.engine.strategy.StrategySpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers this module's strategies: the six uncertainty measures (top-B), their stochastic batch
 * variants ({@code power-*} for the non-negative ones, {@code softmax-*} and {@code softrank-*} for
 * all) and {@code batch-bald}.
 */
public final class BayesianStrategyProvider implements StrategyProvider {

    /** The registry name of BatchBALD. */
    public static final String BATCH_BALD = "batch-bald";

    @Override
    public List<StrategySpec<?>> strategies() {
        List<StrategySpec<?>> out = new ArrayList<>();
        for (UncertaintyMeasure measure : UncertaintyMeasure.values()) {
            out.add(new StrategySpec<>(measure.strategyName(), summary(measure), UncertaintyOptions.class,
                    o -> QueryStrategy.topK(new UncertaintyScorer(measure, o))));
            for (StochasticKind kind : StochasticKind.values()) {
                if (kind == StochasticKind.POWER && !measure.isNonNegative()) {
                    continue; // power sampling of negative scores would give every item weight 0
                }
                out.add(new StrategySpec<>(kind.prefix() + "-" + measure.strategyName(), kind.prefix() + " sampling (Kirsch "
                        + "et al. 2023) of " + measure.strategyName() + " scores", StochasticOptions.class,
                        o -> stochastic(kind, measure, o)));
            }
        }
        out.add(new StrategySpec<>(BATCH_BALD, "greedy joint mutual information over shared MC-dropout masks (Kirsch "
                + "et al. 2019)", BatchBaldOptions.class, o -> QueryStrategy.of(BATCH_BALD, new BatchBaldSelector(o))));
        return out;
    }

    /**
     * Stochastic batch acquisition of a measure's scores.
     *
     * @param kind power, softmax or softrank
     * @param measure the score
     * @param options T, scope and temperature
     * @return the strategy
     * @throws InvalidInputException for power sampling of a measure with negative scores
     */
    static QueryStrategy stochastic(StochasticKind kind, UncertaintyMeasure measure, StochasticOptions options) {
        if (kind == StochasticKind.POWER && !measure.isNonNegative()) {
            throw new InvalidInputException("Power sampling needs non-negative scores; '" + measure.strategyName()
                    + "' scores are negative. Use softmax-" + measure.strategyName() + " or softrank-"
                    + measure.strategyName() + ".");
        }
        return QueryStrategy.of(kind.prefix() + "-" + measure.strategyName(),
                new UncertaintyScorer(measure, options.score()), new StochasticSelector(kind, options.temperature()));
    }

    private static String summary(UncertaintyMeasure measure) {
        switch (measure) {
            case LEAST_CONFIDENCE:
                return "1 - max_c p: the least confident predictions";
            case MARGIN:
                return "smallest gap between the two most probable classes";
            case ENTROPY:
                return "predictive entropy H(p), natural log";
            case BALD:
                return "mutual information H(pbar) - mean_t H(p_t) over MC dropout (Houlsby et al. 2011)";
            case VARIATION_RATIO:
                return "1 - f_mode / T: disagreement of the MC passes' argmax";
            case MEAN_STD:
                return "mean over classes of the MC standard deviation of p";
            default:
                throw new IllegalStateException("Unhandled measure " + measure);
        }
    }
}
