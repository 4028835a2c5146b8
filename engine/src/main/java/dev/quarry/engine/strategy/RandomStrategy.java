package dev.quarry.engine.strategy;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Uniform sampling without replacement: the baseline every strategy must beat. It needs no model
 * output; the draw comes only from the context's seeded generator.
 */
public final class RandomStrategy implements QueryStrategy {

    /** The registry name. */
    public static final String NAME = "random";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Requirement> requirements() {
        return EnumSet.of(Requirement.NONE);
    }

    @Override
    public Selection select(QueryContext context, int budget) {
        long[] ids = context.unlabeledIds();
        SelectionChecks.requireBudget(NAME, budget, ids.length);
        // Partial Fisher–Yates over positions: the first `budget` slots are the picks, in draw order.
        int[] positions = new int[ids.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        SplittableRandom random = context.random();
        long[] picked = new long[budget];
        for (int i = 0; i < budget; i++) {
            int j = i + random.nextInt(positions.length - i);
            int t = positions[i];
            positions[i] = positions[j];
            positions[j] = t;
            picked[i] = ids[positions[i]];
        }
        return Selection.of(picked);
    }

    @Override
    public String toString() {
        return "RandomStrategy{}";
    }
}
