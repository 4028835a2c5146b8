package dev.quarry.spark;

import dev.quarry.engine.io.FileTrees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * Ships a saved model to the executors once per job ({@code SparkContext.addFile}). Spark names a
 * shipped directory by its last path segment and refuses a second one of that name with other
 * contents, so the model goes under a name made from its contents: a new round's model is a new
 * name, the same model shipped again is the same.
 */
final class ModelShipping {

    private ModelShipping() {}

    /**
     * Ships a model directory.
     *
     * @param context the Spark context
     * @param modelDirectory the saved model
     * @return the name executors find it under ({@code SparkFiles.get(name)})
     * @throws NoSuchFileException if the directory does not exist
     * @throws IOException if it cannot be read or copied
     */
    static String ship(JavaSparkContext context, Path modelDirectory) throws IOException {
        if (!Files.isDirectory(modelDirectory)) {
            throw new NoSuchFileException(modelDirectory.toString(), null, "no saved model to ship to the executors");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(modelDirectory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        MessageDigest digest = sha256();
        for (Path file : files) {
            digest.update(modelDirectory.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(file));
        }
        String name = "quarry-model-" + HexFormat.of().formatHex(digest.digest()).substring(0, 20);
        Path staged = Path.of(System.getProperty("java.io.tmpdir"), name);
        if (!Files.isDirectory(staged)) {
            Path partial = Files.createTempDirectory(staged.getParent(), name + ".partial");
            try {
                for (Path file : files) {
                    Path target = partial.resolve(modelDirectory.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, staged, StandardCopyOption.ATOMIC_MOVE);
                deleteAtExit(staged);
            } catch (IOException e) {
                if (!Files.isDirectory(staged)) { // another job staged the same model first: use that
                    throw e;
                }
            } finally {
                FileTrees.deleteRecursively(partial);
            }
        }
        context.addFile(staged.toString(), true);
        return name;
    }

    /** The staged copies this process made, deleted when it ends (the executors have fetched them by then). */
    private static final Set<Path> STAGED = ConcurrentHashMap.newKeySet();

    private static void deleteAtExit(Path staged) {
        if (STAGED.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STAGED.forEach(p -> {
                try {
                    FileTrees.deleteRecursively(p);
                } catch (IOException e) {
                    // a temporary copy left behind; nothing to lose
                }
            })));
        }
        STAGED.add(staged);
    }


    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
