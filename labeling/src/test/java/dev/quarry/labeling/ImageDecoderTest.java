package dev.quarry.labeling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;

import dev.quarry.engine.data.DataFormatException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    /** Formats that keep pixels exactly. */
    private static final List<String> LOSSLESS = List.of("png", "bmp", "gif", "tiff");

    @TempDir
    Path dir;

    /**
     * An 8-row, 4-column image: red, green, blue and white columns (8 rows: the JDK's own GIF round
     * trip loses rows of interlaced images shorter than that).
     */
    private static BufferedImage stripes() {
        BufferedImage image = new BufferedImage(4, 8, BufferedImage.TYPE_INT_RGB);
        int[] colors = {0xff0000, 0x00ff00, 0x0000ff, 0xffffff};
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, colors[x]);
            }
        }
        return image;
    }

    private Path write(BufferedImage image, String format) throws IOException {
        Path file = dir.resolve("image." + format);
        assertTrue(ImageIO.write(image, format, file.toFile()), "the JDK writes " + format);
        return file;
    }

    @Test
    void givenEachFormat_whenDecoded_thenPixelsAreChannelsFirstInUnitRangeAndGrayIsLuma() throws IOException {
        float[] red = {1, 0, 0, 1};
        float[] green = {0, 1, 0, 1};
        float[] blue = {0, 0, 1, 1};
        for (String format : LOSSLESS) {
            Path file = write(stripes(), format);
            assertEquals(new ImageDecoder.Size(8, 4), ImageDecoder.sizeOf(file), format);
            float[] rgb = ImageDecoder.decode(file, ImageDecoder.Color.RGB, null);
            assertEquals(3 * 32, rgb.length, format);
            for (int y = 0; y < 8; y++) {
                assertArrayEquals(red, Arrays.copyOfRange(rgb, y * 4, y * 4 + 4), 0, format + " red row " + y);
                assertArrayEquals(green, Arrays.copyOfRange(rgb, 32 + y * 4, 32 + y * 4 + 4), 0, format);
                assertArrayEquals(blue, Arrays.copyOfRange(rgb, 64 + y * 4, 64 + y * 4 + 4), 0, format);
            }
            float[] gray = ImageDecoder.decode(file, ImageDecoder.Color.GRAY, null);
            // BT.601 luma of pure red, green, blue and white, rounded to 8 bits: 76, 150, 29, 255.
            assertArrayEquals(new float[] {76 / 255f, 150 / 255f, 29 / 255f, 1}, Arrays.copyOfRange(gray, 0, 4), 0,
                    format);
        }
    }

    @Test
    void givenAJpeg_whenDecoded_thenItsPixelsAreItsColourWithinCompressionLoss() throws IOException {
        // JPEG subsamples colour, so a flat image is the fair check; sharp colour edges blur.
        float[] rgb = ImageDecoder.decode(write(flat(16, 16), "jpg"), ImageDecoder.Color.RGB, null);
        for (int i = 0; i < 256; i++) {
            assertEquals(0x33 / 255f, rgb[i], 0.03f);
            assertEquals(0x66 / 255f, rgb[256 + i], 0.03f);
            assertEquals(0x99 / 255f, rgb[512 + i], 0.03f);
        }
    }

    private static BufferedImage flat(int width, int height) {
        BufferedImage flat = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                flat.setRGB(x, y, 0x336699);
            }
        }
        return flat;
    }

    @Test
    void givenASize_whenDecoded_thenTheImageIsResizedBilinearly() throws IOException {
        float[] small = ImageDecoder.decode(write(flat(8, 6), "png"), ImageDecoder.Color.RGB, new ImageDecoder.Size(3, 4));
        assertEquals(3 * 3 * 4, small.length);
        for (int i = 0; i < 12; i++) {
            assertEquals(0x33 / 255f, small[i], 1e-6f);
            assertEquals(0x66 / 255f, small[12 + i], 1e-6f);
            assertEquals(0x99 / 255f, small[24 + i], 1e-6f);
        }
    }

    @Test
    void givenFilesThatAreNotImages_whenDecoded_thenTheErrorNamesTheFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        byte[] png = Files.readAllBytes(write(stripes(), "png"));
        Path truncated = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        for (Path file : List.of(empty, text, truncated)) {
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> ImageDecoder.decode(file, ImageDecoder.Color.RGB, null));
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
        assertThrows(NoSuchFileException.class, () -> ImageDecoder.decode(dir.resolve("gone.png"),
                ImageDecoder.Color.RGB, null));
    }

    /** Bytes allocated by the current thread, to bound what a decode allocates. */
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void givenATinyFileDeclaringAHugeImage_thenItIsRefusedBeforeDecoding() throws IOException {
        BufferedImage image = new BufferedImage(2000, 1500, BufferedImage.TYPE_BYTE_BINARY);
        Path blank = dir.resolve("blank.png");
        ImageIO.write(image, "png", blank.toFile());
        assertEquals(3_000_000 * 3, ImageDecoder.decode(blank, ImageDecoder.Color.RGB, null).length,
                "a blank 1-bit PNG, as compressed as a real image gets, is within the budget (" + Files.size(blank)
                        + " bytes)");

        byte[] bomb = Files.readAllBytes(blank);
        Path cut = Files.write(dir.resolve("bomb.png"), Arrays.copyOf(bomb, 60)); // the header, declaring 2000 x 1500
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageDecoder.sizeOf(cut));
        assertTrue(e.getMessage().contains("decompression bomb"), e.getMessage());
    }

    @Test
    void givenMutationsOfValidImages_whenDecoded_thenOnlyTheDocumentedErrorComesOut() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(7);
            int refused = 0;
            for (String format : List.of("png", "bmp", "gif", "tiff", "jpg")) {
                byte[] valid = Files.readAllBytes(write(stripes(), format));
                for (int round = 0; round < 150; round++) {
                    byte[] bytes = valid.clone();
                    for (int edit = 1 + random.nextInt(6); edit > 0; edit--) {
                        int at = random.nextInt(bytes.length);
                        if (random.nextInt(4) == 0) {
                            bytes = Arrays.copyOf(bytes, Math.max(1, at));
                        } else {
                            bytes[at] = (byte) random.nextInt(256);
                        }
                    }
                    Path file = Files.write(dir.resolve("fuzz-" + format + round), bytes);
                    long before = THREADS.getCurrentThreadAllocatedBytes();
                    try {
                        float[] pixels = ImageDecoder.decode(file, ImageDecoder.Color.RGB, null);
                        assertTrue(pixels.length <= 3L * ImageDecoder.pixelBudget(bytes.length), format);
                    } catch (DataFormatException e) {
                        refused++;
                        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                    }
                    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                    assertTrue(allocated < 64L << 20, format + " mutation " + round + " of " + bytes.length
                            + " bytes allocated " + allocated + " bytes");
                }
            }
            assertTrue(refused > 100, "most mutations are refused: " + refused);
        }, "and none hangs");
    }
}
