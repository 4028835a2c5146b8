package dev.quarry.spark;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.io.AtomicFiles;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A pool as Spark data: a Parquet table with one row per item, {@code id} (the global item id,
 * {@code long}), {@code features} (the item's values flattened, {@code array<float>}) and {@code
 * label} (its class index, null when unlabeled), beside a small {@value #METADATA} that says what an
 * item is (its shape, the class names). Any tool that writes that table can feed Quarry a pool
 * spread over a cluster; {@link #write} writes one from Quarry's own datasets.
 *
 * @param rows the table
 * @param metadata what the rows are
 */
public record SparkPool(Dataset<Row> rows, Metadata metadata) {

    /** The metadata file's name inside a pool's directory. */
    public static final String METADATA = "_quarry-pool.json";
    /** The table's columns. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.FloatType, false), false),
        DataTypes.createStructField("label", DataTypes.IntegerType, true)});

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS_PER_WRITE = 65_536;

    /**
     * What a pool's rows are.
     *
     * @param name the pool's name, for messages and run fingerprints
     * @param size the number of items
     * @param itemShape one item's shape ({@code features} holds its values row-major)
     * @param classes the class names, in label order
     */
    @JsonPropertyOrder({"name", "size", "itemShape", "classes"})
    public record Metadata(String name, long size, long[] itemShape, List<String> classes) implements Serializable {

        /** @return the number of values per item */
        public int itemValues() {
            long n = 1;
            for (long d : itemShape) {
                n *= d;
            }
            return Math.toIntExact(n);
        }
    }

    /**
     * Writes a pool as a Parquet table and its metadata.
     *
     * @param spark the session
     * @param pool the items, their labels where known, their classes
     * @param directory where the table goes (replaced if it exists)
     * @throws IOException if the metadata cannot be written
     */
    public static void write(SparkSession spark, ArrayDataset pool, Path directory) throws IOException {
        int n = pool.size(); // an ArrayDataset is never empty
        int d = Math.toIntExact(pool.values().elementCount() / n);
        float[] values = pool.values().toFloatArray();
        int[] labels = pool.groundTruth().orElse(null);
        int[] given = pool.givenLabels().perItem(n);
        String path = directory.toAbsolutePath().toString();
        for (int from = 0; from < n; from += ROWS_PER_WRITE) {
            List<Row> rows = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + ROWS_PER_WRITE); i++) {
                float[] row = new float[d];
                System.arraycopy(values, i * d, row, 0, d);
                Integer label = labels != null ? Integer.valueOf(labels[i]) : given[i] >= 0 ? Integer.valueOf(given[i]) : null;
                rows.add(RowFactory.create((long) i, row, label));
            }
            spark.createDataFrame(rows, SCHEMA).write().mode(from == 0 ? SaveMode.Overwrite : SaveMode.Append).parquet(path);
        }
        Metadata metadata = new Metadata(pool.name(), n, pool.itemShape().getShape(), pool.classNames());
        AtomicFiles.write(directory.resolve(METADATA), out -> JSON.writeValue(out, metadata));
    }

    /**
     * Opens a pool written as {@link #write} writes it.
     *
     * @param spark the session
     * @param directory the table's directory
     * @return the pool
     * @throws NoSuchFileException if the directory holds no pool metadata
     * @throws DataFormatException if the metadata or the table's columns are not a pool's
     * @throws IOException if it cannot be read
     */
    public static SparkPool read(SparkSession spark, Path directory) throws IOException {
        Path file = directory.resolve(METADATA);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no pool metadata; write the pool with SparkPool.write, "
                    + "or add the metadata beside your Parquet table");
        }
        Metadata metadata;
        try {
            metadata = JSON.readValue(file.toFile(), Metadata.class);
        } catch (JacksonException e) {
            throw new DataFormatException(file.toString(), "not valid pool metadata (" + e.getOriginalMessage() + ")", e);
        }
        Dataset<Row> rows = spark.read().parquet(directory.toAbsolutePath().toString());
        for (StructField field : SCHEMA.fields()) {
            List<String> names = List.of(rows.schema().fieldNames());
            if (!names.contains(field.name())
                    || !rows.schema().apply(field.name()).dataType().sameType(field.dataType())) {
                throw new DataFormatException(directory.toString(), "the table's column '" + field.name() + "' is missing "
                        + "or of another type; a pool has " + SCHEMA.simpleString() + ".");
            }
        }
        return new SparkPool(rows.select("id", "features", "label"), metadata);
    }

    /**
     * Some rows of the pool as a dataset the engine's learners read: local ids {@code 0..n-1} in
     * the order given.
     *
     * @param metadata what the rows are
     * @param features each row's values
     * @return the items, without labels
     */
    static ArrayDataset localItems(Metadata metadata, List<float[]> features) {
        int d = metadata.itemValues();
        float[] values = new float[features.size() * d];
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).length != d) {
                throw new IllegalArgumentException("A row holds " + features.get(i).length + " values; items of "
                        + metadata.name() + " have " + d + ".");
            }
            System.arraycopy(features.get(i), 0, values, i * d, d);
        }
        long[] shape = new long[metadata.itemShape().length + 1];
        shape[0] = features.size();
        System.arraycopy(metadata.itemShape(), 0, shape, 1, metadata.itemShape().length);
        return ArrayDataset.of(metadata.name(), HostArray.ofFloats(values, shape), null, metadata.classes());
    }
}
