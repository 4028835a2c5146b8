package dev.quarry.labeling;

import dev.quarry.engine.data.DataFormatException;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.experiment.Experiment;
import dev.quarry.engine.io.RunLock;
import dev.quarry.engine.labels.Votes;
import dev.quarry.engine.loop.CheckpointStore;
import dev.quarry.engine.loop.RunState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code quarry label import RUN_DIR FILE}: people's answers from a label file into a paused run's
 * checkpoint, as votes. The import is atomic: the file is read and checked whole, then the
 * checkpoint is replaced in one step (a refused file changes nothing). Answers about items labeled
 * in earlier rounds (a Label Studio project exported whole) are ignored and counted; items of the
 * pending query that the file does not answer stay pending and are asked again.
 */
public final class LabelImport {

    private LabelImport() {}

    /**
     * What an import did.
     *
     * @param file the imported file
     * @param votes votes recorded
     * @param answeredNow pending items with at least one vote after the import
     * @param pending the pending query's size
     * @param skipped items whose every answer in the file was cancelled or empty
     * @param earlier answers about items labeled in earlier rounds, ignored
     * @param disagreements pending items whose votes (this file's and earlier ones) disagree, with
     *     each class's count and the class the rule chose
     * @param labelRound the round the pending labels are for
     */
    public record Report(Path file, int votes, int answeredNow, int pending, Set<String> skipped, int earlier,
            Map<Long, String> disagreements, int labelRound) {

        /** @return a summary for a person */
        public String describe() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Imported %d vote(s) from %s: %d of %d items of round %d's query "
                    + "answered, %d still pending.%n", votes, file, answeredNow, pending, labelRound,
                    pending - answeredNow));
            if (!skipped.isEmpty()) {
                out.append(String.format(Locale.ROOT, "%d item(s) only cancelled or skipped (asked again): %s%n",
                        skipped.size(), first(skipped)));
            }
            if (earlier > 0) {
                out.append(String.format(Locale.ROOT, "%d answer(s) about items labeled in earlier rounds ignored.%n",
                        earlier));
            }
            if (!disagreements.isEmpty()) {
                out.append(String.format(Locale.ROOT, "%d item(s) with disagreeing votes, resolved by ground truth, then "
                        + "majority, then the most recent answer:%n", disagreements.size()));
                disagreements.entrySet().stream().limit(20).forEach(e -> out.append("  item ").append(e.getKey())
                        .append(": ").append(e.getValue()).append(System.lineSeparator()));
            }
            return out.toString();
        }

        private static String first(Set<String> items) {
            List<String> list = new ArrayList<>(items);
            return String.join(", ", list.subList(0, Math.min(20, list.size()))) + (list.size() > 20 ? ", ..." : "");
        }
    }

    /**
     * Imports a file.
     *
     * @param runDirectory the run directory
     * @param file a CSV ({@code item_id,label}), or Label Studio's full JSON or JSON-MIN export
     * @param fromName the Choices control's name in a Label Studio export
     * @return what was imported
     * @throws DataFormatException if the file is malformed or names unknown items or classes
     * @throws InvalidInputException if the run has no pending query
     * @throws IOException if reading or writing fails
     */
    public static Report importFile(Path runDirectory, Path file, String fromName) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such label file");
        }
        Experiment.readConfig(runDirectory); // fails with "not a Quarry run directory" where there is none
        try (RunLock lock = RunLock.acquire(runDirectory, "importing labels")) {
            CheckpointStore store = new CheckpointStore(runDirectory);
            RunState state = pendingState(runDirectory, store);
            List<Answer> answers = LabelFileReader.read(file, fromName);
            Set<String> pending = new HashSet<>();
            for (long id : state.pending().ids()) {
                pending.add(Long.toString(id));
            }
            Set<String> labeled = new HashSet<>();
            for (long id : state.labeled().ids()) {
                labeled.add(Long.toString(id));
            }
            int earlier = (int) answers.stream().filter(a -> labeled.contains(a.itemId())).count();
            List<Answer> current = answers.stream().filter(a -> !labeled.contains(a.itemId())).toList();
            boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
            LabelVotes.Outcome outcome = LabelVotes.resolve(file.toString(), current, pending, state.classes(), csv,
                    System.currentTimeMillis());
            RunState updated = state.withVotes(outcome.votes());
            store.write(updated);
            return report(file, updated, outcome, earlier);
        }
    }

    /**
     * The checkpoint of a run that waits for labels.
     *
     * @param runDirectory the run directory
     * @param store its checkpoint store
     * @return the state, with a pending query and its class names
     * @throws IOException if the directory holds no run or it cannot be read
     */
    static RunState pendingState(Path runDirectory, CheckpointStore store) throws IOException {
        RunState state = store.read().orElseThrow(() -> new InvalidInputException("The run in " + runDirectory
                + " has not started; run it first (quarry resume " + runDirectory + ")."));
        if (state.pending() == null) {
            throw new InvalidInputException("The run in " + runDirectory + " waits for no labels: its last query is "
                    + "answered. Continue it with `quarry resume " + runDirectory + "`.");
        }
        if (state.classes() == null) {
            throw new InvalidInputException("The checkpoint in " + runDirectory + " was written by a Quarry that did not "
                    + "record class names; resume it once with this Quarry, then import.");
        }
        return state;
    }

    private static Report report(Path file, RunState state, LabelVotes.Outcome outcome, int earlier) {
        Set<Long> pending = new HashSet<>();
        for (long id : state.pending().ids()) {
            pending.add(id);
        }
        Votes.Outcome all = Votes.resolve(state.votes().stream().filter(v -> pending.contains(v.itemId())).toList());
        Map<Long, String> disagreements = new LinkedHashMap<>();
        all.disagreements().forEach((id, counts) -> {
            Map<String, Integer> named = new TreeMap<>();
            counts.forEach((c, n) -> named.put(state.classes().get(c), n));
            disagreements.put(id, named + " -> " + state.classes().get(all.labels().get(id)));
        });
        Set<String> skipped = new LinkedHashSet<>(outcome.skipped());
        skipped.removeIf(id -> all.labels().containsKey(Long.parseLong(id)));
        return new Report(file, outcome.votes().size(), all.labels().size(), pending.size(), skipped, earlier,
                disagreements, state.pending().labelRound());
    }
}
