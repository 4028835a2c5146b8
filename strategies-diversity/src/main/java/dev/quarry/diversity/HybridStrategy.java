package dev.quarry.diversity;

import ai.djl.ndarray.NDManager;

import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.ScoreRanking;
import dev.quarry.engine.strategy.ScoringStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionChecks;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Uncertainty pre-filter, then diversity: the {@code β·B} items with the highest score of a scoring
 * strategy (margin by default, found by name in the registry, so this module needs no other
 * strategy module at compile time), then greedy k-center among them with the labeled items as
 * centers.
 *
 * <h2>References</h2>
 * Sener and Savarese, ICLR 2018 (k-center); Ash et al., ICLR 2020, and Citovsky et al., NeurIPS
 * 2021, compare such uncertainty-then-diversity hybrids.
 */
public final class HybridStrategy implements QueryStrategy {

    /** The registry name. */
    public static final String NAME = "hybrid";

    private final ScoringStrategy score;
    private final int beta;
    private final KCenterStrategy kcenter;

    /**
     * Creates the strategy.
     *
     * @param score the pre-filter's score
     * @param beta the pre-filter keeps β·B items, >= 1
     * @param kcenter the k-center run among them
     */
    public HybridStrategy(ScoringStrategy score, int beta, KCenterStrategy kcenter) {
        this.score = Objects.requireNonNull(score, "score");
        if (beta < 1) {
            throw new IllegalArgumentException("Option beta " + beta + " must be >= 1.");
        }
        this.beta = beta;
        this.kcenter = Objects.requireNonNull(kcenter, "kcenter");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Requirement> requirements() {
        Set<Requirement> all = EnumSet.of(Requirement.EMBEDDINGS, Requirement.LABELED_EMBEDDINGS);
        all.addAll(score.requirements());
        all.remove(Requirement.NONE);
        return all;
    }

    @Override
    public Selection select(QueryContext context, int budget) {
        long[] ids = context.unlabeledIds();
        SelectionChecks.requireBudget(NAME, budget, ids.length);
        float[] scores = score.scores(context);
        int keep = (int) Math.min(ids.length, (long) beta * budget);
        int[] positions = ScoreRanking.topK(scores, keep);
        Arrays.sort(positions); // ascending, so k-center's ties still go to the lower id
        try (NDManager view = context.manager().newSubManager()) {
            return kcenter.select(context.restrictTo(positions, view), budget);
        }
    }

    @Override
    public String toString() {
        return "HybridStrategy{score=" + score + ", beta=" + beta + ", then=" + kcenter + "}";
    }
}
