package dev.quarry.engine.strategy;

/** A strategy that ranks items by one score each, and can report those scores. */
public interface ScoringStrategy extends QueryStrategy {

    /**
     * The score of every unlabeled item of a context, in its order; higher is queried first.
     *
     * @param context the context
     * @return one finite score per unlabeled item
     */
    float[] scores(QueryContext context);
}
