package dev.quarry.bayesian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.ScoreRanking;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionChecks;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Top-B by an {@link UncertaintyMeasure} of the model's class probabilities; ties go to the lower
 * global id.
 *
 * <h2>References</h2>
 * Lewis and Gale, "A Sequential Algorithm for Training Text Classifiers", SIGIR 1994;
 * Scheffer et al., "Active Hidden Markov Models for Information Extraction", 2001 (margin).
 */
public final class UncertaintyStrategy implements QueryStrategy {

    private final UncertaintyMeasure measure;

    /**
     * Creates the strategy.
     *
     * @param measure the score
     */
    public UncertaintyStrategy(UncertaintyMeasure measure) {
        this.measure = Objects.requireNonNull(measure, "measure");
    }

    @Override
    public String name() {
        return measure.strategyName();
    }

    @Override
    public Set<Requirement> requirements() {
        return EnumSet.of(Requirement.PROBABILITIES);
    }

    /**
     * The score of every row, computed on the probabilities' device; only the scores come back.
     *
     * @param probabilities {@code (N, C)} float32
     * @return N scores
     * @throws IllegalArgumentException for a wrong shape or non-finite values
     */
    public float[] scores(NDArray probabilities) {
        SelectionChecks.requireFinite(name(), "probabilities", probabilities);
        try (NDManager scope = probabilities.getManager().newSubManager()) {
            scope.tempAttachAll(probabilities);
            return measure.score(probabilities).toFloatArray();
        }
    }

    @Override
    public Selection select(QueryContext context, int budget) {
        long[] ids = context.unlabeledIds();
        SelectionChecks.requireBudget(name(), budget, ids.length);
        return ScoreRanking.selectTop(name(), ids, scores(context.probabilities()), budget);
    }

    @Override
    public String toString() {
        return "UncertaintyStrategy{measure=" + name() + "}";
    }
}
