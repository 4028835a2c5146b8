/**
 * Label bookkeeping for a pool of items.
 *
 * <p>{@link dev.quarry.engine.pool.Pool} is one {@code labeledAtRound} array (0 = unlabeled, r =
 * labeled in round r; the initial set is round 1) and the labels the oracle gave. Ids are global
 * item ids; the pool's unlabeled ids come back in ascending order so that a strategy's position
 * ties break by the lower id. {@link dev.quarry.engine.pool.InitialSelection} draws the seeded
 * initial labeled set, uniformly or class-balanced.
 */
package dev.quarry.engine.pool;
