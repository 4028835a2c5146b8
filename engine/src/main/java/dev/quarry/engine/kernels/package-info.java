/**
 * Device kernels the strategy modules share: blocked pairwise distances and RBF blocks, and greedy
 * k-center, as NDArray operations that run on the arrays' device in memory-bounded blocks, never
 * materializing an N × N matrix. Plain-Java k-center implementations sit beside them: the exact
 * baseline and a triangle-inequality-pruned version that returns the same picks. {@link
 * dev.quarry.engine.kernels.HostCopy} reads arrays of any size to the heap for them.
 */
package dev.quarry.engine.kernels;
