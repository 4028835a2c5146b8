package dev.quarry.engine.strategy;

import ai.djl.ndarray.NDManager;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Pool subsampling: the wrapped strategy sees a seeded random subset of at most {@code maxPool}
 * unlabeled items instead of the whole pool, which bounds the cost of expensive strategies
 * (BatchBALD, MC inference on huge pools). The subset's ids are global, so picks need no mapping.
 * With {@code maxPool} at least the pool size it is the wrapped strategy itself.
 */
public final class SubsampledStrategy implements QueryStrategy {

    /** The option every strategy accepts through the registry. */
    public static final String OPTION = "maxPool";

    private final QueryStrategy base;
    private final int maxPool;

    /**
     * Wraps a strategy.
     *
     * @param base the strategy that selects from the subset
     * @param maxPool the subset size, >= 1
     */
    public SubsampledStrategy(QueryStrategy base, int maxPool) {
        this.base = Objects.requireNonNull(base, "base");
        if (maxPool < 1) {
            throw new IllegalArgumentException("Option maxPool " + maxPool + " must be >= 1.");
        }
        this.maxPool = maxPool;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public Set<Requirement> requirements() {
        return base.requirements();
    }

    @Override
    public Selection select(QueryContext context, int budget) {
        int n = context.unlabeledIds().length;
        SelectionChecks.requireBudget(name(), budget, Math.min(n, maxPool));
        if (maxPool >= n) {
            return base.select(context, budget);
        }
        int[] positions = sample(n, maxPool, context.random());
        try (NDManager view = context.manager().newSubManager()) {
            return base.select(context.restrictTo(positions, view), budget);
        }
    }

    /** A uniform subset of positions (partial Fisher–Yates), sorted so ties still break by the lower id. */
    static int[] sample(int n, int k, SplittableRandom random) {
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] picked = Arrays.copyOf(all, k);
        Arrays.sort(picked);
        return picked;
    }

    @Override
    public String toString() {
        return "SubsampledStrategy{maxPool=" + maxPool + ", base=" + base + "}";
    }
}
