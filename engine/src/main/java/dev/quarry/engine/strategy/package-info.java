/**
 * The query-strategy SPI and its registry.
 *
 * <p>A {@link dev.quarry.engine.strategy.QueryStrategy} is stateless and configured at
 * construction; it declares what it needs ({@link dev.quarry.engine.strategy.Requirement}), reads
 * it from a {@link dev.quarry.engine.strategy.QueryContext}, and returns a {@link
 * dev.quarry.engine.strategy.Selection} of distinct global ids in pick order. A context computes
 * each model output lazily, once, on its device, and reduces outputs to per-item scores chunk by
 * chunk ({@code scores}, {@code mcScores}) so that only N scores reach the host. Top-k selections
 * break ties by the lower global id ({@link dev.quarry.engine.strategy.ScoreRanking}).
 *
 * <p>Strategies are found by name through {@link java.util.ServiceLoader}: a module (or a
 * research project) lists its {@link dev.quarry.engine.strategy.StrategyProvider} in {@code
 * META-INF/services/dev.quarry.engine.strategy.StrategyProvider}, and {@link
 * dev.quarry.engine.strategy.Strategies#get(String, java.util.Map)} builds one, failing with the
 * list of known names or options. Every strategy also takes {@code maxPool} ({@link
 * dev.quarry.engine.strategy.SubsampledStrategy}). The engine itself provides {@code random}.
 *
 * <p>{@link dev.quarry.engine.strategy.OfflineQueries} runs strategies on outputs computed elsewhere
 * (checked by {@link dev.quarry.engine.strategy.ProbabilityInputs}), which is what {@code quarry
 * score} and {@code quarry select} do with {@code .npy} files.
 */
package dev.quarry.engine.strategy;
