package dev.quarry.engine.kernels;

/**
 * What a k-center greedy selected.
 *
 * @param positions pool positions, in pick order
 * @param distances each pick's Euclidean distance to its nearest center when it was picked (with no
 *     labeled centers, the first pick's distance to the pool mean)
 */
public record KCenterPicks(int[] positions, float[] distances) {}
