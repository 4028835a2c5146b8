/**
 * The query-strategy SPI: scorers, selectors, the one query path, and the registry.
 *
 * <p>A {@link dev.quarry.engine.strategy.QueryStrategy} is an optional {@link
 * dev.quarry.engine.strategy.Scorer} and a {@link dev.quarry.engine.strategy.Selector}, as BaaL
 * divides a heuristic into score and selection. A scorer declares its {@link
 * dev.quarry.engine.strategy.Input} (class probabilities, MC probabilities with T, scope and mask
 * sharing, embeddings, the items themselves) and reduces one chunk of it to one score per row; a
 * selector declares the whole inputs it reads and picks from an immutable {@link
 * dev.quarry.engine.strategy.RoundInputs}. Declarations are load-bearing: {@link
 * dev.quarry.engine.strategy.QueryRunner} checks them up front, computes exactly them from a
 * {@link dev.quarry.engine.strategy.ModelOutputs} (the loop's model over the pool, or {@link
 * dev.quarry.engine.strategy.OfflineQueries}' arrays computed elsewhere), streams the scorer's input
 * chunk by chunk so that only N scores reach the host, checks the budget and every value, and checks
 * the selection. Strategies never see pool positions: every id is a global item id, and top-k
 * breaks ties by the lower id ({@link dev.quarry.engine.strategy.ScoreRanking}).
 *
 * <p>Strategies are found by name: a module (or a research project) lists its {@link
 * dev.quarry.engine.strategy.StrategyProvider} in {@code
 * META-INF/services/dev.quarry.engine.strategy.StrategyProvider}, or registers a {@link
 * dev.quarry.engine.strategy.StrategySpec} in code ({@link
 * dev.quarry.engine.strategy.Strategies#register}). Each strategy's options are a record whose
 * components carry {@link dev.quarry.engine.strategy.Option}; {@link
 * dev.quarry.engine.strategy.StrategyOptions} is the one parser. Every strategy also takes {@code
 * maxPool} (a seeded subset of the pool per round). The engine itself provides {@code random}.
 */
package dev.quarry.engine.strategy;
