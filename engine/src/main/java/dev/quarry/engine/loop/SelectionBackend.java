package dev.quarry.engine.loop;

import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.strategy.QueryRunner;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Where a round's selection runs: in this process ({@link #LOCAL}, the engine's query path), or on
 * a cluster that scores the pool in parts (the Spark module's). The loop trains and checkpoints the
 * same way either way; a backend must pick what {@link #LOCAL} picks for the strategies it runs (and
 * refuse the others), so a run may move between them and resume.
 */
@FunctionalInterface
public interface SelectionBackend {

    /** The engine's own query path, in this process. */
    SelectionBackend LOCAL = (round, strategy, learner, pool, unlabeled, labeled, budget, mcSeed, random, manager) ->
            QueryRunner.select(strategy, new LearnerOutputs(learner, pool, mcSeed), unlabeled, labeled, budget, random,
                    manager);

    /**
     * Selects a round's batch.
     *
     * @param round the round
     * @param strategy the strategy
     * @param learner the round's trained model
     * @param pool the pool
     * @param unlabeled the unlabeled ids, ascending
     * @param labeled the labeled ids, ascending
     * @param budget how many
     * @param mcSeed the seed of MC-dropout masks
     * @param random the round's generator, derived from (run seed, round, strategy)
     * @param manager the parent of the round's arrays
     * @return the batch
     * @throws IOException if a backend's files cannot be written (a saved model, a pool table)
     */
    Selection select(int round, QueryStrategy strategy, Learner learner, ItemSource pool, long[] unlabeled,
            long[] labeled, int budget, long mcSeed, SplittableRandom random, NDManager manager) throws IOException;
}
