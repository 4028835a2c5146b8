package dev.quarry.labeling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ItemSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Any item as a PNG a person can look at, for items that are not image files (tensors, RF
 * footprints). An item {@code (C, H, W)} with one or three channels is drawn as an image; any other
 * item is drawn as a spectrogram: each channel a heat map (rows = the second axis, such as sub-bands;
 * columns = the last, such as packets), side by side. Values are scaled to the item's own range,
 * and each cell is enlarged to at least {@value #MIN_SIDE} pixels on the short side so small items
 * stay visible.
 */
public final class ItemRenderer {

    static final int MIN_SIDE = 128;

    private ItemRenderer() {}

    /**
     * Renders an item.
     *
     * @param items the source
     * @param id the item
     * @param manager where the item's tensor is made (closed by the caller)
     * @return PNG bytes
     */
    public static byte[] png(ItemSource items, long id, NDManager manager) {
        long[] shape = items.itemShape().getShape();
        try (NDManager m = manager.newSubManager()) {
            NDArray batch = items.batch(new long[] {id}, 0, 1, m);
            float[] values = batch.toFloatArray();
            BufferedImage image = shape.length == 3 && (shape[0] == 1 || shape[0] == 3)
                    ? picture(values, (int) shape[0], (int) shape[1], (int) shape[2])
                    : spectrogram(values, shape);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding into memory failed", e);
        }
    }

    private static BufferedImage picture(float[] v, int channels, int height, int width) {
        float[] range = range(v);
        int scale = Math.max(1, MIN_SIDE / Math.min(height, width));
        BufferedImage out = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r = level(v[i], range);
                int g = channels == 3 ? level(v[plane + i], range) : r;
                int b = channels == 3 ? level(v[2 * plane + i], range) : r;
                fill(out, x * scale, y * scale, scale, scale, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    /** Channels side by side, each {@code (rows, columns)} with every further axis folded into the rows. */
    private static BufferedImage spectrogram(float[] v, long[] shape) {
        int channels = shape.length >= 2 ? (int) shape[0] : 1;
        int columns = (int) shape[shape.length - 1];
        int rows = v.length / channels / columns;
        float[] range = range(v);
        int cell = Math.max(4, MIN_SIDE / Math.max(1, Math.min(rows, columns)));
        int gap = cell;
        BufferedImage out = new BufferedImage(channels * columns * cell + (channels - 1) * gap, rows * cell,
                BufferedImage.TYPE_INT_RGB);
        fill(out, 0, 0, out.getWidth(), out.getHeight(), 0xffffff);
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < columns; k++) {
                    float t = level(v[(c * rows + r) * columns + k], range) / 255f;
                    fill(out, c * (columns * cell + gap) + k * cell, (rows - 1 - r) * cell, cell, cell, heat(t));
                }
            }
        }
        return out;
    }

    private static float[] range(float[] v) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return new float[] {lo, hi};
    }

    private static int level(float x, float[] range) {
        float span = range[1] - range[0];
        return span > 0 ? Math.round(255 * (x - range[0]) / span) : 128;
    }

    /** A perceptually ordered dark-blue → red → yellow ramp. */
    private static int heat(float t) {
        int r = Math.round(255 * Math.min(1, 1.5f * t));
        int g = Math.round(255 * Math.max(0, Math.min(1, 2 * t - 0.8f)));
        int b = Math.round(255 * Math.max(0, 0.5f - t) * 1.6f);
        return (r << 16) | (g << 8) | b;
    }

    private static void fill(BufferedImage image, int x0, int y0, int w, int h, int rgb) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
    }
}
