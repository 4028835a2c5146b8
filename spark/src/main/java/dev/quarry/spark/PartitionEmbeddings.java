package dev.quarry.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

import scala.Tuple2;

/**
 * The model's embedding of every unlabeled row of a partition, computed once per job and kept by
 * Spark for the passes that read it (k-center's local greedy and its certificate).
 *
 * @param modelFile the name the model directory was shipped under
 * @param metadata what the pool's rows are
 * @param labeled the labeled ids, skipped
 */
record PartitionEmbeddings(String modelFile, SparkPool.Metadata metadata, Set<Long> labeled)
        implements FlatMapFunction<Iterator<Row>, Tuple2<Long, float[]>>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<Long, float[]>> call(Iterator<Row> rows) throws Exception {
        return PartitionRows.withModel(rows, metadata, labeled, modelFile, (part, model, device) -> {
            float[] x = part.embeddings(model, device);
            int width = x.length / part.ids().size();
            List<Tuple2<Long, float[]>> out = new ArrayList<>(part.ids().size());
            for (int i = 0; i < part.ids().size(); i++) {
                out.add(new Tuple2<>(part.ids().get(i), Arrays.copyOfRange(x, i * width, (i + 1) * width)));
            }
            return out;
        });
    }

    /**
     * A partition's embeddings as one row-major array.
     *
     * @param rows the partition's (id, embedding) pairs
     * @param ids where their ids go, in order
     * @param width d
     * @return {@code (ids.size(), d)} row-major
     */
    static float[] flatten(Iterator<Tuple2<Long, float[]>> rows, List<Long> ids, int width) {
        List<float[]> rowsList = new ArrayList<>();
        while (rows.hasNext()) {
            Tuple2<Long, float[]> row = rows.next();
            ids.add(row._1());
            rowsList.add(row._2());
        }
        float[] x = new float[rowsList.size() * width];
        for (int i = 0; i < rowsList.size(); i++) {
            System.arraycopy(rowsList.get(i), 0, x, i * width, width);
        }
        return x;
    }
}
