package dev.quarry.engine.strategy;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A strategy that picks among other strategies each round (TAILOR): the loop runs each of its
 * candidates as it would run them alone, and the meta-selector combines their batches using what
 * the run learned from the labels of earlier rounds ({@link SelectionHistory}). It keeps no state of
 * its own: everything it knows is recomputed from the history, so a resumed run picks the same.
 */
public interface MetaSelector {

    /**
     * The strategies it chooses among, each run on its own every round.
     *
     * @return the candidates, distinct names
     */
    List<QueryStrategy> candidates();

    /**
     * Combines the candidates' batches.
     *
     * @param batches each candidate's batch of {@code budget} picks, in {@link #candidates()} order
     * @param history the run's earlier selections and the labels they got
     * @param budget B
     * @param random the round's seeded generator of the meta-strategy
     * @return B distinct ids drawn from the batches, in pick order; each pick's score says which
     *     candidate chose it (its index), which the next rounds' history reads back
     */
    Selection combine(List<Selection> batches, SelectionHistory history, int budget, SplittableRandom random);
}
