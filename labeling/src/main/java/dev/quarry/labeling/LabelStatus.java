package dev.quarry.labeling;

import dev.quarry.engine.experiment.Experiment;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.loop.CheckpointStore;
import dev.quarry.engine.loop.RunState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code quarry label status RUN_DIR}: what a run has and what it waits for.
 *
 * @param runDirectory the run directory
 * @param strategy its strategy
 * @param roundsDone evaluated rounds
 * @param lastRound the last round (query rounds + 1)
 * @param labeled labeled items
 * @param labelRound the round the pending labels are for, 0 when nothing is pending
 * @param pending the pending query's size
 * @param answered how many of those have votes
 * @param queryFolder the pending query's files, or null
 */
public record LabelStatus(Path runDirectory, String strategy, int roundsDone, int lastRound, int labeled, int labelRound,
        int pending, int answered, Path queryFolder) {

    /**
     * Reads a run's status.
     *
     * @param runDirectory the run directory
     * @return its status
     * @throws IOException if it holds no run or cannot be read
     */
    public static LabelStatus of(Path runDirectory) throws IOException {
        ExperimentConfig config = Experiment.readConfig(runDirectory);
        Optional<RunState> saved = new CheckpointStore(runDirectory).read();
        if (saved.isEmpty()) {
            return new LabelStatus(runDirectory, config.strategy(), 0, config.rounds() + 1, 0, 0, 0, 0, null);
        }
        RunState state = saved.get();
        int pending = 0;
        int answered = 0;
        int labelRound = 0;
        Path folder = null;
        if (state.pending() != null) {
            pending = state.pending().ids().length;
            answered = state.answeredPending().size();
            labelRound = state.pending().labelRound();
            folder = QueryFiles.directory(runDirectory, labelRound);
        }
        return new LabelStatus(runDirectory, config.strategy(), state.rounds().size(), config.rounds() + 1,
                state.labeled().ids().length, labelRound, pending, answered, folder);
    }

    /** @return whether people's answers are awaited */
    public boolean waiting() {
        return pending > 0;
    }

    /** @return a summary for a person */
    public String describe() {
        String head = String.format(Locale.ROOT, "%s: %s, %d of %d rounds evaluated, %d items labeled.", runDirectory,
                strategy, roundsDone, lastRound, labeled);
        if (!waiting()) {
            return head + (roundsDone >= lastRound ? " The run is complete." : " Nothing is pending; continue with "
                    + "`quarry resume " + runDirectory + "`.");
        }
        return head + String.format(Locale.ROOT, "%nWaiting for %d labels for round %d: %d of %d items answered. Query: "
                + "%s (%s, %s).%nAnswer with `quarry label import %s FILE` or `quarry label serve %s`; once all are "
                + "answered, `quarry resume %s` continues.", pending - answered, labelRound, answered, pending, queryFolder,
                QueryFiles.QUERY_CSV, QueryFiles.TASKS_JSON, runDirectory, runDirectory, runDirectory);
    }
}
