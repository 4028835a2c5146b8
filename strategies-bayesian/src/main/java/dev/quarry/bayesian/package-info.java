/**
 * Uncertainty and MC-dropout query strategies.
 *
 * <p>Each strategy reduces model outputs to one score per unlabeled item on the context's device,
 * brings only those N scores back to the host, and takes the top B with ties broken by the lower
 * global id. Probabilities are clamped into [0, 1] before scoring; a NaN or infinite probability is
 * an error naming the strategy and the number of bad rows, never patched.
 *
 * <p>This module depends on {@code engine} only (never on {@code strategies-diversity}) and
 * registers its strategies through {@code META-INF/services}. Shipped now: {@code
 * least-confidence}, {@code margin}, {@code entropy}; the MC-dropout family (BALD, BatchBALD,
 * stochastic batch acquisition) builds on the same {@link dev.quarry.bayesian.UncertaintyMeasure}.
 */
package dev.quarry.bayesian;
