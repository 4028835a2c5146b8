package dev.quarry.labeling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.data.ArrayDataset;
import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.data.ImageOptions;
import dev.quarry.engine.progress.ProgressReporter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path dir;

    /** A gray image whose pixel (y, x) is {@code base + y * width + x}, or a colour one with red = that and blue = 0. */
    private static Path image(Path file, int height, int width, int base, boolean colour) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (base + y * width + x) & 0xff;
                image.setRGB(x, y, colour ? v << 16 | 40 << 8 : v << 16 | v << 8 | v);
            }
        }
        String name = file.getFileName().toString();
        ImageIO.write(image, name.substring(name.lastIndexOf('.') + 1), file.toFile());
        return file;
    }

    private ExperimentData load(Path source, ImageOptions options) throws IOException {
        return new ImageFolderDataset(dir.resolve("cache"), ProgressReporter.SILENT)
                .load(new DatasetSpec(DatasetSpec.IMAGES, source.toString(), 0, 0, 0, null, options));
    }

    private static int[] pixels(ArrayDataset data) {
        byte[] raw = new byte[(int) data.values().elementCount()];
        data.values().data().duplicate().get(raw);
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] & 0xff;
        }
        return out;
    }

    @Test
    void givenClassFoldersAndUnlabeledImages_whenLoaded_thenItemsAreUint8WithGivenLabelsAndTheirFiles() throws IOException {
        Path images = dir.resolve("images");
        image(images.resolve("cat/a.png"), 4, 3, 0, false);
        image(images.resolve("cat/b.bmp"), 4, 3, 100, false);
        image(images.resolve("dog/c.png"), 4, 3, 200, false);
        image(images.resolve("unlabeled/d.png"), 4, 3, 50, false);
        ExperimentData data = load(images, ImageOptions.DEFAULTS);
        ArrayDataset pool = data.pool();
        assertTrue(data.test().isEmpty());
        assertEquals(List.of("cat", "dog"), pool.classNames());
        assertArrayEquals(new long[] {1, 4, 3}, pool.itemShape().getShape(), "every image gray: one channel");
        assertFalse(pool.hasLabels(), "one image is unlabeled: no ground truth");
        assertArrayEquals(new long[] {0, 1, 2}, pool.givenLabels().ids());
        assertArrayEquals(new int[] {0, 0, 1}, pool.givenLabels().labels());
        assertEquals(images.resolve("unlabeled/d.png"), pool.itemFile(3).orElseThrow());
        int[] values = pixels(pool);
        for (int item = 0; item < 4; item++) {
            int base = new int[] {0, 100, 200, 50}[item];
            for (int p = 0; p < 12; p++) {
                assertEquals(base + p, values[item * 12 + p], "item " + item + " pixel " + p);
            }
        }
    }

    @Test
    void givenACachedFolder_thenTheCacheIsReadUntilAFileChanges() throws IOException {
        Path images = dir.resolve("images");
        Path a = image(images.resolve("x/a.png"), 2, 2, 10, false);
        image(images.resolve("y/b.png"), 2, 2, 20, false);
        assertEquals(10, pixels(load(images, ImageOptions.DEFAULTS).pool())[0]);
        Path cacheDir;
        try (var dirs = Files.list(dir.resolve("cache"))) {
            cacheDir = dirs.findFirst().orElseThrow();
        }
        // Change the cached bytes behind the cache's back: a second load that reads them proves nothing was decoded.
        try (RandomAccessFile pixels = new RandomAccessFile(cacheDir.resolve(DecodeCache.PIXELS).toFile(), "rw")) {
            for (int plane = 0; plane < 3; plane++) { // pixel 0 of the red, green and blue planes of a 2x2 image
                pixels.seek(plane * 4L);
                pixels.write(99);
            }
        }
        assertEquals(99, pixels(load(images, ImageOptions.DEFAULTS).pool())[0], "read from the cache");
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 5_000));
        assertEquals(10, pixels(load(images, ImageOptions.DEFAULTS).pool())[0], "a changed file is decoded again");
        image(images.resolve("y/b.png"), 2, 2, 70, false);
        Files.setLastModifiedTime(images.resolve("y/b.png"), FileTime.fromMillis(1_000_000));
        assertEquals(70, pixels(load(images, ImageOptions.DEFAULTS).pool())[4], "a rewritten file is decoded again");
    }

    @Test
    void givenColourMixedSizesAndCorruptFiles_thenEachIsNamedOrSkippedAndCounted() throws IOException {
        Path images = dir.resolve("images");
        image(images.resolve("x/a.png"), 4, 4, 0, true);
        image(images.resolve("x/b.png"), 4, 4, 0, false);
        image(images.resolve("y/c.png"), 4, 4, 0, false);
        image(images.resolve("y/odd.png"), 5, 4, 0, false);
        Files.writeString(images.resolve("y/text.png"), "not an image");
        DataFormatException e = assertThrows(DataFormatException.class, () -> load(images, ImageOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("odd.png") && e.getMessage().contains("5x4") || e.getMessage().contains("text.png"),
                e.getMessage());
        assertTrue(e.getMessage().contains("and 1 more") && e.getMessage().contains("--skip-bad"), e.getMessage());

        ArrayDataset kept = load(images, new ImageOptions(null, null, null, null, true)).pool();
        assertEquals(3, kept.size(), "the odd-sized and the corrupt file are skipped");
        assertArrayEquals(new long[] {3, 4, 4}, kept.itemShape().getShape(), "one colour image: RGB");
        assertEquals(40, pixels(kept)[16], "the green plane of the colour image");

        ArrayDataset resized = load(images, new ImageOptions(2, 3, ImageOptions.Color.GRAY, null, true)).pool();
        assertEquals(4, resized.size(), "resized: the odd size is no longer odd");
        assertArrayEquals(new long[] {1, 2, 3}, resized.itemShape().getShape());
    }

    @Test
    void givenTrainAndTestFolders_thenTheTestSetIsLabeledAndSharesTheClasses() throws IOException {
        Path images = dir.resolve("split");
        image(images.resolve("train/b/1.png"), 3, 3, 0, false);
        image(images.resolve("train/a/2.png"), 3, 3, 9, false);
        image(images.resolve("test/a/3.png"), 3, 3, 18, false);
        image(images.resolve("test/b/4.png"), 3, 3, 27, false);
        ExperimentData data = load(images, new ImageOptions(null, null, null, List.of("b", "a"), false));
        assertEquals(List.of("b", "a"), data.pool().classNames());
        assertArrayEquals(new int[] {0, 1}, data.pool().labels(), "given classes fix the order");
        assertEquals(images.resolve("train/b/1.png"), data.pool().itemFile(0).orElseThrow());
        assertArrayEquals(new int[] {0, 1}, data.test().orElseThrow().labels());
        assertEquals(images.resolve("test/b/4.png"), data.test().orElseThrow().itemFile(0).orElseThrow());

        image(images.resolve("test/unlabeled/5.png"), 3, 3, 0, false);
        assertTrue(assertThrows(DataFormatException.class, () -> load(images, ImageOptions.DEFAULTS)).getMessage()
                .contains("test set needs every image in a class folder"));
    }

    @Test
    void givenTheImagesDataset_thenItIsFoundByNameAndItsOptionsAreChecked() {
        assertTrue(DatasetSpec.names().contains(DatasetSpec.IMAGES));
        assertThrows(IllegalArgumentException.class, () -> new ImageOptions(28, null, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> new ImageOptions(null, null, null, List.of("a", "a"), false));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetSpec(DatasetSpec.FASHION_MNIST, null, 0, 0, 0, null, ImageOptions.DEFAULTS));
        assertThrows(IllegalArgumentException.class, () -> new DatasetSpec(DatasetSpec.IMAGES, null, 0, 0, 0, null, null));
    }
}
