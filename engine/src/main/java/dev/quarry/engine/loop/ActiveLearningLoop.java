package dev.quarry.engine.loop;

import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.data.NonFinite;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.errors.ModelFailureException;
import dev.quarry.engine.labels.LabelLedger;
import dev.quarry.engine.labels.LabelingPlan;
import dev.quarry.engine.labels.Vote;
import dev.quarry.engine.metrics.ClassificationMetrics;
import dev.quarry.engine.model.FitReport;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.strategy.MetaSelector;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.SelectionHistory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Runs active learning rounds: train → evaluate → select → label → checkpoint. It only
 * orchestrates: the label state is a {@link LabelLedger}, a selection goes through a {@link
 * SelectionBackend} (the engine's query path in this process, or a cluster), the checkpoint is a
 * {@link RunState} in a {@link CheckpointStore}, and reports are {@link RunListener}s.
 *
 * <pre>{@code
 * try (ActiveLearningLoop loop = ActiveLearningLoop.builder()
 *         .setItems(data.pool()).setLearner(learner).setStrategy(Strategies.get("margin"))
 *         .setOracle(new SimulatedOracle(data.pool().labels())).optTestSet(data.test().orElseThrow())
 *         .optInitialLabeled(100).optBudgetPerRound(100).optRounds(10).optSeed(42)
 *         .optRunDirectory(Path.of("runs/my-run")).build()) {
 *     RunResult result = loop.run();
 * }
 * }</pre>
 *
 * <p>With a run directory, {@link #run()} resumes from the checkpoint found there and otherwise
 * starts fresh; the loop owns the learner and closes it. Without a test set, rounds record their
 * training loss and selections, and no test metrics.
 */
public final class ActiveLearningLoop implements AutoCloseable {

    private final ItemSource pool;
    private final ItemSource test;
    private final Learner learner;
    private final QueryStrategy strategy;
    private final Oracle oracle;
    private final LabelingPlan plan;
    private final long seed;
    private final CheckpointStore store;
    private final ProgressReporter progress;
    private final List<RunListener> listeners;
    private final NDManager manager;
    private final RunFingerprint fingerprint;
    private final long[] givenIds;
    private final int[] givenLabels;
    private final SelectionBackend backend;

    private final LabelLedger labels;
    private final List<RoundRecord> records = new ArrayList<>();
    private RunState.PendingQuery pending;
    private List<Vote> votes = List.of();

    ActiveLearningLoop(LoopBuilder b, LabelingPlan plan) {
        pool = b.pool;
        test = b.test;
        learner = b.learner;
        strategy = b.strategy;
        oracle = b.oracle;
        this.plan = plan;
        seed = b.seed;
        store = b.runDirectory == null ? null : new CheckpointStore(b.runDirectory);
        progress = b.progress;
        listeners = List.copyOf(b.listeners);
        givenIds = b.givenIds;
        givenLabels = b.givenLabels;
        backend = b.backend;
        manager = NDManager.newBaseManager(b.device != null ? b.device : learner.device());
        labels = new LabelLedger(pool.size(), pool.numClasses());
        fingerprint = new RunFingerprint(pool.name(), pool.size(), test == null ? null : test.name(),
                test == null ? 0 : test.size(), strategy.name(), strategy.settings(), learner.settings(),
                plan.initialLabeled(), plan.initialSelection(), plan.budgetPerRound(), seed);
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static LoopBuilder builder() {
        return new LoopBuilder();
    }

    /**
     * Runs until every round is done, resuming from the run directory's checkpoint if there is one.
     *
     * @return the result; {@link RunResult#complete()} is false when the oracle's labels are pending
     * @throws IOException if the checkpoint cannot be read or written
     * @throws InvalidInputException if the checkpoint was written by another configuration
     */
    public RunResult run() throws IOException {
        learner.setProgress(progress);
        restoreOrStart();
        while (true) {
            if (pending != null && !receiveLabels()) {
                return finish(false);
            }
            int round = records.size() + 1;
            if (round > plan.rounds() + 1) {
                return finish(true);
            }
            runRound(round);
        }
    }

    private void restoreOrStart() throws IOException {
        RunState saved = store == null ? null : store.read().orElse(null);
        if (saved == null) {
            start();
            return;
        }
        List<String> differences = fingerprint.differences(saved.fingerprint());
        if (!differences.isEmpty()) {
            throw new InvalidInputException("The checkpoint in " + store.runDirectory() + " was written by another "
                    + "configuration and cannot be resumed with this one:\n  " + String.join("\n  ", differences)
                    + "\nUse a new run directory, or the original configuration.", Setting.RUN_DIRECTORY);
        }
        labels.restore(saved.labeled());
        records.addAll(saved.rounds());
        pending = saved.pending();
        votes = saved.votes();
        RoundRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
        if (last != null && last.selectedIds().length == 0 && last.round() <= plan.rounds()) {
            // A finished run extended with more rounds: redo its last round, which now also selects.
            records.remove(records.size() - 1);
        }
        if (learner.isWarmStarted() && !records.isEmpty()) {
            store.loadModel(learner, records.size());
        }
    }

    /** A new run: the given labels, then the initial draw for the rest of the initial set, asked first. */
    private void start() throws IOException {
        int toDraw = plan.initialLabeled() - givenIds.length;
        if (givenIds.length > 0) {
            labels.addLabels(givenIds, givenLabels, 1);
        }
        long[] initial = new long[0];
        if (toDraw > 0) {
            long[] candidates = labels.unlabeledIds();
            long[] drawn = plan.initialSelection().choose(toDraw, candidates.length,
                    givenIds.length == 0 ? pool.groundTruth().orElse(null) : null, pool.numClasses(),
                    new SplittableRandom(Seeds.derive(seed, 0, "initial")));
            initial = Arrays.stream(drawn).map(i -> candidates[(int) i]).toArray();
        }
        pending = initial.length == 0 ? null : new RunState.PendingQuery(1, initial);
        if (pending != null) {
            for (RunListener listener : listeners) {
                listener.onQuery(1, initial, new float[0], null);
            }
        }
        checkpoint();
    }

    /**
     * Asks the oracle for the pending items' labels and records what it answers.
     *
     * @return true when every pending item is labeled; false when some or all are still awaited
     */
    private boolean receiveLabels() throws IOException {
        Oracle.Answers answer;
        try {
            answer = oracle.answer(pending.ids(), votes);
        } catch (LabelsPendingException e) {
            return false;
        }
        int labelRound = pending.labelRound();
        Set<Long> asked = Arrays.stream(pending.ids()).boxed().collect(Collectors.toSet());
        Set<Long> answered = Arrays.stream(answer.ids()).boxed().collect(Collectors.toSet());
        if (!asked.containsAll(answered) || answered.size() != answer.ids().length) {
            throw new IllegalStateException("The oracle " + oracle + " answered items it was not asked about, or one "
                    + "twice: " + Arrays.toString(answer.ids()) + "; an Oracle must answer only the ids it was given, each "
                    + "once.");
        }
        labels.addLabels(answer.ids(), answer.labels(), labelRound);
        long[] rest = Arrays.stream(pending.ids()).filter(id -> !answered.contains(id)).toArray();
        pending = rest.length == 0 ? null : new RunState.PendingQuery(labelRound, rest);
        checkpoint();
        listeners.forEach(x -> x.onLabeled(labelRound, answer.ids(), answer.labels()));
        return pending == null;
    }

    private void runRound(int round) throws IOException {
        listeners.forEach(x -> x.onRoundStart(round, plan.rounds() + 1, labels.labeledCount()));
        long[] trainIds = labels.labeledIds();
        long t0 = System.nanoTime();
        long[] newIds = Arrays.stream(trainIds).filter(id -> labels.roundOf(id) == round).toArray();
        FitReport fit = learner.fit(pool, trainIds, labels.labelsOf(trainIds), newIds, Seeds.derive(seed, round, "train"));
        double trainSeconds = seconds(t0);
        if (learner.isWarmStarted() && store != null) {
            store.saveModel(learner, round);
        }
        RoundRecord record = new RoundRecord(round, trainIds.length, evaluate(), fit.finalLoss(), trainSeconds, 0,
                new long[0], new float[0]);
        listeners.forEach(x -> x.onEvaluated(record));
        if (round <= plan.rounds()) {
            long t1 = System.nanoTime();
            Selection selection = select(round);
            double querySeconds = seconds(t1);
            records.add(record.withSelection(selection.ids(), selection.scores(), querySeconds));
            pending = new RunState.PendingQuery(round + 1, selection.ids());
            listeners.forEach(x -> x.onSelected(round, selection, querySeconds));
            Supplier<float[]> predicted = predictions(selection.ids());
            for (RunListener listener : listeners) {
                listener.onQuery(round + 1, selection.ids(), selection.scores(), predicted);
            }
        } else {
            records.add(record);
        }
        checkpoint();
    }

    /** Test-set metrics, when there is a test set. */
    private Optional<ClassificationMetrics> evaluate() {
        if (test == null) {
            return Optional.empty();
        }
        try (NDManager m = manager.newSubManager()) {
            float[] p = learner.probabilities(test, LongStream.range(0, test.size()).toArray(), m).toFloatArray();
            if (!NonFinite.of(p).none()) {
                throw new ModelFailureException("The model's test-set probabilities hold NaN or infinite values: training "
                        + "diverged (try a lower learning rate).");
            }
            return Optional.of(ClassificationMetrics.of(p, learner.numClasses(), test.groundTruth().orElseThrow()));
        }
    }

    private Selection select(int round) throws IOException {
        try (NDManager m = manager.newSubManager()) {
            Optional<MetaSelector> meta = strategy.selector().meta();
            Selection picked = meta.isPresent() ? metaSelect(round, meta.get(), m) : selectWith(round, strategy, m);
            long[] ids = picked.ids();
            if (ids.length != plan.budgetPerRound() || Arrays.stream(ids).distinct().count() != ids.length
                    || Arrays.stream(ids).anyMatch(labels::isLabeled)) {
                throw new IllegalStateException("The selection backend " + backend + " returned " + ids.length + " ids for "
                        + "a budget of " + plan.budgetPerRound() + ", repeated or already labeled ones among them; a "
                        + "backend must return distinct unlabeled ids, as many as the budget.");
            }
            return picked;
        }
    }

    /** One strategy's batch, drawn from its own (run seed, round, name) stream. */
    private Selection selectWith(int round, QueryStrategy chosen, NDManager m) throws IOException {
        return backend.select(round, chosen, learner, pool, labels.unlabeledIds(), labels.labeledIds(),
                plan.budgetPerRound(), Seeds.derive(seed, round, "mc"),
                new SplittableRandom(Seeds.derive(seed, round, "select:" + chosen.name())), m);
    }

    /** Runs every candidate of a meta-strategy as it would run alone, then lets it combine their batches. */
    private Selection metaSelect(int round, MetaSelector meta, NDManager m) throws IOException {
        List<Selection> batches = new ArrayList<>();
        for (QueryStrategy candidate : meta.candidates()) {
            batches.add(selectWith(round, candidate, m));
        }
        List<Selection> earlier = records.stream().filter(r -> r.selectedIds().length > 0)
                .map(r -> new Selection(r.selectedIds(), r.selectedScores())).toList();
        long[] labeledIds = labels.labeledIds();
        SelectionHistory history = new SelectionHistory(earlier, labeledIds, labels.labelsOf(labeledIds),
                labels.numClasses());
        return meta.combine(batches, history, plan.budgetPerRound(),
                new SplittableRandom(Seeds.derive(seed, round, "select:" + strategy.name())));
    }

    /**
     * The model's class probabilities for the queried items, row-major (k, C), for the people who
     * label them: computed once, when a listener first asks.
     */
    private Supplier<float[]> predictions(long[] ids) {
        float[][] computed = new float[1][];
        return () -> {
            if (computed[0] == null) {
                try (NDManager m = manager.newSubManager()) {
                    float[] p = ids.length == 0 ? new float[0] : learner.probabilities(pool, ids, m).toFloatArray();
                    if (!NonFinite.of(p).none()) {
                        throw new ModelFailureException("The model's probabilities for the queried items hold NaN or "
                                + "infinite values: training diverged (try a lower learning rate).");
                    }
                    computed[0] = p;
                }
            }
            return computed[0];
        };
    }

    private void checkpoint() throws IOException {
        RunState state = new RunState(RunState.FORMAT_VERSION, fingerprint, records, labels.snapshot(), pending,
                pool.classNames(), votes);
        if (store != null) {
            store.write(state);
        }
        for (RunListener listener : listeners) {
            listener.onCheckpoint(state);
        }
    }

    private RunResult finish(boolean complete) {
        RunResult result = new RunResult(records, complete);
        listeners.forEach(x -> x.onRunEnd(result));
        return result;
    }

    /**
     * The labels received so far.
     *
     * @return the label state (a live view; do not modify)
     */
    public LabelLedger labels() {
        return labels;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Frees the loop's native memory and the learner. */
    @Override
    public void close() {
        manager.close();
        learner.close();
    }
}
