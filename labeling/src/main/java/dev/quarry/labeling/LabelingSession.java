package dev.quarry.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.experiment.Experiment;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.io.RunLock;
import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.loop.CheckpointStore;
import dev.quarry.engine.loop.RunState;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.progress.ProgressTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A run that people label while it runs: the labeling page's and Label Studio's side of it. It
 * holds the run directory's lock for as long as it is open, records every answer as a vote in the
 * checkpoint before acknowledging it (atomically; a killed server loses no acknowledged answer),
 * and when every item of the pending batch has an answer it runs the next round (train, score,
 * select) in the background, refusing answers until the next batch is there.
 */
public final class LabelingSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runDirectory;
    private final ExperimentConfig config;
    private final ExperimentData data;
    private final CheckpointStore store;
    private final RunLock lock;
    private final ExecutorService rounds = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quarry-round");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, Map<Long, QueryItem>> queries = new HashMap<>();
    private final Object writes = new Object();
    private volatile boolean roundRunning;
    private volatile String roundStep = "";
    private volatile double roundFraction;
    private volatile String roundError;

    /**
     * An answer that the run's state does not take now: a round is running, nothing is pending, or
     * the item is not in the pending batch (a page showing an old batch). The page refreshes and
     * shows what is pending.
     */
    public static final class ConflictException extends InvalidInputException {

        private static final long serialVersionUID = 1L;

        ConflictException(String message) {
            super(message);
        }
    }

    /**
     * One queried item as people see it: the model's view of it when it was selected.
     *
     * @param id the item
     * @param score its acquisition score, or null
     * @param predicted the model's class, or null before there is a model
     * @param probability its probability, or null
     * @param rank its place in the query, 1 first
     */
    public record QueryItem(long id, Double score, String predicted, Double probability, int rank) {}

    private LabelingSession(Path runDirectory, ExperimentConfig config, ExperimentData data, RunLock lock) {
        this.runDirectory = runDirectory;
        this.config = config;
        this.data = data;
        this.store = new CheckpointStore(runDirectory);
        this.lock = lock;
    }

    /**
     * Opens a run for labeling: takes its lock, loads its pool, and starts it (or its next round)
     * in the background when it waits for nothing.
     *
     * @param runDirectory a run directory whose configuration has the files oracle
     * @return the session
     * @throws InvalidInputException if the run's answers come from a simulated oracle
     * @throws IOException if the run cannot be read or its data loaded
     */
    public static LabelingSession open(Path runDirectory) throws IOException {
        ExperimentConfig config = Experiment.readConfig(runDirectory);
        if (config.oracle() != ExperimentConfig.OracleKind.FILES) {
            throw new InvalidInputException("The run in " + runDirectory + " answers its queries from ground truth "
                    + "(oracle: " + config.oracle().name().toLowerCase(Locale.ROOT) + "); start a run with "
                    + "`--oracle files` for people to label.");
        }
        RunLock lock = RunLock.acquire(runDirectory, "serving the labeling page");
        try {
            LabelingSession session = new LabelingSession(runDirectory, config, config.dataset().load(), lock);
            Optional<RunState> state = session.store.read();
            if (state.isEmpty() || state.get().pending() == null && state.get().rounds().size() <= config.rounds()
                    || state.get().pending() != null && session.allAnswered(state.get())) {
                session.startRound();
            }
            return session;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** @return the run directory */
    public Path runDirectory() {
        return runDirectory;
    }

    /** @return the run's configuration */
    public ExperimentConfig config() {
        return config;
    }

    /** @return the pool and test set */
    public ExperimentData data() {
        return data;
    }

    /** @return the class names, in label order */
    public List<String> classes() {
        return data.pool().classNames();
    }

    /**
     * The run's checkpoint.
     *
     * @return the state, or empty before the run has started
     * @throws IOException if it cannot be read
     */
    public Optional<RunState> state() throws IOException {
        return store.read();
    }

    /** @return whether a round is running */
    public boolean roundRunning() {
        return roundRunning;
    }

    /** @return what the running round is doing, and how far (0..1) */
    public String roundStep() {
        return roundStep + (roundRunning ? String.format(Locale.ROOT, " (%.0f%%)", 100 * roundFraction) : "");
    }

    /** @return the last round's failure, or null */
    public String roundError() {
        return roundError;
    }

    /**
     * What people were told about the items of one query (its {@code tasks.json}).
     *
     * @param labelRound the round the query's labels are for
     * @return the items by id
     * @throws IOException if the query's files cannot be read
     */
    public Map<Long, QueryItem> query(int labelRound) throws IOException {
        synchronized (queries) {
            Map<Long, QueryItem> cached = queries.get(labelRound);
            if (cached != null) {
                return cached;
            }
            Path tasks = QueryFiles.directory(runDirectory, labelRound).resolve(QueryFiles.TASKS_JSON);
            Map<Long, QueryItem> items = new HashMap<>();
            if (Files.isRegularFile(tasks)) {
                for (JsonNode task : JSON.readTree(tasks.toFile())) {
                    JsonNode d = task.path("data");
                    JsonNode p = task.path("predictions").path(0);
                    items.put(d.path("item_id").asLong(), new QueryItem(d.path("item_id").asLong(),
                            d.has("al_uncertainty") ? d.get("al_uncertainty").asDouble() : null,
                            p.isMissingNode() ? null : p.at("/result/0/value/choices/0").asText(),
                            p.isMissingNode() ? null : p.path("score").asDouble(), d.path("al_rank").asInt()));
                }
                queries.put(labelRound, items);
            }
            return items;
        }
    }

    /**
     * Records votes for items of the pending batch, atomically in the checkpoint; when the batch
     * is then complete, the next round starts in the background.
     *
     * @param votes the votes
     * @return the state written
     * @throws InvalidInputException if a vote names an item outside the pool or a class outside
     *     the classes
     * @throws ConflictException if a round is running, nothing is pending, or a vote is for an item
     *     outside the pending batch
     * @throws IOException if the checkpoint cannot be written; nothing is recorded then
     */
    public RunState record(List<Vote> votes) throws IOException {
        for (Vote v : votes) {
            if (v.itemId() >= data.pool().size() || v.label() >= classes().size()) {
                throw new InvalidInputException("Unknown item " + v.itemId() + " or class " + v.label() + ": the pool "
                        + "has items 0.." + (data.pool().size() - 1) + " and classes 0.." + (classes().size() - 1) + ".");
            }
        }
        synchronized (writes) {
            RunState state = pendingState();
            for (Vote v : votes) {
                if (!isPending(state, v.itemId())) {
                    throw new ConflictException("Item " + v.itemId() + " is not in the pending batch (round "
                            + state.pending().labelRound() + ").");
                }
            }
            RunState updated = state.withVotes(votes);
            store.write(updated);
            if (allAnswered(updated)) {
                startRound();
            }
            return updated;
        }
    }

    /**
     * Withdraws the latest vote one annotator gave an item of the pending batch.
     *
     * @param itemId the item
     * @param annotator who gave it
     * @return the state written
     * @throws ConflictException if there is no such vote or the item is no longer pending
     * @throws IOException if the checkpoint cannot be written
     */
    public RunState withdraw(long itemId, String annotator) throws IOException {
        synchronized (writes) {
            RunState state = pendingState();
            List<Vote> votes = state.votes();
            for (int i = votes.size() - 1; i >= 0 && isPending(state, itemId); i--) {
                if (votes.get(i).itemId() == itemId && annotator.equals(votes.get(i).annotator())) {
                    RunState updated = state.withoutVote(votes.get(i));
                    store.write(updated);
                    return updated;
                }
            }
            throw new ConflictException("Item " + itemId + " has no answer of yours in the pending batch to undo.");
        }
    }

    /**
     * Runs the next round again after it failed (the answers that completed the batch are kept).
     *
     * @throws ConflictException if a round is running, or the last one did not fail
     * @throws IOException if the checkpoint cannot be read
     */
    public void retry() throws IOException {
        synchronized (writes) {
            if (roundRunning || roundError == null) {
                throw new ConflictException(roundRunning ? "A round is running." : "The last round did not fail.");
            }
            startRound();
        }
    }

    private RunState pendingState() throws IOException {
        if (roundRunning) {
            throw new ConflictException("A round is running (" + roundStep() + "); the next batch appears when it "
                    + "is done.");
        }
        RunState state = store.read().orElseThrow(() -> new ConflictException("The run has not started yet."));
        if (state.pending() == null) {
            throw new ConflictException(roundError != null ? "The last round failed (" + roundError + "); retry it."
                    : "Nothing is pending: the run is complete.");
        }
        return state;
    }

    private static boolean isPending(RunState state, long id) {
        for (long p : state.pending().ids()) {
            if (p == id) {
                return true;
            }
        }
        return false;
    }

    private static boolean allAnswered(RunState state) {
        return state.answeredPending().size() == state.pending().ids().length;
    }

    private void startRound() {
        roundRunning = true;
        roundError = null;
        roundStep = "starting";
        rounds.submit(() -> {
            try {
                LabelingRuns.run(config, data, runDirectory, pageProgress());
                roundStep = "";
            } catch (IOException | RuntimeException e) {
                roundError = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                roundRunning = false;
            }
        });
    }

    /** Progress for the page: the current task and its fraction. */
    private ProgressReporter pageProgress() {
        return (description, total, unit) -> {
            roundStep = description;
            roundFraction = 0;
            return new ProgressTask() {
                private long done;

                @Override
                public void step(long amount) {
                    done += amount;
                    roundFraction = total > 0 ? Math.min(1, (double) done / total) : 0;
                }

                @Override
                public void message(String message) {
                    roundStep = description + ": " + message;
                }

                @Override
                public void close() {
                    roundFraction = 1;
                }
            };
        };
    }

    /**
     * Waits for a running round to end (for tests and shutdown).
     *
     * @param seconds the longest wait
     * @return true if no round is running
     * @throws InterruptedException if interrupted
     */
    public boolean awaitRound(long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (roundRunning && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return !roundRunning;
    }

    /** Stops the background rounds and releases the run directory. */
    @Override
    public void close() throws IOException {
        rounds.shutdownNow();
        try {
            rounds.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.close();
    }
}
