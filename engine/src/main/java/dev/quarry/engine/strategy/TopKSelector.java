package dev.quarry.engine.strategy;

import dev.quarry.engine.data.Rows;

import java.util.Set;

/** The {@code budget} highest scores, best first; equal scores go to the lower id ({@link ScoreRanking}). */
public final class TopKSelector implements Selector {

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
        int[] top = ScoreRanking.topK(scores, budget);
        return new Selection(round.idsAt(top), Rows.valuesAt(scores, top));
    }

    @Override
    public String toString() {
        return "top-k";
    }
}
