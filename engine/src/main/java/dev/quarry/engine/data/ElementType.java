package dev.quarry.engine.data;

import ai.djl.ndarray.types.DataType;

/** The element types Quarry's readers and writers understand, with their NumPy and DJL names. */
public enum ElementType {
    /** Unsigned byte, as in image files. */
    UINT8(1, "|u1", DataType.UINT8),
    /** Signed byte. */
    INT8(1, "|i1", DataType.INT8),
    /** 16-bit signed integer (IDX only; DJL has no int16 type, so datasets convert it to float32). */
    INT16(2, "<i2", null),
    /** 32-bit signed integer. */
    INT32(4, "<i4", DataType.INT32),
    /** 64-bit signed integer. */
    INT64(8, "<i8", DataType.INT64),
    /** 32-bit float. */
    FLOAT32(4, "<f4", DataType.FLOAT32),
    /** 64-bit float. */
    FLOAT64(8, "<f8", DataType.FLOAT64);

    private final int bytes;
    private final String numpyDescr;
    private final DataType djlType;

    ElementType(int bytes, String numpyDescr, DataType djlType) {
        this.bytes = bytes;
        this.numpyDescr = numpyDescr;
        this.djlType = djlType;
    }

    /**
     * Bytes per element.
     *
     * @return the size
     */
    public int bytes() {
        return bytes;
    }

    /**
     * The little-endian NumPy type string, such as {@code <f4}.
     *
     * @return the descr
     */
    public String numpyDescr() {
        return numpyDescr;
    }

    /**
     * The DJL data type with the same layout.
     *
     * @return the type, or null for {@link #INT16}
     */
    public DataType djlType() {
        return djlType;
    }

    /**
     * Whether the values are floating point.
     *
     * @return true for FLOAT32 and FLOAT64
     */
    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64;
    }
}
