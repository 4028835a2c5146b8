package dev.quarry.engine.loop;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.engine.io.FileTrees;
import dev.quarry.engine.model.Learner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads and writes a run's checkpoint: {@code checkpoint.json} (the {@link RunState}) and, for
 * warm-started models, {@code checkpoint-model/round-N/} (the weights the next round starts from).
 * Both appear atomically: a crash leaves the previous version intact.
 */
public final class CheckpointStore {

    /** The state file's name inside a run directory. */
    public static final String STATE_FILE = "checkpoint.json";
    /** The weights directory's name inside a run directory. */
    public static final String MODEL_DIRECTORY = "checkpoint-model";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path runDirectory;

    /**
     * A store in a run directory.
     *
     * @param runDirectory the run directory
     */
    public CheckpointStore(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    /**
     * The run directory.
     *
     * @return the directory
     */
    public Path runDirectory() {
        return runDirectory;
    }

    /**
     * Reads the state, if there is one.
     *
     * @return the state, or empty for a new run
     * @throws DataFormatException if the file is not a valid checkpoint
     * @throws IOException if it cannot be read
     */
    public Optional<RunState> read() throws IOException {
        Path file = runDirectory.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        RunState state;
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            int format = tree.path("formatVersion").asInt(0);
            if (format != RunState.FORMAT_VERSION) {
                throw new DataFormatException(file, "checkpoint format " + format + " is not supported by this Quarry "
                        + "(format " + RunState.FORMAT_VERSION + "); finish the run with the Quarry that started it, or "
                        + "start it again in a new run directory");
            }
            state = JSON.treeToValue(tree, RunState.class);
        } catch (JacksonException e) {
            throw new DataFormatException(file.toString(), "not a valid Quarry checkpoint (" + e.getOriginalMessage() + "); "
                    + "Quarry writes it atomically, so it was changed by something else", e);
        }
        return Optional.of(state);
    }

    /**
     * Writes the state atomically.
     *
     * @param state the state
     * @throws IOException if writing fails; the previous checkpoint is then intact
     */
    public void write(RunState state) throws IOException {
        AtomicFiles.write(runDirectory.resolve(STATE_FILE), out -> JSON.writeValue(out, state));
    }

    /**
     * Saves the weights trained in a round under {@code checkpoint-model/round-N}, complete before
     * they become visible, and deletes all but this round's and the previous round's weights (the
     * previous ones let a finished run be extended by redoing its last round).
     *
     * @param model the trained model
     * @param round the round that trained it
     * @throws IOException if saving fails
     */
    public void saveModel(Learner model, int round) throws IOException {
        Path models = runDirectory.resolve(MODEL_DIRECTORY);
        Files.createDirectories(models);
        Path staging = Files.createTempDirectory(models, ".staging");
        try {
            model.save(staging);
            Path target = models.resolve("round-" + round);
            FileTrees.deleteRecursively(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.deleteRecursively(staging);
        }
        try (Stream<Path> dirs = Files.list(models)) {
            for (Path dir : dirs.toArray(Path[]::new)) {
                String name = dir.getFileName().toString();
                if (name.startsWith("round-") && Integer.parseInt(name.substring(6)) < round - 1) {
                    FileTrees.deleteRecursively(dir);
                }
            }
        }
    }

    /**
     * Loads the weights trained in a round.
     *
     * @param model the model
     * @param round the round
     * @throws IOException if they are missing or cannot be loaded
     */
    public void loadModel(Learner model, int round) throws IOException {
        Path dir = runDirectory.resolve(MODEL_DIRECTORY).resolve("round-" + round);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null,
                    "the warm-start weights of round " + round + " are missing from the checkpoint");
        }
        model.load(dir);
    }

}
