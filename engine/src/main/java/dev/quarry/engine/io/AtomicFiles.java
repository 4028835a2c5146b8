package dev.quarry.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Atomic replacement of a file: temporary file, fsync, rename, fsync of the directory. */
public final class AtomicFiles {

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream; closing it only flushes
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Replaces {@code target} with the bytes {@code content} writes, atomically.
     *
     * @param target the file to create or replace; its directory is created if missing
     * @param content what to write
     * @throws IOException if writing fails; the old file, if any, is then untouched
     */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // Writers such as Jackson close the stream they are given; only the channel's owner may.
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Replaces {@code target} with a UTF-8 string, atomically.
     *
     * @param target the file
     * @param text the content
     * @throws IOException if writing fails
     */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable; some file systems refuse to open a directory, which is harmless.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // best effort
        }
    }
}
