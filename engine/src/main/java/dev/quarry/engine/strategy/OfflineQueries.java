package dev.quarry.engine.strategy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.errors.InvalidInputException;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Strategies on model outputs computed elsewhere, with no model and no loop: the Java side of
 * {@code quarry score} and {@code quarry select}. Ids are row indices. It selects through the same
 * {@link QueryRunner} as the loop, so a strategy behaves the same here and in a run.
 *
 * <pre>{@code
 * NDArray p = manager.create(probabilities, new Shape(n, t, c));   // (N, T, C) MC softmax outputs
 * float[] bald = OfflineQueries.score(Strategies.get("bald"), p);
 * long[] picks = OfflineQueries.select(Strategies.get("batch-bald"), p, 10, 42).ids();
 * }</pre>
 *
 * <p>With {@code (N, T, C)} input, strategies that score deterministic probabilities (margin, say)
 * score the MC mean {@code mean_t p}; MC strategies use the T passes given (a different {@code
 * mcSamples} is refused).
 */
public final class OfflineQueries {

    private OfflineQueries() {}

    /**
     * The score of every row.
     *
     * @param strategy a strategy with a scorer
     * @param probabilities {@code (N, C)} or {@code (N, T, C)} float32, checked (see {@link ProbabilityInputs})
     * @return N scores
     * @throws InvalidInputException if the strategy has no per-item score or needs other inputs
     */
    public static float[] score(QueryStrategy strategy, NDArray probabilities) {
        return score(strategy, new OfflineInputs(probabilities, null, new long[0]));
    }

    /**
     * The score of every row of outputs computed elsewhere, labeled rows included.
     *
     * @param strategy a strategy with a scorer
     * @param inputs the outputs its scorer reads (probabilities, embeddings or items)
     * @return N scores
     * @throws InvalidInputException if the strategy has no per-item score or needs other inputs
     */
    public static float[] score(QueryStrategy strategy, OfflineInputs inputs) {
        try (NDManager scope = manager(inputs)) {
            return QueryRunner.scores(strategy, inputs.outputs(), LongStream.range(0, inputs.rows()).toArray(), scope);
        }
    }

    /**
     * Selects rows.
     *
     * @param strategy any strategy that works on probabilities
     * @param probabilities {@code (N, C)} or {@code (N, T, C)} float32
     * @param budget how many rows
     * @param seed seeds stochastic strategies
     * @return row indices in pick order, with scores where the strategy has them
     */
    public static Selection select(QueryStrategy strategy, NDArray probabilities, int budget, long seed) {
        return select(strategy, new OfflineInputs(probabilities, null, new long[0]), budget, seed);
    }

    /**
     * Selects unlabeled rows of outputs computed elsewhere: probabilities, embeddings, items, with
     * some rows labeled (diversity strategies use the labeled rows' embeddings as centers).
     *
     * @param strategy any strategy
     * @param inputs the outputs and the labeled rows
     * @param budget how many rows
     * @param seed seeds stochastic strategies
     * @return row ids in pick order, with scores where the strategy has them
     */
    public static Selection select(QueryStrategy strategy, OfflineInputs inputs, int budget, long seed) {
        try (NDManager scope = manager(inputs)) {
            return QueryRunner.select(strategy, inputs.outputs(), inputs.unlabeled(), inputs.labeledAscending(), budget,
                    new SplittableRandom(seed), scope);
        }
    }

    /**
     * The score of every row of probabilities held in a Java array, computed on the CPU.
     *
     * @param strategy a strategy with a scorer
     * @param probabilities row-major values
     * @param shape {@code (N, C)} or {@code (N, T, C)}
     * @return N scores
     */
    public static float[] score(QueryStrategy strategy, float[] probabilities, long... shape) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            return score(strategy, checked(manager, probabilities, shape));
        }
    }

    /**
     * Selects rows of probabilities held in a Java array, computed on the CPU.
     *
     * @param strategy any strategy that works on probabilities
     * @param probabilities row-major values
     * @param budget how many rows
     * @param seed seeds stochastic strategies
     * @param shape {@code (N, C)} or {@code (N, T, C)}
     * @return row indices in pick order, with scores where the strategy has them
     */
    public static Selection select(QueryStrategy strategy, float[] probabilities, int budget, long seed, long... shape) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            return select(strategy, checked(manager, probabilities, shape), budget, seed);
        }
    }

    /** A manager for a query's arrays: a child of the inputs' own, or a CPU one for items alone. */
    private static NDManager manager(OfflineInputs inputs) {
        NDArray any = inputs.probabilities() != null ? inputs.probabilities() : inputs.embeddings();
        return any != null ? any.getManager().newSubManager() : NDManager.newBaseManager(Device.cpu());
    }

    private static NDArray checked(NDManager manager, float[] values, long[] shape) {
        long size = LongStream.of(shape).reduce(1, (a, b) -> a * b);
        if (size != values.length) {
            throw new InvalidInputException("Shape " + Arrays.toString(shape) + " needs " + size + " values but "
                    + values.length + " were given.");
        }
        return ProbabilityInputs.toQuarryLayout("probabilities", manager.create(values, new Shape(shape)),
                ProbabilityLayout.NTC);
    }
}
