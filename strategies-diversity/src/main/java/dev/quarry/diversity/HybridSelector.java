package dev.quarry.diversity;

import dev.quarry.engine.strategy.Input;
import dev.quarry.engine.strategy.RoundInputs;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Selector;

import java.util.Objects;
import java.util.Set;

/**
 * Uncertainty pre-filter, then diversity: of the rows, the {@code β·B} with the highest scores (the
 * strategy's scorer, margin by default, found by name in the registry so that this module needs no
 * other strategy module at compile time) are kept, and greedy k-center picks among them with the
 * labeled items as centers. The loop computes embeddings for the kept rows only.
 *
 * <h2>References</h2>
 * Sener and Savarese, ICLR 2018 (k-center); Ash et al., ICLR 2020, and Citovsky et al., NeurIPS
 * 2021, compare such uncertainty-then-diversity hybrids.
 */
public final class HybridSelector implements Selector {

    private final int beta;
    private final KCenterSelector kcenter;

    /**
     * Creates the selector.
     *
     * @param beta the pre-filter keeps β·B items, >= 1
     * @param kcenter the k-center run among them
     */
    public HybridSelector(int beta, KCenterSelector kcenter) {
        if (beta < 1) {
            throw new IllegalArgumentException("Option beta " + beta + " must be >= 1.");
        }
        this.beta = beta;
        this.kcenter = Objects.requireNonNull(kcenter, "kcenter");
    }

    @Override
    public Set<Input> inputs() {
        return kcenter.inputs();
    }

    @Override
    public boolean usesScores() {
        return true;
    }

    @Override
    public int candidates(int budget, int rows) {
        return (int) Math.min(rows, (long) beta * budget);
    }

    @Override
    public Selection select(RoundInputs round, int budget) {
        return kcenter.select(round, budget);
    }

    @Override
    public String toString() {
        return "top " + beta + " × budget by score, then " + kcenter;
    }
}
