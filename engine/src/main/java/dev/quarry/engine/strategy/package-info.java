/**
 * The query-strategy SPI and its registry.
 *
 * <p>A {@link dev.quarry.engine.strategy.QueryStrategy} is stateless and configured at
 * construction; it declares what it needs ({@link dev.quarry.engine.strategy.Requirement}), reads
 * it from a {@link dev.quarry.engine.strategy.QueryContext} that computes each requirement lazily,
 * once, on the context's device, and returns a {@link dev.quarry.engine.strategy.Selection} of
 * distinct global ids in pick order. Top-k selections break ties by the lower global id ({@link
 * dev.quarry.engine.strategy.ScoreRanking}).
 *
 * <p>Strategies are found by name through {@link java.util.ServiceLoader}: a module (or a
 * research project) lists its {@link dev.quarry.engine.strategy.StrategyProvider} in {@code
 * META-INF/services/dev.quarry.engine.strategy.StrategyProvider}, and {@link
 * dev.quarry.engine.strategy.Strategies#get(String, java.util.Map)} builds one, failing with the
 * list of known names or options. The engine itself provides {@code random}.
 */
package dev.quarry.engine.strategy;
