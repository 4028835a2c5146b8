package dev.quarry.bayesian;

import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.ScoringStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionChecks;

import java.util.Objects;
import java.util.Set;

/**
 * Stochastic batch acquisition: instead of the top-B scores, sample B items without replacement
 * with weights from the scores ({@link StochasticKind}), which keeps a batch from piling onto one
 * redundant region. The draw uses only the context's seeded generator.
 *
 * <h2>References</h2>
 * Kirsch, Farquhar, Atighehchian, Jesson, Branchaud-Charron and Gal, "Stochastic Batch Acquisition:
 * A Simple Baseline for Deep Active Learning", TMLR 2023.
 */
public final class StochasticBatchStrategy implements ScoringStrategy {

    private final StochasticKind kind;
    private final UncertaintyStrategy base;
    private final double temperature;

    /**
     * Creates the strategy.
     *
     * @param kind how scores become weights
     * @param base the score
     * @param temperature > 0; lower is closer to top-B
     */
    public StochasticBatchStrategy(StochasticKind kind, UncertaintyStrategy base, double temperature) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.base = Objects.requireNonNull(base, "base");
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("Option temperature " + temperature + " must be a finite number > 0.");
        }
        if (kind == StochasticKind.POWER && !base.measure().isNonNegative()) {
            throw new IllegalArgumentException("Power sampling needs non-negative scores; '" + base.name()
                    + "' scores are negative. Use softmax-" + base.name() + " or softrank-" + base.name() + ".");
        }
        this.temperature = temperature;
    }

    @Override
    public String name() {
        return kind.prefix() + "-" + base.name();
    }

    @Override
    public Set<Requirement> requirements() {
        return base.requirements();
    }

    /**
     * The base strategy's scores, from which the weights are made.
     *
     * @param context the context
     * @return N scores
     */
    @Override
    public float[] scores(QueryContext context) {
        return base.scores(context);
    }

    @Override
    public Selection select(QueryContext context, int budget) {
        long[] ids = context.unlabeledIds();
        SelectionChecks.requireBudget(name(), budget, ids.length);
        float[] scores = base.scores(context);
        int[] picks = GumbelTopK.sample(kind.logWeights(scores, temperature), budget, context.random());
        long[] picked = new long[budget];
        float[] pickedScores = new float[budget];
        for (int i = 0; i < budget; i++) {
            picked[i] = ids[picks[i]];
            pickedScores[i] = scores[picks[i]];
        }
        return new Selection(picked, pickedScores);
    }

    @Override
    public String toString() {
        return "StochasticBatchStrategy{kind=" + kind.prefix() + ", temperature=" + temperature + ", base=" + base + "}";
    }
}
