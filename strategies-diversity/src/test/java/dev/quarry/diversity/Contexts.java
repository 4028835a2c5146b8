package dev.quarry.diversity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.strategy.OfflineInputs;
import dev.quarry.engine.strategy.OfflineQueries;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;

/** Selections over given embeddings for the strategy tests, through the offline path; ids are 100 + row. */
final class Contexts {

    private Contexts() {}

    /**
     * Selects among the pool rows, the labeled rows' embeddings being the labeled embeddings. The
     * arrays' manager is capped, so a strategy that leaves an array in it fails the test.
     */
    static Selection select(QueryStrategy strategy, float[] pool, float[] labeled, int d, float[] probabilities,
            int classes, int budget, long seed) {
        int n = pool.length / d;
        int l = labeled.length / d;
        try (NDManager m = NDManager.newBaseManager()) {
            float[] rows = Arrays.copyOf(pool, pool.length + labeled.length);
            System.arraycopy(labeled, 0, rows, pool.length, labeled.length);
            NDArray embeddings = m.create(rows, new Shape(n + l, d));
            NDArray p = null;
            if (probabilities != null) {
                float[] all = Arrays.copyOf(probabilities, (n + l) * classes);
                Arrays.fill(all, probabilities.length, all.length, 1f / classes); // the labeled rows' are never read
                p = m.create(all, new Shape(n + l, classes));
            }
            m.cap();
            Selection s = OfflineQueries.select(strategy, new OfflineInputs(p, embeddings,
                    LongStream.range(n, n + l).toArray()), budget, seed);
            return new Selection(Arrays.stream(s.ids()).map(id -> 100 + id).toArray(), s.scores());
        }
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
