package dev.quarry.engine.model;

import dev.quarry.engine.data.ElementType;
import dev.quarry.engine.data.HostArray;

import java.nio.ByteBuffer;

/**
 * Standardization of raw pixel values: {@code (x - mean) / std}, with mean and standard deviation
 * over every pixel of a dataset (for Fashion-MNIST's uint8 pixels, about 73 and 90).
 *
 * @param mean the mean raw value
 * @param std the standard deviation, > 0
 */
public record InputNormalization(float mean, float std) {

    /**
     * Validates the statistics.
     *
     * @param mean the mean
     * @param std the standard deviation
     */
    public InputNormalization {
        if (!Float.isFinite(mean) || !(std > 0) || !Float.isFinite(std)) {
            throw new IllegalArgumentException("Normalization mean " + mean + " and std " + std
                    + " must be finite with std > 0 (are all pixels equal?).");
        }
    }

    /**
     * Computes the statistics of every value of an array, accumulating in double.
     *
     * @param images uint8 or float32 images
     * @return the normalization
     */
    public static InputNormalization of(HostArray images) {
        ByteBuffer b = images.data();
        long n = images.elementCount();
        double sum = 0;
        double sumSq = 0;
        boolean bytes = images.type() == ElementType.UINT8;
        for (long i = 0; i < n; i++) {
            double v = bytes ? Byte.toUnsignedInt(b.get((int) i)) : b.getFloat((int) (i * 4));
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        return new InputNormalization((float) mean, (float) Math.sqrt(variance));
    }
}
