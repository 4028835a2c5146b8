package dev.quarry.engine.strategy;

import java.util.Optional;
import java.util.Set;

/**
 * Picks a batch from what the loop computed for the round ({@link RoundInputs}): top-k of the
 * scores, a sample weighted by them, k-center on embeddings, coverage, clustering, BatchBALD's joint
 * selection. It declares the whole inputs it reads beyond the scores; the loop computes them before
 * {@link #select} and checks the budget, so a selector only selects.
 *
 * <p>Selectors are stateless and draw only from {@link RoundInputs#random()}. They return {@code
 * budget} distinct ids of {@link RoundInputs#ids()}, in pick order.
 */
public interface Selector {

    /**
     * The whole inputs the selector reads, besides the scores.
     *
     * @return the inputs, possibly empty
     */
    Set<Input> inputs();

    /**
     * Whether the selector reads the strategy's scores; the strategy then needs a {@link Scorer}.
     *
     * @return true if it does
     */
    default boolean usesScores() {
        return false;
    }

    /**
     * How many of the highest-scoring rows the selector chooses among (a pre-filter, as the
     * uncertainty-then-diversity hybrids have): the loop keeps only those rows, in ascending id
     * order, before computing the selector's inputs. All rows by default.
     *
     * @param budget B
     * @param rows the rows available
     * @return how many to keep, in {@code [budget, rows]}
     */
    default int candidates(int budget, int rows) {
        return rows;
    }

    /**
     * Selects.
     *
     * @param round the round's rows and declared inputs
     * @param budget B, already checked to be in {@code [1, rows]}
     * @return B distinct ids of {@code round.ids()}, in pick order
     */
    Selection select(RoundInputs round, int budget);

    /**
     * The meta-selection this selector stands for, when it chooses among other strategies instead of
     * selecting from inputs itself: the loop then runs its candidates and has it combine them.
     *
     * @return the meta-selector, empty for ordinary selectors
     */
    default Optional<MetaSelector> meta() {
        return Optional.empty();
    }
}
