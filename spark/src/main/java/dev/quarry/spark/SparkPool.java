package dev.quarry.spark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.NpyReader;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.labeling.ImageDecoder;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
 * spread over a cluster; {@link #write} writes one from Quarry's own datasets, {@link
 * #writeNpyShards} from {@code .npy} shards (each read by an executor, never by the driver).
 *
 * <p>A pool of image files is a table of {@code id}, {@code path} (the file, {@code string}) and
 * {@code label} ({@link #writeImages}, from an image folder or manifest Quarry loaded): executors
 * decode each image where they score it, as {@code --dataset images} decodes it (8-bit values,
 * gray or RGB, at the pool's size), so the table holds names, not pixels. Every executor must see
 * the files at the same paths (a shared file system).
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

    /** The columns of a pool of image files. */
    public static final StructType IMAGE_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("path", DataTypes.StringType, false),
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
     * @param images how image files become items, for a table of paths; null for a table of features
     */
    @JsonPropertyOrder({"name", "size", "itemShape", "classes", "images"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metadata(String name, long size, long[] itemShape, List<String> classes, ImageItems images)
            implements Serializable {

        /**
         * The metadata of a table of features.
         *
         * @param name the pool's name
         * @param size the number of items
         * @param itemShape one item's shape
         * @param classes the class names
         */
        public Metadata(String name, long size, long[] itemShape, List<String> classes) {
            this(name, size, itemShape, classes, null);
        }

        /** @return the table's columns */
        StructType schema() {
            return images == null ? SCHEMA : IMAGE_SCHEMA;
        }

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
     * How an image file becomes an item: decoded to 8-bit values ({@code 0..255}), one luma plane or
     * three RGB planes, resized to the pool's size where it differs.
     *
     * @param gray one channel (BT.601 luma) instead of three
     * @param height rows
     * @param width columns
     */
    public record ImageItems(boolean gray, int height, int width) implements Serializable {

        /**
         * Decodes one file.
         *
         * @param file the image
         * @return {@code (C, height, width)} values, row-major
         * @throws IOException if the file cannot be read or decoded
         */
        float[] decode(Path file) throws IOException {
            byte[] bytes = ImageDecoder.decodeRgb(file, new ImageDecoder.Size(height, width)).rgb();
            if (gray) {
                bytes = ImageDecoder.luma(bytes);
            }
            float[] out = new float[bytes.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes[i] & 0xff;
            }
            return out;
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
                rows.add(RowFactory.create((long) i, row, label(labels, given, i)));
            }
            spark.createDataFrame(rows, SCHEMA).write().mode(from == 0 ? SaveMode.Overwrite : SaveMode.Append).parquet(path);
        }
        Metadata metadata = new Metadata(pool.name(), n, pool.itemShape().getShape(), pool.classNames());
        AtomicFiles.write(directory.resolve(METADATA), out -> JSON.writeValue(out, metadata));
    }

    /** An item's label in the table: its ground truth, else a label given for it, else none. */
    private static Integer label(int[] truth, int[] given, int i) {
        return truth != null ? Integer.valueOf(truth[i]) : given[i] >= 0 ? Integer.valueOf(given[i]) : null;
    }

    /**
     * Writes a pool of image files as a table of their paths: the items of an image folder or
     * manifest loaded by {@code --dataset images} (each item remembers its file), decoded again by
     * the executors that score them.
     *
     * @param spark the session
     * @param pool the images, as loaded (their shape is {@code (1 or 3, H, W)})
     * @param directory where the table goes (replaced if it exists)
     * @throws InvalidInputException if an item has no file or the items are not images
     * @throws IOException if the metadata cannot be written
     */
    public static void writeImages(SparkSession spark, ArrayDataset pool, Path directory) throws IOException {
        long[] shape = pool.itemShape().getShape();
        if (shape.length != 3 || shape[0] != 1 && shape[0] != 3) {
            throw new InvalidInputException(pool.name() + " holds items of shape " + Arrays.toString(shape)
                    + ", not images (1 or 3 channels, height, width); write its features instead (SparkPool.write).");
        }
        int n = pool.size();
        int[] labels = pool.groundTruth().orElse(null);
        int[] given = pool.givenLabels().perItem(n);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long id = i;
            Path file = pool.itemFile(id).orElseThrow(() -> new InvalidInputException("Item " + id + " of "
                    + pool.name() + " was not read from a file; write the pool's features instead (SparkPool.write)."));
            rows.add(RowFactory.create(id, file.toAbsolutePath().toString(), label(labels, given, i)));
        }
        spark.createDataFrame(rows, IMAGE_SCHEMA).write().mode(SaveMode.Overwrite).parquet(
                directory.toAbsolutePath().toString());
        Metadata metadata = new Metadata(pool.name(), n, shape, pool.classNames(),
                new ImageItems(shape[0] == 1, (int) shape[1], (int) shape[2]));
        AtomicFiles.write(directory.resolve(METADATA), out -> JSON.writeValue(out, metadata));
    }

    /**
     * Writes a pool from {@code .npy} shards: shard s holds rows {@code (n_s, item shape...)} and
     * its items get the ids after those of the shards before it. The driver reads only the headers;
     * each shard is read and written by one executor, so the pool never has to fit one machine.
     *
     * @param spark the session
     * @param features the shards of item values (any element type the NPY reader reads), in id order
     * @param labels one label shard (integer class indices, {@code (n_s)}, -1 for unlabeled) per
     *     feature shard, or empty for an unlabeled pool
     * @param name the pool's name
     * @param classes the class names, in label order
     * @param directory where the table goes (replaced if it exists)
     * @throws InvalidInputException without shards, or with a label shard count that does not match
     * @throws DataFormatException if a shard is not a readable {@code .npy}, item shapes differ, or
     *     label shards do not match their feature shards
     * @throws IOException if a shard or the metadata cannot be read or written
     */
    public static void writeNpyShards(SparkSession spark, List<Path> features, List<Path> labels, String name,
            List<String> classes, Path directory) throws IOException {
        if (features.isEmpty()) {
            throw new InvalidInputException("No shards given for pool " + name + "; give at least one .npy file.");
        }
        if (!labels.isEmpty() && labels.size() != features.size()) {
            throw new InvalidInputException(labels.size() + " label shards for " + features.size()
                    + " feature shards; give one per feature shard, or none.");
        }
        long[] itemShape = null;
        long[] offsets = new long[features.size() + 1];
        for (int s = 0; s < features.size(); s++) {
            long[] shape = NpyReader.shape(features.get(s));
            long[] item = shape.length < 2 ? new long[0] : Arrays.copyOfRange(shape, 1, shape.length);
            if (shape.length < 2 || itemShape != null && !Arrays.equals(item, itemShape)) {
                throw new DataFormatException(features.get(s).toString(), "holds " + Arrays.toString(shape) + "; every "
                        + "shard holds rows of one item shape (" + (itemShape == null ? "n, ..." : "n, "
                        + Arrays.toString(itemShape)) + ")");
            }
            itemShape = item;
            if (!labels.isEmpty() && !Arrays.equals(NpyReader.shape(labels.get(s)), new long[] {shape[0]})) {
                throw new DataFormatException(labels.get(s).toString(), "holds " + Arrays.toString(NpyReader.shape(
                        labels.get(s))) + " labels for the " + shape[0] + " rows of " + features.get(s));
            }
            offsets[s + 1] = offsets[s] + shape[0];
        }
        List<String> featureFiles = features.stream().map(p -> p.toAbsolutePath().toString()).toList();
        List<String> labelFiles = labels.stream().map(p -> p.toAbsolutePath().toString()).toList();
        List<Integer> shards = IntStream.range(0, features.size()).boxed().toList();
        int numClasses = classes.size();
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(shards, shards.size())
                .flatMap(s -> NpyShard.rows(featureFiles.get(s), labelFiles.isEmpty() ? null : labelFiles.get(s),
                        offsets[s], numClasses));
        TaskFailures.unwrapped(() -> {
            spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).parquet(
                    directory.toAbsolutePath().toString());
            return null;
        });
        Metadata metadata = new Metadata(name, offsets[features.size()], itemShape, classes);
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
        StructType schema = metadata.schema();
        for (StructField field : schema.fields()) {
            List<String> names = List.of(rows.schema().fieldNames());
            if (!names.contains(field.name())
                    || !rows.schema().apply(field.name()).dataType().sameType(field.dataType())) {
                throw new DataFormatException(directory.toString(), "the table's column '" + field.name() + "' is missing "
                        + "or of another type; a pool " + (metadata.images() == null ? "" : "of images ") + "has "
                        + schema.simpleString() + ".");
            }
        }
        return new SparkPool(rows.select(schema.fieldNames()[0], schema.fieldNames()[1], schema.fieldNames()[2]),
                metadata);
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
