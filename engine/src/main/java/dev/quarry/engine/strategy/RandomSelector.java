package dev.quarry.engine.strategy;

import dev.quarry.engine.data.Shuffle;

import java.util.Set;

/**
 * Uniform sampling without replacement ({@code random}): the baseline every strategy must beat. It
 * reads nothing; the draw comes only from the round's seeded generator.
 */
public final class RandomSelector implements Selector {

    /** The registry name. */
    public static final String NAME = "random";

    @Override
    public Set<Input> inputs() {
        return Set.of();
    }

    @Override
    public Selection select(RoundInputs round, int budget) {
        return Selection.of(round.idsAt(Shuffle.draw(round.size(), budget, round.random())));
    }

    @Override
    public String toString() {
        return "uniform";
    }
}
