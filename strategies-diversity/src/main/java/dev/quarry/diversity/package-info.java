/**
 * Embedding-space query strategies: k-center greedy (Core-Set), k-means, BADGE, ProbCover,
 * TypiClust, cluster-margin and the uncertainty-then-k-center hybrid.
 *
 * <p>They are selectors: they declare pool (and labeled) embeddings, read them from the round's
 * {@code RoundInputs}, and build on the engine's device kernels ({@code dev.quarry.engine.kernels}):
 * blocked pairwise distances, greedy k-center on the device or pruned on the host. No strategy
 * builds an N × N matrix: distances come in memory-bounded blocks, ProbCover's graph is a sparse
 * adjacency list, BADGE factorizes its gradient-embedding distances. On a CPU with the JDK's Vector
 * API, ProbCover's graph, k-means and TypiClust's typicality run as host kernels ({@code HostRows},
 * {@code HostBallGraph}, {@code HostKMeans}), pruned by the triangle inequality and multi-threaded;
 * they are loaded only behind {@code VectorApi.runsOn}, so a JVM without the incubator module runs
 * the device path. Stochastic steps draw only from
 * the round's seeded generator. Cluster-margin and the hybrid pre-filter by a score, so the loop
 * computes embeddings for their candidates only.
 *
 * <p>This module depends on {@code engine} only, never on {@code strategies-bayesian}; the hybrid
 * finds its uncertainty score by name in the registry at run time. Strategies are registered
 * through {@code META-INF/services}.
 */
package dev.quarry.diversity;
