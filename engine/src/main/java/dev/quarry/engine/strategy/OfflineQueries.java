package dev.quarry.engine.strategy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Strategies on model outputs computed elsewhere, with no model and no loop: the Java side of
 * {@code quarry score} and {@code quarry select}. Ids are row indices.
 *
 * <pre>{@code
 * NDArray p = manager.create(probabilities, new Shape(n, t, c));   // (N, T, C) MC softmax outputs
 * float[] bald = OfflineQueries.score(Strategies.get("bald"), p);
 * long[] picks = OfflineQueries.select(Strategies.get("batch-bald"), p, 10, 42).ids();
 * }</pre>
 *
 * <p>With {@code (N, T, C)} input, strategies that score deterministic probabilities (margin with
 * {@code mcSamples=1}, say) score the MC mean {@code mean_t p}.
 */
public final class OfflineQueries {

    private OfflineQueries() {}

    /**
     * The score of every row.
     *
     * @param strategy a strategy with per-item scores
     * @param probabilities {@code (N, C)} or {@code (N, T, C)} float32, checked (see {@link ProbabilityInputs})
     * @return N scores
     * @throws IllegalArgumentException if the strategy has no per-item score
     */
    public static float[] score(QueryStrategy strategy, NDArray probabilities) {
        if (!(strategy instanceof ScoringStrategy scoring)) {
            throw new IllegalArgumentException("Strategy '" + strategy.name() + "' selects batches without one score per "
                    + "item; use select instead.");
        }
        try (NDManager scope = probabilities.getManager().newSubManager()) {
            return scoring.scores(context(probabilities, 0, scope));
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
        try (NDManager scope = probabilities.getManager().newSubManager()) {
            return strategy.select(context(probabilities, seed, scope), budget);
        }
    }

    /**
     * Selects unlabeled rows of outputs computed elsewhere: probabilities, embeddings or both, with
     * some rows labeled (diversity strategies use the labeled rows' embeddings as centers).
     *
     * @param strategy any strategy
     * @param inputs the outputs and the labeled rows
     * @param budget how many rows
     * @param seed seeds stochastic strategies
     * @return row ids in pick order, with scores where the strategy has them
     */
    public static Selection select(QueryStrategy strategy, OfflineInputs inputs, int budget, long seed) {
        NDArray any = inputs.probabilities() != null ? inputs.probabilities() : inputs.embeddings();
        try (NDManager scope = any.getManager().newSubManager()) {
            return strategy.select(inputs.context(seed, scope), budget);
        }
    }

    /**
     * The score of every row of probabilities held in a Java array, computed on the CPU.
     *
     * @param strategy a strategy with per-item scores
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

    private static NDArray checked(NDManager manager, float[] values, long[] shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " needs " + size
                    + " values but " + values.length + " were given.");
        }
        return ProbabilityInputs.toQuarryLayout("probabilities", manager.create(values, new Shape(shape)),
                ProbabilityLayout.NTC);
    }

    private static QueryContext context(NDArray probabilities, long seed, NDManager scope) {
        long rows = probabilities.getShape().get(0);
        PrecomputedQueryContext.Builder b = PrecomputedQueryContext.builder()
                .setUnlabeledIds(LongStream.range(0, rows).toArray())
                .setManager(scope)
                .setRandom(new SplittableRandom(seed));
        if (probabilities.getShape().dimension() == 3) {
            scope.tempAttachAll(probabilities);
            b.optMcProbabilities(probabilities).optProbabilities(probabilities.mean(new int[] {1}));
        } else {
            b.optProbabilities(probabilities);
        }
        return b.build();
    }
}
