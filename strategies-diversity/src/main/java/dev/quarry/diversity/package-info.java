/**
 * Embedding-space query strategies: k-center greedy (Core-Set), k-means, BADGE, ProbCover,
 * TypiClust, cluster-margin and uncertainty-prefiltered hybrids.
 *
 * <p>Ownership: strategies here consume pool (and labeled) embeddings through {@code
 * dev.quarry.engine.strategy.QueryContext} and use the engine's shared device kernels (blocked
 * pairwise distances, top-k). This module never depends on {@code strategies-bayesian}; whatever
 * both need lives in {@code engine}. The strategies are registered by name through {@code
 * META-INF/services}. This module is empty until the diversity work lands (see the issue
 * "strategies-diversity").
 */
package dev.quarry.diversity;
