package dev.quarry.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.quarry.engine.errors.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Items held on the host as one array, uint8 or float32, with optional ground-truth labels: images
 * {@code (N, H, W)} (one channel) or {@code (N, C, H, W)}, feature vectors {@code (N, d)}, or any
 * {@code (N, ...)} tensor such as RF footprints {@code (N, 2, 16, 8)}.
 *
 * <p>An item's global id is its index here. Ground truth is what a simulated oracle answers with;
 * a pool labeled by a person has none ({@link #hasLabels()} is false).
 */
public final class ArrayDataset implements ItemSource {

    private final String name;
    private final HostArray values;
    private final Shape itemShape;
    private final int[] labels;
    private final List<String> classNames;
    private final GivenLabels given;
    private final List<Path> files;

    private ArrayDataset(String name, HostArray values, Shape itemShape, int[] labels, List<String> classNames,
            GivenLabels given, List<Path> files) {
        this.name = name;
        this.values = values;
        this.itemShape = itemShape;
        this.labels = labels;
        this.classNames = classNames;
        this.given = given;
        this.files = files;
    }

    /**
     * Validates and wraps items and labels.
     *
     * @param name a name for messages and reports
     * @param values {@code (N, ...)} with at least one item axis; a 3-D array is read as one-channel
     *     images {@code (N, H, W)}; float64 and integer values are converted to float32
     * @param labels ground truth in {@code [0, classNames.size())}, length N; or null when unknown
     * @param classNames one name per class
     * @return the dataset
     * @throws InvalidInputException naming what does not fit
     */
    public static ArrayDataset of(String name, HostArray values, int[] labels, List<String> classNames) {
        Objects.requireNonNull(name, "name");
        if (values.rank() < 2) {
            throw new InvalidInputException(name + ": items must be an array (N, ...) with one row per item, got shape "
                    + Arrays.toString(values.shape()) + ".");
        }
        if (values.dim(0) == 0 || values.elementCount() == 0) {
            throw new InvalidInputException(name + ": the array " + Arrays.toString(values.shape()) + " holds no items.");
        }
        if (classNames == null || classNames.size() < 2) {
            throw new InvalidInputException(name + ": a classifier needs at least 2 classes, got " + classNames + ".");
        }
        HostArray stored = values.type() == ElementType.UINT8 || values.type() == ElementType.FLOAT32
                ? values
                : HostArray.ofFloats(values.toFloatArray(), values.shape());
        if (stored.type() == ElementType.FLOAT32) {
            NonFinite bad = NonFinite.ofFloats(stored.data(), stored.elementCount());
            if (!bad.none()) {
                throw new InvalidInputException(name + ": " + bad.rows() + " of " + bad.total() + " values are NaN or "
                        + "infinite (first at flat index " + bad.first() + "); clean the data before loading it.");
            }
        }
        int n = Math.toIntExact(values.dim(0));
        if (labels != null) {
            if (labels.length != n) {
                throw new InvalidInputException(name + ": " + n + " items but " + labels.length + " labels.");
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new InvalidInputException(name + ": label " + labels[i] + " of item " + i + " is outside [0, "
                            + classNames.size() + ").");
                }
            }
        }
        return new ArrayDataset(name, stored, itemShape(values.shape()), labels == null ? null : labels.clone(),
                List.copyOf(classNames), GivenLabels.NONE, null);
    }

    /**
     * Items of which only some are labeled: ground truth when every one is, otherwise none, and the
     * known labels as {@link #givenLabels()}.
     *
     * @param name a name for messages and reports
     * @param values {@code (N, ...)}, as for {@link #of}
     * @param perItem one entry per item: its class, or {@code -1} when unknown
     * @param classNames one name per class
     * @return the dataset
     * @throws InvalidInputException naming what does not fit
     */
    public static ArrayDataset partlyLabeled(String name, HostArray values, int[] perItem, List<String> classNames) {
        boolean complete = Arrays.stream(perItem).allMatch(l -> l >= 0);
        ArrayDataset unlabeled = of(name, values, complete ? perItem : null, classNames);
        if (complete) {
            return unlabeled;
        }
        if (perItem.length != unlabeled.size()) {
            throw new InvalidInputException(name + ": " + unlabeled.size() + " items but " + perItem.length + " labels.");
        }
        for (int i = 0; i < perItem.length; i++) {
            if (perItem[i] < -1 || perItem[i] >= classNames.size()) {
                throw new InvalidInputException(name + ": label " + perItem[i] + " of item " + i + " is outside [0, "
                        + classNames.size() + ") (-1 = unknown).");
            }
        }
        return new ArrayDataset(name, unlabeled.values, unlabeled.itemShape, null, unlabeled.classNames,
                GivenLabels.ofPerItem(perItem), null);
    }

    /**
     * The same items, each remembered with the file it was read from, so that people can be shown
     * it (the query files, the labeling page).
     *
     * @param itemFiles one file per item, in id order
     * @return the dataset
     */
    public ArrayDataset withItemFiles(List<Path> itemFiles) {
        if (itemFiles.size() != size()) {
            throw new IllegalArgumentException(name + ": " + size() + " items but " + itemFiles.size() + " files.");
        }
        return new ArrayDataset(name, values, itemShape, labels, classNames, given, List.copyOf(itemFiles));
    }

    /** One item's shape: the array's trailing axes, with a channel axis added to one-channel images. */
    private static Shape itemShape(long[] shape) {
        long[] item = Arrays.copyOfRange(shape, 1, shape.length);
        return item.length == 2 ? new Shape(1, item[0], item[1]) : new Shape(item);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The stored values.
     *
     * @return the host array, {@code (N, ...)}
     */
    public HostArray values() {
        return values;
    }

    @Override
    public int size() {
        return (int) values.dim(0);
    }

    @Override
    public Shape itemShape() {
        return itemShape;
    }

    @Override
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

    @Override
    public Optional<int[]> groundTruth() {
        return Optional.ofNullable(labels).map(int[]::clone);
    }

    /**
     * The labels that came with a partly labeled pool (images in class folders beside an {@code
     * unlabeled/} folder). A pool labeled throughout has ground truth instead, which only a
     * simulated oracle answers from: people labeling it are asked as if nothing were labeled.
     *
     * @return the given labels; none for a pool with ground truth or without any labels
     */
    public GivenLabels givenLabels() {
        return given;
    }

    @Override
    public Optional<Path> itemFile(long id) {
        if (id < 0 || id >= size()) {
            throw new IllegalArgumentException("Item id " + id + " is outside " + name + " [0, " + size() + ").");
        }
        return files == null ? Optional.empty() : Optional.of(files.get((int) id));
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
     * Items as a float32 batch on the manager's device, values as stored (not standardized): the
     * rows are gathered on the host in their stored type (one byte per pixel for uint8 data), copied
     * once, and converted on the device.
     */
    @Override
    public NDArray batch(long[] ids, int from, int to, NDManager manager) {
        int rowBytes = values.rowBytes();
        ByteBuffer buffer = ByteBuffer.allocateDirect((to - from) * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < to; i++) {
            long id = ids[i];
            if (id < 0 || id >= size()) {
                throw new IllegalArgumentException("Item id " + id + " is outside " + name + " [0, " + size() + ").");
            }
            values.copyRowTo((int) id, buffer);
        }
        buffer.flip();
        Shape shape = new Shape(to - from).addAll(itemShape);
        return manager.create(buffer, shape, values.type().djlType()).toType(DataType.FLOAT32, false);
    }

    /**
     * A new dataset holding the given items, in the given order.
     *
     * @param subsetName the new name
     * @param indices item indices into this dataset
     * @return the subset (its ids are positions in {@code indices})
     */
    public ArrayDataset subset(String subsetName, int[] indices) {
        long[] shape = values.shape();
        shape[0] = indices.length;
        ByteBuffer out = HostArray.allocate((long) indices.length * values.rowBytes());
        int[] subLabels = labels == null ? null : new int[indices.length];
        int[] known = given.perItem(size());
        int[] subKnown = new int[indices.length];
        List<Path> subFiles = files == null ? null : new ArrayList<>(indices.length);
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IllegalArgumentException("Index " + indices[i] + " is outside [0, " + size() + ").");
            }
            values.copyRowTo(indices[i], out);
            if (subLabels != null) {
                subLabels[i] = labels[indices[i]];
            }
            subKnown[i] = known[indices[i]];
            if (subFiles != null) {
                subFiles.add(files.get(indices[i]));
            }
        }
        return new ArrayDataset(subsetName, HostArray.wrap(values.type(), shape, out), itemShape, subLabels, classNames,
                GivenLabels.ofPerItem(subKnown), subFiles == null ? null : List.copyOf(subFiles));
    }

    @Override
    public String toString() {
        return name + "[" + size() + " × " + itemShape + " " + values.type() + ", " + numClasses() + " classes"
                + (labels == null ? ", no ground truth" + (given.size() > 0 ? ", " + given.size() + " labeled" : "") : "")
                + "]";
    }
}
