package dev.quarry.labeling;

import dev.quarry.engine.data.DataFormatException;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image files as float32 pixels in [0, 1], channels first ({@code (C, H, W)}, row-major), through
 * the JDK's ImageIO: PNG, JPEG, BMP, GIF (its first frame) and TIFF. Pixels are read as 8-bit sRGB
 * (as torchvision's PIL loader does; alpha is dropped); gray is the ITU-R BT.601 luma {@code 0.299 R
 * + 0.587 G + 0.114 B}, rounded to 8 bits as PIL's {@code convert("L")} does. A resize is bilinear
 * (Java 2D, deterministic in a headless JVM). {@link #decodeRgb} gives the 8-bit planes a decode
 * cache keeps; {@link #decode} is the same pixels as floats.
 *
 * <p>Every failure to read a file as an image is a {@link DataFormatException} naming the file: an
 * empty or truncated file, a format ImageIO cannot read, a decoder's own error, or a declared size
 * the file cannot honestly hold. The size is checked from the header, before decoding, so a small
 * hostile file (a decompression bomb) cannot make the decoder allocate far beyond its own size: an
 * image may have at most {@value #MAX_PIXELS} pixels, and at most {@value #PIXELS_PER_BYTE} per byte
 * of file beyond the first {@value #FREE_PIXELS}. No PNG, GIF, JPEG or BMP compresses further than
 * about 8 300 pixels per byte (a 1-bit PNG at deflate's limit of 1 032 : 1), so real images pass; a
 * CCITT fax TIFF of a nearly blank page can, and is refused.
 */
public final class ImageDecoder {

    /** The most pixels a file may declare. */
    public static final long MAX_PIXELS = 100_000_000L;
    /** Pixels allowed per byte of file, beyond {@link #FREE_PIXELS}. */
    public static final long PIXELS_PER_BYTE = 10_000L;
    /** Pixels any file may declare whatever its size (a 1024 x 1024 image). */
    public static final long FREE_PIXELS = 1L << 20;

    /** Channels of the decoded pixels. */
    public enum Color {
        /** One channel, BT.601 luma. */
        GRAY(1),
        /** Three channels, red, green, blue. */
        RGB(3);

        private final int channels;

        Color(int channels) {
            this.channels = channels;
        }

        /** @return the number of channels */
        public int channels() {
            return channels;
        }
    }

    /**
     * An image size.
     *
     * @param height rows
     * @param width columns
     */
    public record Size(int height, int width) {

        /** Checks the size. */
        public Size {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("An image size needs height and width >= 1; got " + height + " x "
                        + width + ".");
            }
        }
    }

    private ImageDecoder() {}

    /**
     * The size a file declares, read from its header without decoding its pixels.
     *
     * @param file the image file
     * @return its size
     * @throws DataFormatException if it is not a readable image or declares too many pixels
     * @throws IOException if it cannot be read
     */
    public static Size sizeOf(Path file) throws IOException {
        requireFile(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(file, in);
            try {
                return checkedSize(file, reader.getHeight(0), reader.getWidth(0), Files.size(file));
            } finally {
                reader.dispose();
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file.toString(), "cannot be read as an image: " + e, e);
        }
    }

    /**
     * Decodes a file.
     *
     * @param file the image file
     * @param color gray or RGB
     * @param size the output size, or null to keep the file's
     * @return {@code color.channels() × height × width} floats in [0, 1]
     * @throws DataFormatException if it is not a readable image
     * @throws IOException if it cannot be read
     */
    public static float[] decode(Path file, Color color, Size size) throws IOException {
        Rgb rgb = decodeRgb(file, size);
        byte[] bytes = color == Color.GRAY ? luma(rgb.rgb()) : rgb.rgb();
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (bytes[i] & 0xff) / 255f;
        }
        return out;
    }

    /**
     * An image's 8-bit pixels, three planes, as stored in a decode cache.
     *
     * @param height rows
     * @param width columns
     * @param rgb {@code 3 × height × width} bytes: the red plane, then green, then blue
     * @param gray whether red, green and blue are equal at every pixel
     */
    public record Rgb(int height, int width, byte[] rgb, boolean gray) {}

    /**
     * Decodes a file to 8-bit RGB planes.
     *
     * @param file the image file
     * @param size the output size, or null to keep the file's
     * @return the pixels
     * @throws DataFormatException if it is not a readable image
     * @throws IOException if it cannot be read
     */
    public static Rgb decodeRgb(Path file, Size size) throws IOException {
        BufferedImage image = read(file, size);
        int height = image.getHeight();
        int width = image.getWidth();
        int plane = height * width;
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] out = new byte[3 * plane];
        boolean gray = true;
        for (int i = 0; i < plane; i++) {
            int r = (argb[i] >> 16) & 0xff;
            int g = (argb[i] >> 8) & 0xff;
            int b = argb[i] & 0xff;
            gray &= r == g && g == b;
            out[i] = (byte) r;
            out[plane + i] = (byte) g;
            out[2 * plane + i] = (byte) b;
        }
        return new Rgb(height, width, out, gray);
    }

    /**
     * BT.601 luma of 8-bit RGB planes, rounded to 8 bits.
     *
     * @param rgb three planes
     * @return one plane
     */
    public static byte[] luma(byte[] rgb) {
        int plane = rgb.length / 3;
        byte[] out = new byte[plane];
        for (int i = 0; i < plane; i++) {
            float y = 0.299f * (rgb[i] & 0xff) + 0.587f * (rgb[plane + i] & 0xff) + 0.114f * (rgb[2 * plane + i] & 0xff);
            out[i] = (byte) Math.min(255, Math.round(y));
        }
        return out;
    }

    private static BufferedImage read(Path file, Size size) throws IOException {
        requireFile(file);
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(file, in);
            try {
                checkedSize(file, reader.getHeight(0), reader.getWidth(0), Files.size(file));
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file.toString(), "cannot be decoded as an image: " + e, e);
        }
        if (size != null && (size.height() != image.getHeight() || size.width() != image.getWidth())) {
            image = resized(image, size);
        }
        return image;
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such image file");
        }
        if (Files.size(file) == 0) {
            throw new DataFormatException(file, "is empty.");
        }
    }

    private static ImageReader reader(Path file, ImageInputStream in) throws DataFormatException {
        Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
        if (readers == null || !readers.hasNext()) {
            throw new DataFormatException(file, "is not a PNG, JPEG, BMP, GIF or TIFF image.");
        }
        ImageReader reader = readers.next();
        reader.setInput(in, true, false); // GIF keeps its interlacing in the image metadata
        return reader;
    }

    /**
     * The most pixels a file of this size may declare.
     *
     * @param fileBytes the file's size
     * @return the bound
     */
    public static long pixelBudget(long fileBytes) {
        return Math.min(MAX_PIXELS, FREE_PIXELS + PIXELS_PER_BYTE * Math.max(0, fileBytes));
    }

    private static Size checkedSize(Path file, int height, int width, long fileBytes) throws DataFormatException {
        long pixels = (long) height * width;
        if (height < 1 || width < 1 || pixels > MAX_PIXELS) {
            throw new DataFormatException(file, "declares " + width + " x " + height + " pixels; images must have "
                    + "between 1 and " + MAX_PIXELS + ".");
        }
        if (pixels > pixelBudget(fileBytes)) {
            throw new DataFormatException(file, "declares " + width + " x " + height + " pixels in only " + fileBytes
                    + " bytes, more than any PNG, JPEG, GIF or BMP can compress; it is corrupt or a decompression bomb.");
        }
        return new Size(height, width);
    }

    private static BufferedImage resized(BufferedImage image, Size size) {
        BufferedImage out = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, size.width(), size.height(), null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
