package dev.quarry.engine.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzipped (detected from the
 * content, not the file name).
 *
 * <p>Layout: two zero bytes, a type code (0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float,
 * 0x0E double), the number of dimensions, each dimension as a big-endian int, then the values,
 * big-endian. The reader checks every part and that the data is exactly as long as the header
 * says.
 */
public final class IdxReader {

    private static final int MAX_DIMENSIONS = 8;

    private IdxReader() {}

    /**
     * Reads an IDX file.
     *
     * @param file the file, {@code .gz} or raw
     * @return the array, converted to little-endian
     * @throws NoSuchFileException if the file does not exist
     * @throws DataFormatException if it is not a valid IDX file
     * @throws IOException if it cannot be read
     */
    public static HostArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "IDX file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads an IDX stream.
     *
     * @param in the stream, gzipped or raw; not closed
     * @param name a name for error messages
     * @return the array
     * @throws DataFormatException if it is not a valid IDX stream
     * @throws IOException if it cannot be read
     */
    public static HostArray read(InputStream in, String name) throws IOException {
        byte[] bytes = readMaybeGzipped(in, name);
        return parse(bytes, name);
    }

    private static byte[] readMaybeGzipped(InputStream raw, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try (GZIPInputStream gz = new GZIPInputStream(in, 1 << 16)) {
                return gz.readAllBytes();
            } catch (EOFException e) {
                throw new DataFormatException(name, "the gzip stream is truncated; download the file again", e);
            } catch (ZipException e) {
                throw new DataFormatException(name, "the gzip stream is corrupt (" + e.getMessage() + ")", e);
            }
        }
        return in.readAllBytes();
    }

    static HostArray parse(byte[] bytes, String name) throws DataFormatException {
        if (bytes.length < 4) {
            throw new DataFormatException(name, "only " + bytes.length + " bytes; an IDX file starts with a 4-byte magic number");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (bytes[0] != 0 || bytes[1] != 0) {
            throw new DataFormatException(name, String.format(
                    "bad magic number 0x%02x%02x%02x%02x; an IDX file starts with two zero bytes",
                    bytes[0], bytes[1], bytes[2], bytes[3]));
        }
        ElementType type = typeOf(bytes[2] & 0xff, name);
        int rank = bytes[3] & 0xff;
        if (rank < 1 || rank > MAX_DIMENSIONS) {
            throw new DataFormatException(name, "declares " + rank + " dimensions; expected 1 to " + MAX_DIMENSIONS);
        }
        int headerBytes = 4 + 4 * rank;
        if (bytes.length < headerBytes) {
            throw new DataFormatException(name, "truncated inside its header (" + bytes.length + " of " + headerBytes + " bytes)");
        }
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            int d = b.getInt(4 + 4 * i);
            if (d < 0) {
                throw new DataFormatException(name, "dimension " + i + " is negative (" + Integer.toUnsignedString(d) + " read as unsigned)");
            }
            shape[i] = d;
        }
        long expected = HostArray.elementCount(shape) * type.bytes();
        long actual = bytes.length - (long) headerBytes;
        if (actual < expected) {
            throw new DataFormatException(name, "truncated: the header declares " + type + " " + Arrays.toString(shape)
                    + " (" + expected + " data bytes) but only " + actual + " follow it");
        }
        if (actual > expected) {
            throw new DataFormatException(name, (actual - expected) + " bytes follow the " + expected
                    + " data bytes that the header " + Arrays.toString(shape) + " declares; the file is corrupt");
        }
        ByteBuffer out = HostArray.allocate(expected);
        b.position(headerBytes);
        switch (type) {
            case UINT8:
            case INT8:
                out.put(b);
                break;
            case INT16:
                while (b.hasRemaining()) {
                    out.putShort(b.getShort());
                }
                break;
            case INT32:
            case FLOAT32:
                while (b.hasRemaining()) {
                    out.putInt(b.getInt());
                }
                break;
            case FLOAT64:
                while (b.hasRemaining()) {
                    out.putLong(b.getLong());
                }
                break;
            default:
                throw new IllegalStateException("Unhandled IDX type " + type);
        }
        return HostArray.wrap(type, shape, out);
    }

    private static ElementType typeOf(int code, String name) throws DataFormatException {
        switch (code) {
            case 0x08:
                return ElementType.UINT8;
            case 0x09:
                return ElementType.INT8;
            case 0x0B:
                return ElementType.INT16;
            case 0x0C:
                return ElementType.INT32;
            case 0x0D:
                return ElementType.FLOAT32;
            case 0x0E:
                return ElementType.FLOAT64;
            default:
                throw new DataFormatException(name, String.format(
                        "unknown IDX type code 0x%02x; expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E", code));
        }
    }
}
