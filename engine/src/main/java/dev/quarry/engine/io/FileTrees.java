package dev.quarry.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole directories: the one place a tree of files is deleted. */
public final class FileTrees {

    private FileTrees() {}

    /**
     * Deletes a file or a directory with everything in it; nothing happens if it does not exist.
     *
     * @param path the file or directory
     * @throws IOException if something in it cannot be deleted
     */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
                Files.deleteIfExists(p);
            }
        }
    }
}
