package dev.quarry.bayesian;

import dev.quarry.engine.model.McScope;
import dev.quarry.engine.strategy.OptionSpec;
import dev.quarry.engine.strategy.StrategyFactory;
import dev.quarry.engine.strategy.StrategyOptions;
import dev.quarry.engine.strategy.StrategyProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Registers this module's strategies: the six uncertainty measures, their stochastic batch variants
 * ({@code power-*} for the non-negative ones, {@code softmax-*} and {@code softrank-*} for all) and
 * {@code batch-bald}.
 */
public final class BayesianStrategyProvider implements StrategyProvider {

    private static final OptionSpec MC_SCOPE = new OptionSpec("mcScope", "full",
            "full: every pass runs the whole network; head: the trunk once, only the dropout head T times");
    private static final OptionSpec TEMPERATURE = new OptionSpec("temperature", "1.0",
            "> 0; lower concentrates the sample on the top scores");

    @Override
    public List<StrategyFactory> strategies() {
        List<StrategyFactory> out = new ArrayList<>();
        for (UncertaintyMeasure measure : UncertaintyMeasure.values()) {
            out.add(StrategyFactory.of(measure.strategyName(), summary(measure), measureOptions(measure),
                    options -> uncertainty(measure, options)));
            for (StochasticKind kind : StochasticKind.values()) {
                if (kind == StochasticKind.POWER && !measure.isNonNegative()) {
                    continue; // power sampling of negative scores would give every item weight 0
                }
                List<OptionSpec> options = new ArrayList<>(measureOptions(measure));
                options.add(TEMPERATURE);
                out.add(StrategyFactory.of(kind.prefix() + "-" + measure.strategyName(),
                        kind.prefix() + " sampling (Kirsch et al. 2023) of " + measure.strategyName() + " scores", options,
                        o -> new StochasticBatchStrategy(kind, uncertainty(measure, o), o.getDouble(TEMPERATURE.name()))));
            }
        }
        out.add(StrategyFactory.of(BatchBaldStrategy.NAME,
                "greedy joint mutual information over shared MC-dropout masks (Kirsch et al. 2019)",
                List.of(new OptionSpec("mcSamples", "20", "MC-dropout passes T (>= 2)"), MC_SCOPE,
                        new OptionSpec("maxConfigs", "1000", "exact joint entropy while C^b <= this, sampled beyond")),
                o -> new BatchBaldStrategy(o.getInt("mcSamples"), scope(o), o.getInt("maxConfigs"))));
        return out;
    }

    private static List<OptionSpec> measureOptions(UncertaintyMeasure measure) {
        String samples = measure.needsPasses() ? "20" : "1";
        String meaning = measure.needsPasses() ? "MC-dropout passes T (>= 2)"
                : "MC-dropout passes T; 1 scores the deterministic probabilities, more score their MC mean";
        return List.of(new OptionSpec("mcSamples", samples, meaning), MC_SCOPE);
    }

    private static UncertaintyStrategy uncertainty(UncertaintyMeasure measure, StrategyOptions options) {
        return new UncertaintyStrategy(measure, options.getInt("mcSamples"), scope(options));
    }

    private static McScope scope(StrategyOptions options) {
        String value = options.get(MC_SCOPE.name()).trim().toUpperCase(Locale.ROOT);
        try {
            return McScope.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option mcScope must be full or head, got '" + options.get(MC_SCOPE.name())
                    + "'.", e);
        }
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
