package dev.quarry.bayesian;

import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.RoundInputs;
import dev.quarry.engine.data.Rows;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Selector;

import java.util.Objects;
import java.util.Set;

/**
 * Stochastic batch acquisition: instead of the top-B scores, sample B items without replacement
 * with weights from the scores ({@link StochasticKind}), which keeps a batch from piling onto one
 * redundant region. The draw uses only the round's seeded generator and the items' ids ({@link
 * GumbelTopK}), so a cluster that scores the pool in parts draws what one process draws.
 *
 * <h2>References</h2>
 * Kirsch, Farquhar, Atighehchian, Jesson, Branchaud-Charron and Gal, "Stochastic Batch Acquisition:
 * A Simple Baseline for Deep Active Learning", TMLR 2023.
 */
public final class StochasticSelector implements Selector {

    private final StochasticKind kind;
    private final double temperature;

    /**
     * Creates the selector.
     *
     * @param kind how scores become weights
     * @param temperature > 0; lower is closer to top-B
     */
    public StochasticSelector(StochasticKind kind, double temperature) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("Option temperature " + temperature + " must be a finite number > 0.");
        }
        this.temperature = temperature;
    }

    @Override
    public Set<Input> inputs() {
        return Set.of();
    }

    @Override
    public boolean usesScores() {
        return true;
    }

    @Override
    public Selection select(RoundInputs round, int budget) {
        float[] scores = round.scores();
        int[] picks = GumbelTopK.sample(kind.logWeights(scores, temperature), round.ids(), budget, round.random());
        return new Selection(round.idsAt(picks), Rows.valuesAt(scores, picks));
    }

    /** @return how scores become weights */
    public StochasticKind kind() {
        return kind;
    }

    /** @return the temperature */
    public double temperature() {
        return temperature;
    }

    @Override
    public String toString() {
        return kind.prefix() + " sampling at temperature " + temperature;
    }
}
