package dev.quarry.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.FlatMapFunction;

import scala.Tuple2;

/**
 * The certificate pass of distributed k-center, on one partition of the pool's embeddings: the
 * largest distance from an unlabeled row to its nearest center (labeled or picked), squared.
 *
 * @param centers every center's embedding, row-major
 * @param width d
 */
record CoverageRadius(float[] centers, int width)
        implements FlatMapFunction<Iterator<Tuple2<Long, float[]>>, Float>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Float> call(Iterator<Tuple2<Long, float[]>> rows) {
        List<Long> ids = new ArrayList<>();
        float[] x = PartitionEmbeddings.flatten(rows, ids, width);
        if (ids.isEmpty()) {
            return List.<Float>of().iterator();
        }
        return List.of(LocalCenters.farthestSquared(x, width, centers, ExecutorDevice.current())).iterator();
    }
}
