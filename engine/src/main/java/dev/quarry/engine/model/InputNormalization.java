package dev.quarry.engine.model;

import ai.djl.ndarray.NDArray;

import dev.quarry.engine.data.ElementType;
import dev.quarry.engine.data.HostArray;
import dev.quarry.engine.errors.InvalidInputException;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Standardization of raw item values, {@code (x - mean) / std}: one mean and standard deviation over
 * every value of a dataset (images: for Fashion-MNIST's uint8 pixels about 73 and 90), or one per
 * feature for feature vectors, whose columns come in unrelated units.
 *
 * @param mean the mean, one value or one per feature
 * @param std the standard deviation, > 0, the same length
 */
public record InputNormalization(float[] mean, float[] std) {

    /**
     * Validates the statistics.
     *
     * @param mean the means
     * @param std the standard deviations
     */
    public InputNormalization {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means and " + std.length + " standard deviations; need the "
                    + "same non-zero number.");
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Float.isFinite(mean[i]) || !(std[i] > 0) || !Float.isFinite(std[i])) {
                throw new InvalidInputException("Normalization mean " + mean[i] + " and std " + std[i] + " must be finite "
                        + "with std > 0 (are all values equal?).");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * One mean and standard deviation for every value.
     *
     * @param mean the mean
     * @param std the standard deviation, > 0
     * @return the normalization
     */
    public static InputNormalization of(float mean, float std) {
        return new InputNormalization(new float[] {mean}, new float[] {std});
    }

    /**
     * The statistics of every value of an array, accumulated in double.
     *
     * @param values uint8 or float32 items
     * @return the normalization
     */
    public static InputNormalization of(HostArray values) {
        ByteBuffer b = values.data();
        long n = values.elementCount();
        double sum = 0;
        double sumSq = 0;
        boolean bytes = values.type() == ElementType.UINT8;
        for (long i = 0; i < n; i++) {
            double v = bytes ? Byte.toUnsignedInt(b.get((int) i)) : b.getFloat((int) (i * 4));
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        return of((float) mean, (float) Math.sqrt(variance));
    }

    /**
     * The statistics of each column of feature vectors, accumulated in double; a constant column keeps
     * a standard deviation of 1 (it carries no information, and dividing by 0 would make it NaN).
     *
     * @param values float32 vectors {@code (N, d)}
     * @return the normalization
     */
    public static InputNormalization perFeature(HostArray values) {
        if (values.rank() != 2) {
            throw new IllegalArgumentException("Per-feature statistics need vectors (N, d), got " + values + ".");
        }
        int n = (int) values.dim(0);
        int d = (int) values.dim(1);
        float[] flat = values.toFloatArray();
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double v = flat[i * d + j];
                sum += v;
                sumSq += v * v;
            }
            double m = sum / n;
            double s = Math.sqrt(Math.max(0, sumSq / n - m * m));
            mean[j] = (float) m;
            std[j] = s > 1e-12 ? (float) s : 1f;
        }
        return new InputNormalization(mean, std);
    }

    /**
     * Standardizes a batch in place, on its device.
     *
     * @param x {@code (n, ...)} float32; per-feature statistics need {@code (n, d)}
     * @return {@code x}
     */
    public NDArray apply(NDArray x) {
        if (mean.length == 1) {
            return x.subi(mean[0]).divi(std[0]);
        }
        return x.subi(x.getManager().create(mean)).divi(x.getManager().create(std));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputNormalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return mean.length == 1 ? "InputNormalization[mean=" + mean[0] + ", std=" + std[0] + "]"
                : "InputNormalization[per feature, d=" + mean.length + ", statistics " + Integer.toHexString(hashCode()) + "]";
    }
}
