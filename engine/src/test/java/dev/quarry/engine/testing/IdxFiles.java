package dev.quarry.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files byte by byte for reader tests. */
public final class IdxFiles {

    private IdxFiles() {}

    /**
     * An IDX file of unsigned bytes.
     *
     * @param values the data
     * @param dims the dimensions
     * @return the file's bytes
     */
    public static byte[] ubyte(byte[] values, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + values.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(values);
        return b.array();
    }

    /**
     * An IDX file of big-endian floats.
     *
     * @param values the data
     * @param dims the dimensions
     * @return the file's bytes
     */
    public static byte[] float32(float[] values, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + 4 * values.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x0D).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /**
     * Gzips bytes.
     *
     * @param raw the bytes
     * @return the gzip stream
     */
    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
