package dev.quarry.spark;

import ai.djl.Device;

import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.model.ModelCard;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * The certificate pass of distributed k-center, on one partition: the largest distance from an
 * unlabeled row to its nearest center (labeled or picked), squared.
 *
 * @param modelFile the name the model directory was shipped under
 * @param metadata what the pool's rows are
 * @param labeled the labeled ids, skipped (they are centers)
 * @param centers every center's embedding, row-major
 * @param width d
 */
record CoverageRadius(String modelFile, SparkPool.Metadata metadata, Set<Long> labeled, float[] centers, int width)
        implements FlatMapFunction<Iterator<Row>, Float>, Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Float> call(Iterator<Row> rows) throws Exception {
        Device device = ExecutorDevice.current();
        InferenceOptions inference = InferenceOptions.defaultsFor(device);
        PartitionRows part = PartitionRows.read(rows, metadata, labeled, inference);
        if (part == null) {
            return List.<Float>of().iterator();
        }
        try (Learner model = ModelCard.load(Path.of(SparkFiles.get(modelFile)), inference, device)) {
            return List.of(LocalCenters.farthestSquared(part.embeddings(model, device), width, centers, device)).iterator();
        }
    }
}
