package dev.quarry.spark;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.NpyReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** One {@code .npy} shard of a pool, read on an executor into table rows ({@link SparkPool#writeNpyShards}). */
final class NpyShard {

    private NpyShard() {}

    /**
     * The shard's rows.
     *
     * @param features the shard of item values
     * @param labels its label shard, or null
     * @param firstId the id of its first row
     * @param numClasses C, the labels' bound
     * @return {@code (id, features, label)} rows
     * @throws IOException if a file cannot be read, or a label is outside {@code -1..C-1}
     */
    static Iterator<Row> rows(String features, String labels, long firstId, int numClasses) throws IOException {
        HostArray x = NpyReader.read(Path.of(features));
        int n = Math.toIntExact(x.dim(0));
        int d = Math.toIntExact(x.elementCount() / Math.max(1, n));
        float[] values = x.toFloatArray();
        long[] y = labels == null ? null : NpyReader.read(Path.of(labels)).toLongArray();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] row = new float[d];
            System.arraycopy(values, i * d, row, 0, d);
            Integer label = null;
            if (y != null && y[i] != -1) {
                if (y[i] < 0 || y[i] >= numClasses) {
                    throw new DataFormatException(labels, "row " + i + " has label " + y[i] + "; labels are -1 "
                            + "(unlabeled) or 0.." + (numClasses - 1) + " for the " + numClasses + " classes");
                }
                label = (int) y[i];
            }
            rows.add(RowFactory.create(firstId + i, row, label));
        }
        return rows.iterator();
    }
}
