package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;

import dev.quarry.engine.strategy.QueryContext;
import dev.quarry.engine.strategy.SelectionChecks;

/** Checks and transforms of embeddings that every diversity strategy shares. */
final class DiversityInputs {

    private DiversityInputs() {}

    /**
     * The inputs of an embedding query, checked.
     *
     * @param ids global ids of the unlabeled items, in pool order
     * @param pool their embeddings {@code (N, d)}
     * @param labeled the labeled items' embeddings {@code (L, d)}, or null when not asked for
     */
    record Query(long[] ids, NDArray pool, NDArray labeled) {}

    /**
     * Reads and checks a query's embeddings and budget.
     *
     * @param strategy the strategy's name, for messages
     * @param context the query
     * @param budget B
     * @param withLabeled whether the labeled items' embeddings are needed
     * @return the inputs
     */
    static Query read(String strategy, QueryContext context, int budget, boolean withLabeled) {
        long[] ids = context.unlabeledIds();
        SelectionChecks.requireBudget(strategy, budget, ids.length);
        NDArray pool = context.embeddings();
        NDArray labeled = withLabeled ? context.labeledEmbeddings() : null;
        check(strategy, pool, labeled);
        return new Query(ids, pool, labeled);
    }

    /**
     * The inputs of a query that mixes uncertainty and embeddings, checked.
     *
     * @param ids global ids of the unlabeled items, in pool order
     * @param probabilities their class probabilities {@code (N, C)}
     * @param pool their embeddings {@code (N, d)}
     */
    record ScoredQuery(long[] ids, NDArray probabilities, NDArray pool) {}

    /**
     * Reads and checks a query's probabilities, embeddings and budget.
     *
     * @param strategy the strategy's name, for messages
     * @param context the query
     * @param budget B
     * @return the inputs
     */
    static ScoredQuery readScored(String strategy, QueryContext context, int budget) {
        long[] ids = context.unlabeledIds();
        SelectionChecks.requireBudget(strategy, budget, ids.length);
        NDArray probabilities = context.probabilities();
        NDArray pool = context.embeddings();
        SelectionChecks.requireFinite(strategy, "probabilities", probabilities);
        check(strategy, pool, null);
        return new ScoredQuery(ids, probabilities, pool);
    }

    /**
     * Checks pool and labeled embeddings: finite, same width.
     *
     * @param strategy the strategy's name
     * @param pool {@code (N, d)}
     * @param labeled {@code (L, d)}, L may be 0
     */
    static void check(String strategy, NDArray pool, NDArray labeled) {
        SelectionChecks.requireFinite(strategy, "embeddings", pool);
        if (labeled != null && labeled.getShape().get(0) > 0) {
            SelectionChecks.requireFinite(strategy, "labeled embeddings", labeled);
            if (labeled.getShape().get(1) != pool.getShape().get(1)) {
                throw new IllegalArgumentException("Strategy '" + strategy + "': labeled embeddings have width "
                        + labeled.getShape().get(1) + " but the pool's have " + pool.getShape().get(1) + ".");
            }
        }
    }

    /**
     * Rows scaled to unit length (zero rows stay zero).
     *
     * @param x {@code (N, d)}
     * @return {@code (N, d)}
     */
    static NDArray normalized(NDArray x) {
        NDArray norms = x.square().sum(new int[] {1}, true).sqrt().clip(1e-12f, Float.MAX_VALUE);
        return x.div(norms);
    }

    /**
     * Whether there are labeled rows.
     *
     * @param labeled {@code (L, d)} or null
     * @return true if L > 0
     */
    static boolean any(NDArray labeled) {
        return labeled != null && labeled.getShape().get(0) > 0;
    }
}
