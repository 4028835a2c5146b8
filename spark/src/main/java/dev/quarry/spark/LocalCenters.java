package dev.quarry.spark;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.kernels.KCenterJava;
import dev.quarry.engine.kernels.KCenterPicks;
import dev.quarry.engine.kernels.PairwiseDistances;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;

import scala.Tuple2;

/**
 * Round 1 of the composable k-center coreset, on one partition of the pool's embeddings: greedy
 * k-center (farthest first, seeded with the labeled embeddings) to {@code perPartition} local
 * centers, emitted with their embeddings.
 *
 * @param centers the labeled embeddings, row-major {@code (L, d)}
 * @param width d
 * @param perPartition m, the local centers per partition
 */
record LocalCenters(float[] centers, int width, int perPartition)
        implements FlatMapFunction<Iterator<Tuple2<Long, float[]>>, Tuple2<Long, float[]>>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<Long, float[]>> call(Iterator<Tuple2<Long, float[]>> rows) {
        List<Long> ids = new ArrayList<>();
        float[] x = PartitionEmbeddings.flatten(rows, ids, width);
        if (ids.isEmpty()) {
            return List.<Tuple2<Long, float[]>>of().iterator();
        }
        KCenterPicks picks = greedy(x, width, centers, Math.min(perPartition, ids.size()), ExecutorDevice.current());
        List<Tuple2<Long, float[]>> out = new ArrayList<>();
        for (int p : picks.positions()) {
            out.add(new Tuple2<>(ids.get(p), Arrays.copyOfRange(x, p * width, (p + 1) * width)));
        }
        return out.iterator();
    }

    /**
     * Greedy k-center over rows, seeded with centers: the engine's accelerated host kernel, each row's
     * nearest center found in memory-bounded blocks.
     *
     * @param x {@code (N, d)} row-major
     * @param d the width
     * @param centers {@code (L, d)} row-major, L may be 0
     * @param budget how many to pick
     * @param device where the nearest centers are computed
     * @return the picks
     */
    static KCenterPicks greedy(float[] x, int d, float[] centers, int budget, Device device) {
        int n = x.length / d;
        int[] owner = new int[n];
        if (centers.length > 0) {
            try (NDManager manager = NDManager.newBaseManager(device)) {
                NDArray rows = manager.create(x, new Shape(n, d));
                NDArray seeds = manager.create(centers, new Shape(centers.length / d, d));
                owner = PairwiseDistances.nearest(rows, seeds, PairwiseDistances.DEFAULT_BUDGET_BYTES);
            }
        }
        return KCenterJava.accelerated(x, d, centers, owner, budget);
    }

    /**
     * Each row's squared distance to its nearest center, the largest of them: the radius a set of
     * centers achieves on these rows.
     *
     * @param x {@code (N, d)} row-major
     * @param d the width
     * @param all {@code (K, d)} row-major centers
     * @param device where it is computed
     * @return the largest squared distance
     */
    static float farthestSquared(float[] x, int d, float[] all, Device device) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            NDArray rows = manager.create(x, new Shape(x.length / d, d));
            NDArray seeds = manager.create(all, new Shape(all.length / d, d));
            return PairwiseDistances.minSquared(rows, seeds, PairwiseDistances.DEFAULT_BUDGET_BYTES).max().getFloat();
        }
    }
}
