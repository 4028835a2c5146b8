package dev.quarry.spark;

import ai.djl.ndarray.NDManager;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * BADGE's gradient embedding of every unlabeled row of a partition, in factored form ({@link
 * GradientItem}): the model's probabilities and embeddings, computed once per job.
 *
 * @param modelFile the name the model directory was shipped under
 * @param metadata what the pool's rows are
 * @param labeled the labeled ids, skipped
 */
record PartitionGradients(String modelFile, SparkPool.Metadata metadata, Set<Long> labeled)
        implements FlatMapFunction<Iterator<Row>, GradientItem>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<GradientItem> call(Iterator<Row> rows) throws Exception {
        return PartitionRows.withModel(rows, metadata, labeled, modelFile, (part, model, device) -> {
            float[] h = part.embeddings(model, device);
            float[] p;
            try (NDManager manager = NDManager.newBaseManager(device)) {
                p = model.probabilities(part.items(), part.localIds(), manager).toFloatArray();
            }
            int n = part.ids().size();
            int d = h.length / n;
            int classes = model.numClasses();
            List<GradientItem> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(GradientItem.of(part.ids().get(i), Arrays.copyOfRange(p, i * classes, (i + 1) * classes),
                        Arrays.copyOfRange(h, i * d, (i + 1) * d)));
            }
            return out;
        });
    }
}
