package dev.quarry.labeling;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.progress.ProgressTask;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decoded images kept on disk, so that a large image folder is decoded once and not every round or
 * every run: 8-bit RGB planes appended to {@code pixels.bin}, and an index ({@code index.json}) of
 * each file's size, modification time and place in it. A file whose size or time changed is decoded
 * again. The index is replaced atomically after the pixels it names are on disk, so a crash leaves
 * either the old or the new cache, never one that points at missing bytes; bytes no longer indexed
 * are dropped when they outgrow the indexed ones.
 *
 * <p>One cache per source folder and output size, under {@code $QUARRY_CACHE_DIR} or {@code
 * ~/.cache/quarry} ({@link #defaultRoot()}); deleting it only costs a decode. An open cache holds its
 * folder's lock (the operating system's, and one per process), so that two loads of one folder take
 * turns instead of appending over each other; close it when done.
 */
final class DecodeCache implements AutoCloseable {

    static final String INDEX = "index.json";
    static final String PIXELS = "pixels.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path directory;
    private final Map<String, Entry> index;
    private final FileChannel lockFile;
    private final FileLock lock;

    /**
     * One cached image.
     *
     * @param bytes the file's size when decoded
     * @param modified its modification time then, epoch milliseconds
     * @param offset where its planes start in {@code pixels.bin}
     * @param height rows
     * @param width columns
     * @param gray whether its red, green and blue planes are equal
     */
    record Entry(long bytes, long modified, long offset, int height, int width, boolean gray) {

        long length() {
            return 3L * height * width;
        }

        ImageDecoder.Size size() {
            return new ImageDecoder.Size(height, width);
        }
    }

    /** The index file: entries by file path. */
    record Index(Map<String, Entry> entries) {}

    private DecodeCache(Path directory, Map<String, Entry> index, FileChannel lockFile, FileLock lock) {
        this.directory = directory;
        this.index = index;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    /**
     * Opens (or starts) the cache of one source and size, waiting for another process that is
     * using it.
     *
     * @param root the caches' root
     * @param source the image folder or manifest
     * @param size the output size, or null for the files' own
     * @param progress where a wait for another process is shown
     * @return the cache, locked until closed; an unreadable index starts an empty one
     * @throws IOException if the directory cannot be created or locked
     */
    static DecodeCache open(Path root, Path source, ImageDecoder.Size size, ProgressReporter progress)
            throws IOException {
        String key = source.toAbsolutePath().normalize() + "|" + (size == null ? "own" : size.height() + "x" + size.width());
        Path dir = root.resolve("images-" + sha256(key).substring(0, 16));
        Files.createDirectories(dir);
        IN_PROCESS.lock();
        FileChannel lockFile = null;
        try {
            lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockFile.tryLock();
            if (lock == null) {
                try (ProgressTask wait = progress.start("Waiting for another Quarry process decoding into " + dir, 1,
                        "lock")) {
                    lock = lockFile.lock();
                    wait.step(1);
                }
            }
            return new DecodeCache(dir, readIndex(dir), lockFile, lock);
        } catch (IOException | RuntimeException e) {
            if (lockFile != null) {
                lockFile.close();
            }
            IN_PROCESS.unlock();
            throw e;
        }
    }

    private static Map<String, Entry> readIndex(Path dir) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Path indexFile = dir.resolve(INDEX);
        if (Files.isRegularFile(indexFile) && Files.isRegularFile(dir.resolve(PIXELS))) {
            try {
                entries.putAll(JSON.readValue(indexFile.toFile(), Index.class).entries());
            } catch (JacksonException e) {
                entries.clear(); // a damaged index costs a decode, nothing else
            }
            long length = Files.size(dir.resolve(PIXELS));
            entries.values().removeIf(e -> e.offset() < 0 || e.offset() + e.length() > length);
        }
        return entries;
    }

    /** Releases the cache's lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
            lockFile.close();
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * The default root: the system property {@code quarry.cacheDir}, else {@code $QUARRY_CACHE_DIR},
     * else {@code $XDG_CACHE_HOME/quarry}, else {@code ~/.cache/quarry}.
     */
    static Path defaultRoot() {
        String explicit = System.getProperty("quarry.cacheDir", System.getenv("QUARRY_CACHE_DIR"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("quarry");
    }

    /** @return the cache's directory */
    Path directory() {
        return directory;
    }

    /**
     * The cached planes of a file, if they are there and the file has not changed since.
     *
     * @param file the image file
     * @param bytes its size now
     * @param modified its modification time now
     * @return the entry, or null
     */
    Entry lookup(Path file, long bytes, long modified) {
        Entry e = index.get(file.toString());
        return e != null && e.bytes() == bytes && e.modified() == modified ? e : null;
    }

    /**
     * Reads cached planes.
     *
     * @param channel {@code pixels.bin}, open for reading
     * @param entry the entry
     * @return the planes
     * @throws IOException if reading fails
     */
    static byte[] read(FileChannel channel, Entry entry) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(entry.length()));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, entry.offset() + buffer.position()) < 0) {
                throw new IOException("the decode cache is shorter than its index says");
            }
        }
        return buffer.array();
    }

    /** @return {@code pixels.bin} */
    Path pixelsFile() {
        return directory.resolve(PIXELS);
    }

    /**
     * A newly decoded image to store.
     *
     * @param file the image file
     * @param bytes its size
     * @param modified its modification time
     * @param pixels its planes
     */
    record Added(Path file, long bytes, long modified, ImageDecoder.Rgb pixels) {}

    /**
     * Stores new images and forgets files that are gone: appends their planes, then replaces the
     * index. When the bytes no longer indexed outnumber the indexed ones, the pixels are rewritten.
     *
     * @param added the new images
     * @param keep every file the cache should still know
     * @throws IOException if writing fails; the previous cache is then intact
     */
    void update(List<Added> added, List<Path> keep) throws IOException {
        Map<String, Entry> kept = new LinkedHashMap<>();
        for (Path p : keep) {
            Entry e = index.get(p.toString());
            if (e != null) {
                kept.put(p.toString(), e);
            }
        }
        long end;
        try (FileChannel out = FileChannel.open(pixelsFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            end = out.size();
            for (Added a : added) {
                out.write(ByteBuffer.wrap(a.pixels().rgb()), end);
                kept.put(a.file().toString(), new Entry(a.bytes(), a.modified(), end, a.pixels().height(),
                        a.pixels().width(), a.pixels().gray()));
                end += a.pixels().rgb().length;
            }
            out.force(false);
        }
        long live = kept.values().stream().mapToLong(Entry::length).sum();
        if (end > 2 * live + (1 << 20)) {
            compact(kept);
        } else {
            writeIndex(kept);
        }
    }

    private void compact(Map<String, Entry> kept) throws IOException {
        Path fresh = directory.resolve(PIXELS + ".new");
        Map<String, Entry> moved = new LinkedHashMap<>();
        try (FileChannel in = FileChannel.open(pixelsFile(), StandardOpenOption.READ);
                FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            long end = 0;
            for (Map.Entry<String, Entry> e : kept.entrySet()) {
                Entry old = e.getValue();
                out.write(ByteBuffer.wrap(read(in, old)), end);
                moved.put(e.getKey(), new Entry(old.bytes(), old.modified(), end, old.height(), old.width(), old.gray()));
                end += old.length();
            }
            out.force(false);
        }
        // The old index must stop naming the old pixels before they are replaced.
        writeIndex(Map.of());
        Files.move(fresh, pixelsFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeIndex(moved);
    }

    private void writeIndex(Map<String, Entry> entries) throws IOException {
        AtomicFiles.write(directory.resolve(INDEX), out -> JSON.writeValue(out, new Index(entries)));
        index.clear();
        index.putAll(entries);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
