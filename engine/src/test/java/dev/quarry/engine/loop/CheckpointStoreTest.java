package dev.quarry.engine.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.engine.labels.InitialSelection;
import dev.quarry.engine.labels.LabelLedger;
import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.metrics.ClassificationMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path dir;

    @Test
    void givenAState_whenWrittenAndRead_thenEqualAndNoTemporaryFilesRemain() throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        assertTrue(store.read().isEmpty());
        RoundRecord r = new RoundRecord(1, 10, Optional.of(new ClassificationMetrics(0.5, 1.2, 0.05)), 0.7, 2, 3,
                new long[] {4, 9}, new float[] {0.25f, 0.125f});
        RoundRecord untested = new RoundRecord(2, 12, Optional.empty(), 0.6, 2, 0, new long[0], new float[0]);
        RunFingerprint fingerprint = new RunFingerprint("pool", 20, null, 0, "margin", Map.of("mcSamples", "auto"),
                Map.of("learner", "MlpClassifier"), 10, InitialSelection.RANDOM, 2, 7);
        RunState state = new RunState(RunState.FORMAT_VERSION, fingerprint, List.of(r, untested),
                new LabelLedger.Snapshot(new long[] {1, 2}, new int[] {0, 1}, new int[] {1, 1}),
                new RunState.PendingQuery(2, new long[] {4, 9}), List.of("a", "b"),
                List.of(new Vote(4, 1, false, 1_000, "ann"), new Vote(4, 0, true, 2_000, null)));
        store.write(state);
        RunState back = store.read().orElseThrow();
        assertEquals(List.of(r, untested), back.rounds(), "rounds with and without test metrics survive");
        assertEquals(fingerprint, back.fingerprint());
        assertArrayEquals(new long[] {4, 9}, back.pending().ids());
        assertArrayEquals(new int[] {0, 1}, back.labeled().labels());
        assertEquals(state.votes(), back.votes(), "people's votes survive, annotator or not");
        assertEquals(List.of("a", "b"), back.classes());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve(CheckpointStore.STATE_FILE)), files.toList());
        }
    }

    @Test
    void givenACorruptOrForeignCheckpoint_whenRead_thenTheFileAndProblemAreNamed() throws IOException {
        Files.writeString(dir.resolve(CheckpointStore.STATE_FILE), "{\"formatVersion\": 2, \"rounds\": [");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new CheckpointStore(dir).read());
        assertTrue(e.getMessage().contains("not a valid Quarry checkpoint"), e.getMessage());
        Files.writeString(dir.resolve(CheckpointStore.STATE_FILE),
                "{\"formatVersion\": 7, \"fingerprint\": \"f\", \"rounds\": [], \"labeled\": {\"ids\": [], \"labels\": [], \"rounds\": []}}");
        assertTrue(assertThrows(DataFormatException.class, () -> new CheckpointStore(dir).read()).getMessage()
                .contains("checkpoint format 7 is not supported"));
        Files.writeString(dir.resolve(CheckpointStore.STATE_FILE), "{\"formatVersion\": 1, \"fingerprint\": \"f\"}");
        assertTrue(assertThrows(DataFormatException.class, () -> new CheckpointStore(dir).read()).getMessage()
                .contains("checkpoint format 1 is not supported by this Quarry (format 2); finish the run with the Quarry "
                        + "that started it"));
    }

    @Test
    void givenAWriterThatFails_thenThePreviousFileIsUntouched() throws IOException {
        Path f = dir.resolve("data.txt");
        AtomicFiles.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is removed");
        }
    }
}
