/**
 * Uncertainty and MC-dropout query strategies.
 *
 * <p>{@link dev.quarry.bayesian.UncertaintyMeasure} holds the six scores (least confidence, margin,
 * entropy, BALD, variation ratio, mean-std) as NDArray reductions; {@link
 * dev.quarry.bayesian.UncertaintyScorer} makes one a scorer over the deterministic probabilities or T
 * MC-dropout passes, which the loop reduces chunk by chunk on the device so that only N scores reach
 * the host; the registry takes the top B of it. On a CPU with the JDK's Vector API the scorer runs
 * {@link dev.quarry.bayesian.VectorUncertaintyKernel} instead, the same scores as one read of each
 * cache-sized block ({@code -Dquarry.cpu.vectorKernels=false} returns to the NDArray reductions). {@link dev.quarry.bayesian.StochasticSelector}
 * samples the batch with weights from those scores (power, softmax, softrank); {@link
 * dev.quarry.bayesian.BatchBaldSelector} grows it greedily by joint mutual information over shared
 * dropout masks. Probabilities are clamped into [0, 1] before scoring; a NaN or infinite
 * probability is an error naming the strategy and the number of bad rows, never patched.
 *
 * <p>This module depends on {@code engine} only (never on {@code strategies-diversity}) and
 * registers its strategies through {@code META-INF/services}.
 */
package dev.quarry.bayesian;
