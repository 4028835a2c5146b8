package dev.quarry.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Images on the host, {@code (N, H, W)} or {@code (N, C, H, W)}, uint8 or float32, with optional
 * ground-truth labels.
 *
 * <p>An item's global id is its index here. Ground truth is what a simulated oracle answers with;
 * a pool labeled by a person has none ({@link #hasLabels()} is false).
 */
public final class ImageDataset {

    private final String name;
    private final HostArray images;
    private final int[] labels;
    private final List<String> classNames;

    private ImageDataset(String name, HostArray images, int[] labels, List<String> classNames) {
        this.name = name;
        this.images = images;
        this.labels = labels;
        this.classNames = classNames;
    }

    /**
     * Validates and wraps images and labels.
     *
     * @param name a name for messages and reports
     * @param images {@code (N, H, W)} or {@code (N, C, H, W)}; float64 and integer images are
     *     converted to float32
     * @param labels ground truth in {@code [0, classNames.size())}, length N; or null when unknown
     * @param classNames one name per class
     * @return the dataset
     * @throws IllegalArgumentException naming what does not fit
     */
    public static ImageDataset of(String name, HostArray images, int[] labels, List<String> classNames) {
        Objects.requireNonNull(name, "name");
        if (images.rank() != 3 && images.rank() != 4) {
            throw new IllegalArgumentException(name + ": images must be (N, H, W) or (N, C, H, W), got shape "
                    + Arrays.toString(images.shape()) + ".");
        }
        if (classNames == null || classNames.size() < 2) {
            throw new IllegalArgumentException(name + ": a classifier needs at least 2 classes, got " + classNames + ".");
        }
        HostArray pixels = images.type() == ElementType.UINT8 || images.type() == ElementType.FLOAT32
                ? images
                : HostArray.ofFloats(images.toFloatArray(), images.shape());
        if (pixels.type() == ElementType.FLOAT32) {
            requireFinite(name, pixels);
        }
        int n = Math.toIntExact(images.dim(0));
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException(name + ": " + n + " images but " + labels.length + " labels.");
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new IllegalArgumentException(name + ": label " + labels[i] + " of item " + i
                            + " is outside [0, " + classNames.size() + ").");
                }
            }
        }
        return new ImageDataset(name, pixels, labels == null ? null : labels.clone(), List.copyOf(classNames));
    }

    private static void requireFinite(String name, HostArray pixels) {
        NonFinite bad = NonFinite.ofFloats(pixels.data(), pixels.elementCount());
        if (!bad.none()) {
            throw new IllegalArgumentException(name + ": " + bad.rows() + " pixel values are NaN or infinite (first at flat "
                    + "index " + bad.first() + "); clean the images before loading them.");
        }
    }

    /**
     * The name given at creation.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The images.
     *
     * @return the host array
     */
    public HostArray images() {
        return images;
    }

    /**
     * The number of items.
     *
     * @return N
     */
    public int size() {
        return (int) images.dim(0);
    }

    /**
     * Channels per image (1 for {@code (N, H, W)} data).
     *
     * @return C
     */
    public int channels() {
        return images.rank() == 4 ? (int) images.dim(1) : 1;
    }

    /**
     * Image height.
     *
     * @return H
     */
    public int height() {
        return (int) images.dim(images.rank() - 2);
    }

    /**
     * Image width.
     *
     * @return W
     */
    public int width() {
        return (int) images.dim(images.rank() - 1);
    }

    /**
     * The number of classes.
     *
     * @return C
     */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * The class names.
     *
     * @return one per class
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Whether ground truth is known.
     *
     * @return true when labels were given
     */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * The ground truth.
     *
     * @return a copy of the labels
     * @throws IllegalStateException if the dataset has none
     */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException(name + " has no ground-truth labels.");
        }
        return labels.clone();
    }

    /**
     * Items per class in the ground truth.
     *
     * @return counts indexed by class
     */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels()) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Items as a float32 batch {@code (to - from, C, H, W)} on the manager's device, values as stored
     * (not standardized): the rows are gathered on the host in their stored type (one byte per pixel
     * for uint8 data), copied once, and converted on the device.
     *
     * @param ids global ids
     * @param from first position in {@code ids}, inclusive
     * @param to last position, exclusive
     * @param manager where the batch lives
     * @return the batch
     * @throws IllegalArgumentException for an id outside the dataset
     */
    public NDArray batch(long[] ids, int from, int to, NDManager manager) {
        int rowBytes = images.rowBytes();
        ByteBuffer buffer = ByteBuffer.allocateDirect((to - from) * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < to; i++) {
            long id = ids[i];
            if (id < 0 || id >= size()) {
                throw new IllegalArgumentException("Item id " + id + " is outside " + name + " [0, " + size() + ").");
            }
            images.copyRowTo((int) id, buffer);
        }
        buffer.flip();
        Shape shape = new Shape(to - from, channels(), height(), width());
        return manager.create(buffer, shape, images.type().djlType()).toType(DataType.FLOAT32, false);
    }

    /**
     * A new dataset holding the given items, in the given order.
     *
     * @param subsetName the new name
     * @param indices item indices into this dataset
     * @return the subset (its ids are positions in {@code indices})
     */
    public ImageDataset subset(String subsetName, int[] indices) {
        long[] shape = images.shape();
        shape[0] = indices.length;
        ByteBuffer out = HostArray.allocate((long) indices.length * images.rowBytes());
        int[] subLabels = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IllegalArgumentException("Index " + indices[i] + " is outside [0, " + size() + ").");
            }
            images.copyRowTo(indices[i], out);
            if (subLabels != null) {
                subLabels[i] = labels[indices[i]];
            }
        }
        return new ImageDataset(subsetName, HostArray.wrap(images.type(), shape, out), subLabels, classNames);
    }

    @Override
    public String toString() {
        return name + "[" + size() + " × " + channels() + "×" + height() + "×" + width() + " " + images.type()
                + ", " + numClasses() + " classes" + (labels == null ? ", no ground truth" : "") + "]";
    }
}
