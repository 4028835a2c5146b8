package dev.quarry.engine.io;

import dev.quarry.engine.errors.InvalidInputException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer per run directory: a run, a label import and the labeling page each rewrite the
 * checkpoint, and two at once would lose what the other wrote. The lock is the operating system's
 * lock on {@code .quarry.lock}, released when the process ends however it ends. Within one process it
 * is re-entrant: the labeling page runs rounds in the process that holds it, and the process, not a
 * thread, is the one writer (two sessions on one directory in one JVM are the caller's to avoid).
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name inside a run directory. */
    public static final String FILE = ".quarry.lock";

    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path key;
    private boolean closed;

    private record Held(FileChannel channel, FileLock lock, int count) {}

    private RunLock(Path key) {
        this.key = key;
    }

    /**
     * Takes the run directory's lock.
     *
     * @param runDirectory an existing run directory
     * @param what what takes it, for the message another process sees
     * @return the lock, to close when done
     * @throws InvalidInputException if another process holds it
     * @throws IOException if the directory does not exist or the lock file cannot be opened
     */
    public static RunLock acquire(Path runDirectory, String what) throws IOException {
        Path key = runDirectory.toRealPath();
        synchronized (HELD) {
            Held held = HELD.get(key);
            if (held == null) {
                FileChannel channel = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                if (lock == null) {
                    channel.close();
                    throw new InvalidInputException("Another Quarry process is using the run directory " + runDirectory
                            + " (a run, a label import or the labeling page); wait for it to finish, or stop it, before "
                            + what + ".");
                }
                held = new Held(channel, lock, 0);
            }
            HELD.put(key, new Held(held.channel, held.lock, held.count + 1));
        }
        return new RunLock(key);
    }

    /** Releases the lock (the last holder in this process releases the file). */
    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(key);
            if (held.count > 1) {
                HELD.put(key, new Held(held.channel, held.lock, held.count - 1));
                return;
            }
            HELD.remove(key);
            held.lock.release();
            held.channel.close();
        }
    }
}
