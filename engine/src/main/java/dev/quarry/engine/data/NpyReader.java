package dev.quarry.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1, 2 and 3): little-endian {@code uint8}, {@code
 * int8}, {@code int32}, {@code int64}, {@code float32} and {@code float64}, C order.
 *
 * <p>The header is a Python dict literal; the reader checks the magic string, the version, the
 * header's {@code descr}, {@code fortran_order} and {@code shape}, and that the data is exactly as
 * long as the shape says.
 */
public final class NpyReader {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /**
     * Reads a {@code .npy} file.
     *
     * @param file the file
     * @return the array
     * @throws NoSuchFileException if the file does not exist
     * @throws DataFormatException if it is not a supported {@code .npy} file
     * @throws IOException if it cannot be read
     */
    public static HostArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "NPY file not found");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads only the header of a {@code .npy} file: its shape, without reading the data (the row
     * counts of shards, say).
     *
     * @param file the file
     * @return the shape the header declares
     * @throws NoSuchFileException if the file does not exist
     * @throws DataFormatException if its header is not a supported {@code .npy} header
     * @throws IOException if it cannot be read
     */
    public static long[] shape(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "NPY file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(12);
            // Enough bytes for the header the first 12 declare (the parser reports a bad or short start).
            long headerLength = 0;
            if (start.length == 12 && Arrays.equals(Arrays.copyOf(start, 6), MAGIC)) {
                ByteBuffer b = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN);
                headerLength = (start[6] & 0xff) == 1 ? Short.toUnsignedInt(b.getShort(8)) : Integer.toUnsignedLong(b.getInt(8));
            }
            if (headerLength > Integer.MAX_VALUE - 16) {
                throw new DataFormatException(file.toString(), "declares a header of " + headerLength + " bytes");
            }
            byte[] rest = in.readNBytes((int) headerLength + 4);
            byte[] bytes = Arrays.copyOf(start, start.length + rest.length);
            System.arraycopy(rest, 0, bytes, start.length, rest.length);
            return header(bytes, file.toString()).shape();
        }
    }

    /** A parsed header: the element type, the shape, and where the data starts. */
    private record Header(ElementType type, long[] shape, long dataStart) {}

    static HostArray parse(byte[] bytes, String name) throws DataFormatException {
        Header h = header(bytes, name);
        ElementType type = h.type();
        long[] shape = h.shape();
        long dataStart = h.dataStart();
        long expected = HostArray.elementCount(shape) * type.bytes();
        long actual = bytes.length - dataStart;
        if (actual < expected) {
            throw new DataFormatException(name, "truncated: the header declares " + type.numpyDescr() + " "
                    + Arrays.toString(shape) + " (" + expected + " data bytes) but only " + actual + " follow it");
        }
        if (actual > expected) {
            throw new DataFormatException(name, (actual - expected) + " bytes follow the " + expected
                    + " data bytes that the header declares; the file is corrupt");
        }
        ByteBuffer data = HostArray.allocate(expected);
        data.put(bytes, (int) dataStart, (int) expected);
        return HostArray.wrap(type, shape, data);
    }

    private static Header header(byte[] bytes, String name) throws DataFormatException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new DataFormatException(name, "not a NumPy .npy file (it does not start with \\x93NUMPY); "
                    + "save arrays with numpy.save");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int lengthBytes;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(b.getShort(8));
            lengthBytes = 2;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new DataFormatException(name, "truncated inside its header");
            }
            headerLength = Integer.toUnsignedLong(b.getInt(8));
            lengthBytes = 4;
        } else {
            throw new DataFormatException(name, "unsupported .npy format version " + major + "." + (bytes[7] & 0xff)
                    + "; expected 1.0, 2.0 or 3.0");
        }
        long dataStart = 8 + lengthBytes + headerLength;
        if (dataStart > bytes.length) {
            throw new DataFormatException(name, "truncated inside its header (" + bytes.length + " of " + dataStart + " bytes)");
        }
        String header = new String(bytes, 8 + lengthBytes, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ElementType type = elementType(field(DESCR, header, "descr", name), name);
        if (field(FORTRAN, header, "fortran_order", name).equals("True")) {
            throw new DataFormatException(name, "is in Fortran order; save a C-ordered array "
                    + "(numpy.save(f, numpy.ascontiguousarray(a)))");
        }
        return new Header(type, shape(field(SHAPE, header, "shape", name), name), dataStart);
    }

    private static String field(Pattern pattern, String header, String key, String name) throws DataFormatException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new DataFormatException(name, "the header has no valid '" + key + "' entry: " + header.trim());
        }
        return m.group(1);
    }

    private static ElementType elementType(String descr, String name) throws DataFormatException {
        switch (descr) {
            case "|u1":
            case "<u1":
            case "u1":
                return ElementType.UINT8;
            case "|i1":
            case "<i1":
            case "i1":
                return ElementType.INT8;
            case "<i4":
                return ElementType.INT32;
            case "<i8":
                return ElementType.INT64;
            case "<f4":
                return ElementType.FLOAT32;
            case "<f8":
                return ElementType.FLOAT64;
            default:
                if (descr.startsWith(">")) {
                    throw new DataFormatException(name, "is big-endian ('" + descr + "'); convert it with "
                            + "a.astype(a.dtype.newbyteorder('<')) before saving");
                }
                throw new DataFormatException(name, "has dtype '" + descr + "'; supported are uint8, int8, int32, "
                        + "int64, float32 and float64 (little-endian)");
        }
    }

    private static long[] shape(String tuple, String name) throws DataFormatException {
        String t = tuple.trim();
        if (t.isEmpty()) {
            return new long[0];
        }
        String[] parts = t.split(",");
        int n = parts.length;
        if (parts[n - 1].isBlank()) {
            n--;
        }
        long[] shape = new long[n];
        for (int i = 0; i < n; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].trim().replace("L", ""));
            } catch (NumberFormatException e) {
                throw new DataFormatException(name, "the shape (" + tuple + ") is not a tuple of integers");
            }
            if (shape[i] < 0) {
                throw new DataFormatException(name, "the shape (" + tuple + ") has a negative dimension");
            }
        }
        return shape;
    }
}
