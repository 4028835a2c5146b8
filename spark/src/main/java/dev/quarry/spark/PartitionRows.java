package dev.quarry.spark;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.model.ModelCard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.spark.SparkFiles;
import org.apache.spark.sql.Row;

/**
 * One partition's rows, read once on an executor: their ids and values as a dataset the engine's
 * learners read (local ids {@code 0..n-1}), padded to whole inference batches with copies of the last
 * row, because libtorch may round a row's outputs differently in a short tail batch than in a full
 * one, and every item must get the outputs a single process gives it. Each row's MC-dropout masks
 * are keyed by its pool id ({@link PartitionItems}); padding repeats the last row's.
 *
 * @param ids the global ids of the real rows, in order
 * @param items the rows, then the padding
 */
record PartitionRows(List<Long> ids, PartitionItems items) {

    /**
     * Reads a partition.
     *
     * @param rows the partition's rows
     * @param metadata what they are
     * @param skip ids to leave out (the labeled ones)
     * @param inference the inference batching the model will use
     * @return the rows, or null when none is left
     * @throws IOException if an image row's file cannot be read or decoded
     */
    static PartitionRows read(Iterator<Row> rows, SparkPool.Metadata metadata, Set<Long> skip, InferenceOptions inference)
            throws IOException {
        List<Long> ids = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            long id = row.getLong(0);
            if (!skip.contains(id)) {
                ids.add(id);
                features.add(values(row, metadata));
            }
        }
        if (ids.isEmpty()) {
            return null;
        }
        int batch = inference.batchSize();
        for (int p = (batch - ids.size() % batch) % batch; p > 0; p--) {
            features.add(features.get(features.size() - 1));
        }
        long[] keys = new long[features.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ids.get(Math.min(i, ids.size() - 1));
        }
        return new PartitionRows(ids, new PartitionItems(SparkPool.localItems(metadata, features), keys));
    }

    /** A row's item values: its features, or its image decoded ({@link SparkPool.ImageItems}). */
    private static float[] values(Row row, SparkPool.Metadata metadata) throws IOException {
        return metadata.images() != null ? metadata.images().decode(Path.of(row.getString(1))) : features(row);
    }

    /** A feature row's {@code features} column as floats. */
    static float[] features(Row row) {
        List<Object> values = row.getList(1);
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (Float) values.get(i);
        }
        return f;
    }

    /**
     * What a task does with its partition and the round's model.
     *
     * @param <T> what it emits
     */
    @FunctionalInterface
    interface Work<T> {
        /**
         * Does the work.
         *
         * @param part the partition's rows
         * @param model the model, loaded for this task
         * @param device where it runs
         * @return what the task emits
         * @throws Exception if the work fails
         */
        List<T> apply(PartitionRows part, Learner model, Device device) throws Exception;
    }

    /**
     * The opening every model task shares: the task's device ({@link ExecutorDevice}), the
     * partition's rows without the skipped ones, the shipped model loaded once, then the work.
     *
     * @param rows the partition's rows
     * @param metadata what they are
     * @param skip ids to leave out (the labeled ones)
     * @param modelFile the name the model directory was shipped under
     * @param work what to do with them
     * @param <T> what the task emits
     * @return the emitted values (none for a partition with no rows left)
     * @throws Exception if reading, loading or the work fails
     */
    static <T> Iterator<T> withModel(Iterator<Row> rows, SparkPool.Metadata metadata, Set<Long> skip, String modelFile,
            Work<T> work) throws Exception {
        Device device = ExecutorDevice.current();
        InferenceOptions inference = InferenceOptions.defaultsFor(device);
        PartitionRows part = read(rows, metadata, skip, inference);
        if (part == null) {
            return List.<T>of().iterator();
        }
        try (Learner model = ModelCard.load(Path.of(SparkFiles.get(modelFile)), inference, device)) {
            return work.apply(part, model, device).iterator();
        }
    }

    /** @return the local ids of every row, padding included */
    long[] localIds() {
        long[] local = new long[items.size()];
        for (int i = 0; i < local.length; i++) {
            local[i] = i;
        }
        return local;
    }

    /**
     * The model's embeddings of the real rows, row-major {@code (ids.size(), d)}.
     *
     * @param model the model
     * @param device where it runs
     * @return the embeddings
     */
    float[] embeddings(Learner model, Device device) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            float[] all = model.embeddings(items, localIds(), manager).toFloatArray();
            int d = all.length / items.size();
            float[] out = new float[ids.size() * d];
            System.arraycopy(all, 0, out, 0, out.length);
            return out;
        }
    }
}
