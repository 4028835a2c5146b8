package dev.quarry.engine.data;

import dev.quarry.engine.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes NumPy {@code .npy} files (format 1.0, little-endian, C order), atomically. */
public final class NpyWriter {

    private NpyWriter() {}

    /**
     * Writes an array as {@code .npy}, replacing the file atomically.
     *
     * @param file the target
     * @param array the array (int16 is not a NumPy output type here)
     * @throws IOException if writing fails
     */
    public static void write(Path file, HostArray array) throws IOException {
        AtomicFiles.write(file, out -> write(array, out));
    }

    /**
     * Writes the bytes of a {@code .npy} file for an array to a stream.
     *
     * @param array the array
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public static void write(HostArray array, OutputStream out) throws IOException {
        out.write(header(array));
        Channels.newChannel(out).write(array.data());
    }

    static byte[] header(HostArray array) {
        if (array.type() == ElementType.INT16) {
            throw new IllegalArgumentException("Writing int16 arrays is not supported; convert to int32.");
        }
        StringBuilder shape = new StringBuilder("(");
        long[] dims = array.shape();
        for (int i = 0; i < dims.length; i++) {
            shape.append(dims[i]).append(dims.length == 1 || i < dims.length - 1 ? "," : "");
            if (i < dims.length - 1) {
                shape.append(' ');
            }
        }
        shape.append(')');
        String dict = "{'descr': '" + array.type().numpyDescr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        // Magic (6) + version (2) + length (2) + dict + padding + '\n' is a multiple of 64, as NumPy writes it.
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }
}
