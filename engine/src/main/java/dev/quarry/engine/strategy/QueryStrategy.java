package dev.quarry.engine.strategy;

import java.util.Set;

/**
 * Picks the unlabeled items worth labeling next.
 *
 * <p>Implementations are stateless and fully configured at construction; {@link #toString()}
 * prints that configuration (it is recorded in run reports and pinned by tests). {@link
 * #select(QueryContext, int)} returns {@code budget} distinct unlabeled global ids, in the order
 * they were picked, and must reject a budget outside {@code [1, unlabeled]} with a clear message
 * ({@link SelectionChecks#requireBudget}).
 */
public interface QueryStrategy {

    /**
     * The registry name, such as {@code margin}.
     *
     * @return the name
     */
    String name();

    /**
     * What the context must compute for this strategy.
     *
     * @return the requirements (never empty; {@link Requirement#NONE} for none)
     */
    Set<Requirement> requirements();

    /**
     * Selects items to label.
     *
     * @param context the round's pool, model outputs and seeded generator
     * @param budget how many items to select
     * @return the selection
     * @throws IllegalArgumentException for a budget outside {@code [1, unlabeled]} or non-finite
     *     model outputs
     */
    Selection select(QueryContext context, int budget);
}
