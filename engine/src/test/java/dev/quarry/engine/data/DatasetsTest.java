package dev.quarry.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.testing.IdxFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void givenTheEmbeddedSubset_whenLoaded_thenAStratifiedFixedSplitOf8000And2000() throws IOException {
        ExperimentData d = DatasetSpec.embeddedSubset().load();
        assertEquals(8000, d.pool().size());
        assertEquals(2000, d.test().orElseThrow().size());
        int[] poolCounts = d.pool().classCounts();
        int[] testCounts = d.test().orElseThrow().classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(800, poolCounts[c]);
            assertEquals(200, testCounts[c]);
        }
        assertEquals("T-shirt/top", d.pool().classNames().get(0));
        // The split seed, not the run seed, fixes the split.
        assertArrayEquals(d.test().orElseThrow().labels(), DatasetSpec.embeddedSubset().load().test().orElseThrow().labels());
    }

    @Test
    void givenDebiansFashionMnistPackage_whenLoaded_thenTheFull60000And10000Split() throws IOException {
        assumeTrue(Files.isDirectory(DatasetSpec.DEBIAN_FASHION_MNIST), "apt-get install dataset-fashion-mnist");
        ExperimentData d = new DatasetSpec("fashion-mnist", null, 0, 0, 0).load();
        assertEquals(60000, d.pool().size());
        assertEquals(10000, d.test().orElseThrow().size());
        assertArrayEquals(new long[] {60000, 28, 28}, d.pool().values().shape());
        assertTrue(Arrays.stream(d.pool().classCounts()).allMatch(c -> c == 6000));
        // The embedded subset is the same t10k split.
        ExperimentData embedded = DatasetSpec.embeddedSubset().load();
        assertEquals(10000, embedded.pool().size() + embedded.test().orElseThrow().size());
    }

    @Test
    void givenPoolAndTestSizes_whenLoaded_thenStratifiedSubsamples() throws IOException {
        ExperimentData d = DatasetSpec.embeddedSubset().withSizes(1000, 500).load();
        assertEquals(1000, d.pool().size());
        assertEquals(500, d.test().orElseThrow().size());
        assertArrayEquals(new int[] {100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, d.pool().classCounts());
    }

    @Test
    void givenAnImbalance_whenLoaded_thenClassCKeepsItsShareOfTheLongTailAndTheTestSetStaysBalanced()
            throws IOException {
        ExperimentData data = new DatasetSpec(DatasetSpec.FASHION_MNIST_SUBSET, null, 0, 0, 0, null, null, 100.0).load();
        int[] counts = new int[10];
        for (int label : data.pool().labels()) {
            counts[label]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(Math.round(800 * Math.pow(100, -c / 9.0)), counts[c], "class " + c);
        }
        assertEquals(8, counts[9], "the last class keeps 1/100");
        assertEquals(2000, data.test().orElseThrow().size(), "the test set is not thinned");
        assertEquals(data.pool().labels().length, new DatasetSpec(DatasetSpec.FASHION_MNIST_SUBSET, null, 0, 0, 0, null,
                null, 100.0).load().pool().labels().length, "the same draw every time");
        assertThrows(InvalidInputException.class,
                () -> new DatasetSpec(DatasetSpec.FASHION_MNIST_SUBSET, null, 0, 0, 0, null, null, 0.5));
    }

    @Test
    void givenStratifiedSplit_thenPartsAreDisjointCompleteAndProportional() throws IOException {
        ArrayDataset all = DatasetSpec.embeddedSubset().load().pool();
        int[][] parts = StratifiedSampling.split(all, 1234, 7);
        assertEquals(8000 - 1234, parts[0].length);
        assertEquals(1234, parts[1].length);
        Set<Integer> seen = new HashSet<>();
        Arrays.stream(parts[0]).forEach(seen::add);
        Arrays.stream(parts[1]).forEach(seen::add);
        assertEquals(8000, seen.size());
        int[] counts = all.subset("s", parts[1]).classCounts();
        // 1234 / 10 classes of equal size: 123 or 124 each.
        assertTrue(Arrays.stream(counts).allMatch(c -> c == 123 || c == 124), Arrays.toString(counts));
        assertArrayEquals(parts[1], StratifiedSampling.split(all, 1234, 7)[1]);
        assertNotEquals(Arrays.toString(parts[1]), Arrays.toString(StratifiedSampling.split(all, 1234, 8)[1]));
    }

    @Test
    void givenAnIdxDirectory_whenLoaded_thenTrainIsThePoolAndT10kTheTest() throws IOException {
        byte[] images = new byte[6 * 4 * 4];
        Arrays.fill(images, (byte) 7);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.ubyte(images, 6, 4, 4)));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.ubyte(new byte[] {0, 1, 2, 0, 1, 2}, 6));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.ubyte(Arrays.copyOf(images, 3 * 16), 3, 4, 4));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.ubyte(new byte[] {2, 1, 0}, 3)));
        ExperimentData d = new DatasetSpec("idx", dir.toString(), 0, 0, 0).load();
        assertEquals(6, d.pool().size());
        assertEquals(3, d.test().orElseThrow().size());
        assertEquals(List.of("0", "1", "2"), d.pool().classNames());
        assertArrayEquals(new int[] {2, 1, 0}, d.test().orElseThrow().labels());
    }

    @Test
    void givenAnNpyDirectory_whenLoaded_thenFloatImagesAndLabels() throws IOException {
        NpyWriter.write(dir.resolve("x_train.npy"), HostArray.ofFloats(new float[4 * 2 * 4 * 4], 4, 2, 4, 4));
        NpyWriter.write(dir.resolve("y_train.npy"), HostArray.ofLongs(new long[] {0, 1, 1, 0}, 4));
        NpyWriter.write(dir.resolve("x_test.npy"), HostArray.ofFloats(new float[2 * 2 * 4 * 4], 2, 2, 4, 4));
        NpyWriter.write(dir.resolve("y_test.npy"), HostArray.ofInts(new int[] {1, 0}, 2));
        ExperimentData d = new DatasetSpec("npy", dir.toString(), 0, 0, 0).load();
        assertEquals(new ai.djl.ndarray.types.Shape(2, 4, 4), d.pool().itemShape());
        assertEquals(ElementType.FLOAT32, d.pool().values().type());
        assertArrayEquals(new int[] {1, 0}, d.test().orElseThrow().labels());
    }

    @Test
    void givenAMissingDirectory_whenLoaded_thenTheMessageSaysWhereAndHow() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> new DatasetSpec("fashion-mnist", dir.resolve("nowhere").toString(), 0, 0, 0).load());
        assertTrue(e.getReason().contains("set the dataset's path to the directory that holds the files"), e.getReason());
        NoSuchFileException missingFile = assertThrows(NoSuchFileException.class,
                () -> new DatasetSpec("idx", dir.toString(), 0, 0, 0).load());
        assertTrue(missingFile.getReason().startsWith("no train-images file (looked for [train-images-idx3-ubyte.gz"),
                missingFile.getReason());
    }

    @Test
    void givenCorruptContent_whenLoaded_thenTheFileIsNamed() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 9});
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new DatasetSpec("idx", dir.toString(), 0, 0, 0).load());
        assertTrue(e.getMessage().startsWith(dir.resolve("train-images-idx3-ubyte").toString()), e.getMessage());
    }

    @Test
    void givenInvalidSpecsOrImages_thenClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DatasetSpec("cifar", null, 0, 0, 0))
                .getMessage().contains("known datasets: [fashion-mnist-subset, fashion-mnist, idx, npy, csv]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DatasetSpec("npy", null, 0, 0, 0))
                .getMessage().contains("needs the directory that holds its files"));
        HostArray nan = HostArray.ofFloats(new float[] {0, Float.NaN, 1, 2}, 1, 2, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArrayDataset.of("n", nan, new int[] {0}, List.of("a", "b")))
                .getMessage().contains("1 of 4 values are NaN or infinite"));
        HostArray flat = HostArray.ofFloats(new float[4], 4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArrayDataset.of("f", flat, null, List.of("a", "b")))
                .getMessage().contains("items must be an array (N, ...) with one row per item"));
        HostArray ok = HostArray.ofFloats(new float[8], 2, 2, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArrayDataset.of("l", ok, new int[] {0, 5}, List.of("a", "b")))
                .getMessage().contains("label 5 of item 1 is outside [0, 2)"));
    }
}
