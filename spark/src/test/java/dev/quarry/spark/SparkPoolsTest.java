package dev.quarry.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.data.ImageOptions;
import dev.quarry.engine.data.NpyWriter;
import dev.quarry.engine.loop.LearnerOutputs;
import dev.quarry.engine.model.CnnClassifier;
import dev.quarry.engine.model.CnnOptions;
import dev.quarry.engine.model.InferenceOptions;
import dev.quarry.engine.model.TrainingOptions;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.strategy.QueryRunner;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.labeling.ImageFolderDataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import javax.imageio.ImageIO;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pools that reach Spark without passing through the driver's memory: {@code .npy} shards read by
 * executors, and image files decoded by executors, which select what one process selects from the
 * same images.
 */
class SparkPoolsTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");

    @TempDir
    static Path dir;

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2]", "quarry-pools-test");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Path shard(String name, HostArray values) throws IOException {
        Path file = dir.resolve(name);
        NpyWriter.write(file, values);
        return file;
    }

    @Test
    void givenNpyShards_whenWritten_thenTheTableHoldsTheirRowsUnderConsecutiveIdsWithTheirLabels() throws IOException {
        int[] sizes = {5, 7, 4};
        float[] all = new float[16 * 6];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) random.nextGaussian();
        }
        long[] labels = new long[16];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 4 == 3 ? -1 : i % 3;
        }
        List<Path> x = new ArrayList<>();
        List<Path> y = new ArrayList<>();
        int from = 0;
        for (int s = 0; s < sizes.length; s++) {
            x.add(shard("x-" + s + ".npy", HostArray.ofFloats(Arrays.copyOfRange(all, from * 6, (from + sizes[s]) * 6),
                    sizes[s], 2, 3)));
            y.add(shard("y-" + s + ".npy", HostArray.ofLongs(Arrays.copyOfRange(labels, from, from + sizes[s]), sizes[s])));
            from += sizes[s];
        }
        SparkPool.writeNpyShards(spark, x, y, "shards", CLASSES, dir.resolve("npy-pool"));
        SparkPool pool = SparkPool.read(spark, dir.resolve("npy-pool"));
        assertEquals(16, pool.metadata().size());
        assertArrayEquals(new long[] {2, 3}, pool.metadata().itemShape());
        List<Row> rows = pool.rows().orderBy("id").collectAsList();
        assertEquals(16, rows.size());
        for (int i = 0; i < 16; i++) {
            assertEquals(i, rows.get(i).getLong(0));
            assertArrayEquals(Arrays.copyOfRange(all, i * 6, i * 6 + 6), PartitionRows.features(rows.get(i)), 0f);
            if (labels[i] < 0) {
                assertNull(rows.get(i).get(2), "-1 is unlabeled");
            } else {
                assertEquals(labels[i], rows.get(i).getInt(2));
            }
        }

        Path other = shard("x-other.npy", HostArray.ofFloats(new float[8], 2, 4));
        DataFormatException shape = assertThrows(DataFormatException.class, () -> SparkPool.writeNpyShards(spark,
                List.of(x.get(0), other), List.of(), "bad", CLASSES, dir.resolve("bad")));
        assertTrue(shape.getMessage().contains("one item shape"), shape.getMessage());
        DataFormatException count = assertThrows(DataFormatException.class, () -> SparkPool.writeNpyShards(spark,
                List.of(x.get(0)), List.of(y.get(1)), "bad", CLASSES, dir.resolve("bad")));
        assertTrue(count.getMessage().contains("labels for the 5 rows"), count.getMessage());
    }

    /** 600 of the embedded Fashion-MNIST images as PNG files in class folders. */
    private static Path imageFolder() throws IOException {
        ArrayDataset source = DatasetSpec.embeddedSubset().withSizes(600, 0).load().pool();
        byte[] pixels = new byte[(int) source.values().elementCount()];
        source.values().data().duplicate().get(pixels);
        Path root = dir.resolve("images");
        for (int i = 0; i < source.size(); i++) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 28 * 28; p++) {
                image.getRaster().setSample(p % 28, p / 28, 0, pixels[i * 784 + p] & 0xff);
            }
            Path file = root.resolve(source.classNames().get(source.labels()[i]).replace('/', '-'))
                    .resolve(String.format("%04d.png", i));
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        }
        return root;
    }

    @Test
    void givenAnImageFolder_whenItsPathsAreTheTable_thenExecutorsDecodeWhatTheDatasetHoldsAndSelectTheSameIds()
            throws IOException {
        ArrayDataset images = new ImageFolderDataset(dir.resolve("cache"), ProgressReporter.SILENT).load(new DatasetSpec(
                DatasetSpec.IMAGES, imageFolder().toString(), 0, 0, 0, null, ImageOptions.DEFAULTS)).pool();
        SparkPool.writeImages(spark, images, dir.resolve("image-pool"));
        SparkPool table = SparkPool.read(spark, dir.resolve("image-pool"));
        assertEquals(new SparkPool.ImageItems(true, 28, 28), table.metadata().images());
        float[] values = images.values().toFloatArray();
        for (long id : new long[] {0, 299, 599}) {
            assertArrayEquals(Arrays.copyOfRange(values, (int) id * 784, (int) id * 784 + 784),
                    table.metadata().images().decode(images.itemFile(id).orElseThrow()), 0f, "item " + id);
        }

        // 88 labeled leave 512 = 8 x 64 unlabeled: whole inference batches in one process too.
        long[] labeled = new SplittableRandom(4).longs(0, 600).distinct().limit(88).sorted().toArray();
        long[] unlabeled = LongStream.range(0, 600).filter(id -> Arrays.binarySearch(labeled, id) < 0).toArray();
        try (CnnClassifier model = CnnClassifier.forPool(images, CnnOptions.DEFAULTS, new TrainingOptions(1, 32, 1e-3f,
                false), InferenceOptions.CPU_DEFAULTS, Device.cpu()); NDManager m = NDManager.newBaseManager()) {
            int[] truth = images.labels();
            model.fit(images, labeled, Arrays.stream(labeled).mapToInt(id -> truth[(int) id]).toArray(), 5);
            model.save(dir.resolve("image-model"));
            Selection single = QueryRunner.select(Strategies.get("margin"), new LearnerOutputs(model, images, 1),
                    unlabeled, labeled, 40, new SplittableRandom(1), m);
            Selection spread = SparkSelection.select(spark, table, table.rows().javaRDD().repartition(3),
                    dir.resolve("image-model"), "margin", Map.of(), labeled, 40, 1, new SplittableRandom(1));
            assertArrayEquals(single.ids(), spread.ids());
        }
    }
}
