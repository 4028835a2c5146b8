package dev.quarry.bayesian;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.model.McScope;
import dev.quarry.engine.model.McSpec;
import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.Requirement;
import dev.quarry.engine.strategy.ScoringStrategy;
import dev.quarry.engine.strategy.ScoreRanking;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionChecks;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Top-B by an {@link UncertaintyMeasure}; ties go to the lower global id. With {@code mcSamples = 1}
 * it scores the deterministic probabilities, otherwise T MC-dropout passes, reduced chunk by chunk
 * on the device so that only N scores reach the host.
 *
 * <h2>References</h2>
 * Lewis and Gale, "A Sequential Algorithm for Training Text Classifiers", SIGIR 1994;
 * Gal, Islam and Ghahramani, "Deep Bayesian Active Learning with Image Data", ICML 2017.
 */
public final class UncertaintyStrategy implements ScoringStrategy {

    private final UncertaintyMeasure measure;
    private final McSpec mc;

    /**
     * A strategy with the measure's defaults: one deterministic pass for least confidence, margin
     * and entropy; 20 full-network passes for the others.
     *
     * @param measure the score
     */
    public UncertaintyStrategy(UncertaintyMeasure measure) {
        this(measure, measure.needsPasses() ? 20 : 1, McScope.FULL);
    }

    /**
     * Creates the strategy.
     *
     * @param measure the score
     * @param mcSamples T; 1 scores the deterministic probabilities
     * @param scope whole-network or head-only MC
     */
    public UncertaintyStrategy(UncertaintyMeasure measure, int mcSamples, McScope scope) {
        this.measure = Objects.requireNonNull(measure, "measure");
        if (measure.needsPasses() && mcSamples < 2) {
            throw new IllegalArgumentException("Strategy '" + measure.strategyName() + "' needs mcSamples >= 2 (MC-dropout "
                    + "passes), got " + mcSamples + ".");
        }
        this.mc = new McSpec(mcSamples, scope, false);
    }

    /**
     * The measure.
     *
     * @return the measure
     */
    public UncertaintyMeasure measure() {
        return measure;
    }

    @Override
    public String name() {
        return measure.strategyName();
    }

    @Override
    public Set<Requirement> requirements() {
        return EnumSet.of(mc.samples() == 1 ? Requirement.PROBABILITIES : Requirement.MC_PROBABILITIES);
    }

    /**
     * The score of every unlabeled item of a context, in its order.
     *
     * @param context the round's context
     * @return N finite scores
     * @throws IllegalArgumentException naming the rows whose probabilities are NaN or infinite
     */
    @Override
    public float[] scores(QueryContext context) {
        float[] scores = mc.samples() == 1
                ? context.scores(p -> SelectionChecks.markNonFiniteRows(p, measure.score(p)))
                : context.mcScores(mc, p -> SelectionChecks.markNonFiniteRows(p, measure.score(p)));
        SelectionChecks.requireFiniteRows(name(), mc.samples() == 1 ? "probabilities" : "MC probabilities", scores);
        return scores;
    }

    /**
     * The score of every row of probabilities computed elsewhere, on their device.
     *
     * @param probabilities {@code (N, C)} or {@code (N, T, C)} float32
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
        return ScoreRanking.selectTop(name(), ids, scores(context), budget);
    }

    @Override
    public String toString() {
        return "UncertaintyStrategy{measure=" + name() + ", mcSamples=" + mc.samples() + ", mcScope="
                + mc.scope().name().toLowerCase(Locale.ROOT) + "}";
    }
}
