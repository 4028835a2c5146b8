package dev.quarry.diversity;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.PrecomputedQueryContext;
import dev.quarry.engine.strategy.QueryContext;

import java.util.Random;
import java.util.SplittableRandom;

/** Contexts over given embeddings for the strategy tests; ids are 100 + row. */
final class Contexts {

    private Contexts() {}

    static long[] ids(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 100 + i;
        }
        return ids;
    }

    static QueryContext of(NDManager m, float[] pool, float[] labeled, int d, float[] probabilities, int classes, long seed) {
        int n = pool.length / d;
        PrecomputedQueryContext.Builder b = PrecomputedQueryContext.builder().setUnlabeledIds(ids(n))
                .optLabeledIds(new long[labeled.length / d]).setManager(m).setRandom(new SplittableRandom(seed))
                .optEmbeddings(m.create(pool, new Shape(n, d)))
                .optLabeledEmbeddings(m.create(labeled, new Shape(labeled.length / d, d)));
        if (probabilities != null) {
            b.optProbabilities(m.create(probabilities, new Shape(n, classes)));
        }
        return b.build();
    }

    /** n points around each of the given centers, with Gaussian noise of the given scale. */
    static float[] blobs(Random r, float[][] centers, int perCenter, double noise) {
        int d = centers[0].length;
        float[] out = new float[centers.length * perCenter * d];
        int row = 0;
        for (float[] center : centers) {
            for (int i = 0; i < perCenter; i++, row++) {
                for (int j = 0; j < d; j++) {
                    out[row * d + j] = center[j] + (float) (r.nextGaussian() * noise);
                }
            }
        }
        return out;
    }
}
