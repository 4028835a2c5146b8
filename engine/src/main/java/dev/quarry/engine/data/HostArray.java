package dev.quarry.engine.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, C-ordered tensor held in Java memory: an element type, a shape and little-endian bytes.
 *
 * <p>It is what the file readers return and what datasets keep on the host, so that a large pool
 * costs one byte per pixel until a batch of it is sent to the device.
 */
public final class HostArray {

    private final ElementType type;
    private final long[] shape;
    private final ByteBuffer data;

    private HostArray(ElementType type, long[] shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /**
     * Wraps bytes that already hold the values.
     *
     * @param type the element type
     * @param shape the dimensions, each >= 0
     * @param data exactly {@code product(shape) * type.bytes()} bytes, little-endian, read from
     *     position 0
     * @return the array
     * @throws IllegalArgumentException if the byte count does not match the shape
     */
    public static HostArray wrap(ElementType type, long[] shape, ByteBuffer data) {
        Objects.requireNonNull(type, "type");
        long count = elementCount(shape);
        long expected = count * type.bytes();
        if (data.capacity() != expected) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " of " + type + " needs "
                    + expected + " bytes but " + data.capacity() + " were given.");
        }
        ByteBuffer copy = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        copy.clear();
        return new HostArray(type, shape.clone(), copy);
    }

    /**
     * A float32 array holding a copy of the values.
     *
     * @param values the values, C order
     * @param shape the dimensions
     * @return the array
     */
    public static HostArray ofFloats(float[] values, long... shape) {
        ByteBuffer b = allocate((long) values.length * 4);
        b.asFloatBuffer().put(values);
        return wrap(ElementType.FLOAT32, shape, b);
    }

    /**
     * A float64 array holding a copy of the values.
     *
     * @param values the values, C order
     * @param shape the dimensions
     * @return the array
     */
    public static HostArray ofDoubles(double[] values, long... shape) {
        ByteBuffer b = allocate((long) values.length * 8);
        b.asDoubleBuffer().put(values);
        return wrap(ElementType.FLOAT64, shape, b);
    }

    /**
     * An int32 array holding a copy of the values.
     *
     * @param values the values, C order
     * @param shape the dimensions
     * @return the array
     */
    public static HostArray ofInts(int[] values, long... shape) {
        ByteBuffer b = allocate((long) values.length * 4);
        b.asIntBuffer().put(values);
        return wrap(ElementType.INT32, shape, b);
    }

    /**
     * An int64 array holding a copy of the values.
     *
     * @param values the values, C order
     * @param shape the dimensions
     * @return the array
     */
    public static HostArray ofLongs(long[] values, long... shape) {
        ByteBuffer b = allocate((long) values.length * 8);
        b.asLongBuffer().put(values);
        return wrap(ElementType.INT64, shape, b);
    }

    /**
     * A uint8 array holding a copy of the bytes (read as 0..255).
     *
     * @param values the values, C order
     * @param shape the dimensions
     * @return the array
     */
    public static HostArray ofUnsignedBytes(byte[] values, long... shape) {
        ByteBuffer b = allocate(values.length);
        b.put(values);
        return wrap(ElementType.UINT8, shape, b);
    }

    static ByteBuffer allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("An array of " + bytes + " bytes is larger than the 2 GiB a host array can hold.");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static long elementCount(long[] shape) {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Dimension " + d + " in shape " + Arrays.toString(shape) + " must be >= 0.");
            }
            count = Math.multiplyExact(count, d);
        }
        return count;
    }

    /**
     * The element type.
     *
     * @return the type
     */
    public ElementType type() {
        return type;
    }

    /**
     * The dimensions.
     *
     * @return a copy of the shape
     */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * One dimension.
     *
     * @param axis the axis
     * @return its length
     */
    public long dim(int axis) {
        return shape[axis];
    }

    /**
     * The number of dimensions.
     *
     * @return the rank
     */
    public int rank() {
        return shape.length;
    }

    /**
     * The number of elements.
     *
     * @return the product of the shape
     */
    public long elementCount() {
        return elementCount(shape);
    }

    /**
     * A read-only view of the bytes, little-endian, positioned at 0.
     *
     * @return the view
     */
    public ByteBuffer data() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Bytes per slice along the first axis (per item, for a dataset).
     *
     * @return the slice size in bytes
     */
    public int rowBytes() {
        if (shape.length == 0) {
            return type.bytes();
        }
        return (int) (elementCount(Arrays.copyOfRange(shape, 1, shape.length)) * type.bytes());
    }

    /**
     * Copies slice {@code row} of the first axis into {@code target} at its position.
     *
     * @param row the slice index
     * @param target where to put the bytes; its position advances
     */
    public void copyRowTo(int row, ByteBuffer target) {
        int rb = rowBytes();
        ByteBuffer src = data.duplicate();
        src.limit((row + 1) * rb).position(row * rb);
        target.put(src);
    }

    /**
     * All values as float32, converted from any element type.
     *
     * @return a new array, C order
     */
    public float[] toFloatArray() {
        int n = Math.toIntExact(elementCount());
        float[] out = new float[n];
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out[i] = (float) doubleAt(b, i);
        }
        return out;
    }

    /**
     * All values as int32, for integer arrays whose values fit.
     *
     * @return a new array, C order
     * @throws IllegalArgumentException for floating-point data or values outside the int range
     */
    public int[] toIntArray() {
        long[] longs = toLongArray();
        int[] out = new int[longs.length];
        for (int i = 0; i < longs.length; i++) {
            if (longs[i] < Integer.MIN_VALUE || longs[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Value " + longs[i] + " at index " + i + " does not fit in an int.");
            }
            out[i] = (int) longs[i];
        }
        return out;
    }

    /**
     * All values as int64, for integer arrays.
     *
     * @return a new array, C order
     * @throws IllegalArgumentException for floating-point data
     */
    public long[] toLongArray() {
        if (type.isFloatingPoint()) {
            throw new IllegalArgumentException("Expected integer values but the array holds " + type + ".");
        }
        int n = Math.toIntExact(elementCount());
        long[] out = new long[n];
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out[i] = longAt(b, i);
        }
        return out;
    }

    private long longAt(ByteBuffer b, int i) {
        switch (type) {
            case UINT8:
                return Byte.toUnsignedInt(b.get(i));
            case INT8:
                return b.get(i);
            case INT16:
                return b.getShort(i * 2);
            case INT32:
                return b.getInt(i * 4);
            case INT64:
                return b.getLong(i * 8);
            default:
                throw new IllegalStateException("Not an integer type: " + type);
        }
    }

    private double doubleAt(ByteBuffer b, int i) {
        switch (type) {
            case FLOAT32:
                return b.getFloat(i * 4);
            case FLOAT64:
                return b.getDouble(i * 8);
            default:
                return longAt(b, i);
        }
    }

    /**
     * Copies the array to the device of {@code manager}, as its element type (int16, which DJL
     * lacks, is widened to int32).
     *
     * @param manager where the array will live
     * @return the NDArray
     */
    public NDArray toNDArray(NDManager manager) {
        if (type == ElementType.INT16) {
            return manager.create(toIntArray(), new Shape(shape));
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(data.duplicate()).flip();
        return manager.create(direct, new Shape(shape), type.djlType());
    }

    @Override
    public String toString() {
        return "HostArray[" + type + " " + Arrays.toString(shape) + "]";
    }
}
