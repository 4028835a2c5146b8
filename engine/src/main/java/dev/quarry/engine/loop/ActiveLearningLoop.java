package dev.quarry.engine.loop;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.metrics.ClassificationMetrics;
import dev.quarry.engine.model.ClassifierModel;
import dev.quarry.engine.pool.InitialSelection;
import dev.quarry.engine.pool.Pool;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.report.RunReport;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Selection;
import dev.quarry.engine.strategy.QueryRunner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Runs active learning rounds: train → evaluate → score → select → label → checkpoint.
 *
 * <pre>{@code
 * try (ActiveLearningLoop loop = ActiveLearningLoop.builder()
 *         .setPool(data.pool()).setTestSet(data.test()).setModel(model)
 *         .setStrategy(Strategies.get("margin")).setOracle(new SimulatedOracle(data.pool().labels()))
 *         .optInitialLabeled(100).optBudgetPerRound(100).optRounds(10).optSeed(42)
 *         .optRunDirectory(Path.of("runs/my-run")).build()) {
 *     RunResult result = loop.run();
 * }
 * }</pre>
 *
 * <p>With a run directory, {@link #run()} resumes from the checkpoint found there and otherwise
 * starts fresh; the loop owns the model and closes it.
 */
public final class ActiveLearningLoop implements AutoCloseable {

    private final ImageDataset pool;
    private final ImageDataset test;
    private final ClassifierModel model;
    private final QueryStrategy strategy;
    private final Oracle oracle;
    private final int initialLabeled;
    private final InitialSelection initialSelection;
    private final int budget;
    private final int rounds;
    private final long seed;
    private final CheckpointStore store;
    private final ProgressReporter progress;
    private final List<RunListener> listeners;
    private final NDManager manager;
    /** What must match for a checkpoint to be resumed; the oracle may change (its answers are checkpointed). */
    private final String fingerprint;

    private final Pool labels;
    private final List<RoundRecord> records = new ArrayList<>();
    private final List<long[]> labelLog = new ArrayList<>();
    private RunState.PendingQuery pending;

    private ActiveLearningLoop(Builder b) {
        pool = b.pool;
        test = b.test;
        model = b.model;
        strategy = b.strategy;
        oracle = b.oracle;
        initialLabeled = b.initialLabeled;
        initialSelection = b.initialSelection;
        budget = b.budget;
        rounds = b.rounds;
        seed = b.seed;
        store = b.runDirectory == null ? null : new CheckpointStore(b.runDirectory);
        progress = b.progress;
        listeners = List.copyOf(b.listeners);
        manager = NDManager.newBaseManager(b.device != null ? b.device : model.device());
        labels = new Pool(pool.size(), pool.numClasses());
        fingerprint = "pool=" + pool.name() + "[" + pool.size() + "]; test=" + test.name() + "[" + test.size()
                + "]; strategy=" + strategy + "; model=" + model + "; initial=" + initialLabeled
                + " " + initialSelection + "; budget=" + budget + "; seed=" + seed;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs until every round is done, resuming from the run directory's checkpoint if there is one.
     *
     * @return the result; {@link RunResult#complete()} is false when the oracle's labels are pending
     * @throws IOException if the checkpoint cannot be read or written
     * @throws IllegalArgumentException if the checkpoint was written by another configuration
     */
    public RunResult run() throws IOException {
        model.setProgress(progress);
        restoreOrStart();
        while (true) {
            if (pending != null && !receiveLabels()) {
                return finish(false);
            }
            int round = records.size() + 1;
            if (round > rounds + 1) {
                return finish(true);
            }
            runRound(round);
        }
    }

    private void restoreOrStart() throws IOException {
        RunState saved = store == null ? null : store.read().orElse(null);
        if (saved == null) {
            long[] initial = initialSelection.choose(initialLabeled, pool.size(), pool.hasLabels() ? pool.labels() : null,
                    pool.numClasses(), new SplittableRandom(Seeds.derive(seed, 0, "initial")));
            pending = new RunState.PendingQuery(1, initial);
            checkpoint();
            return;
        }
        if (!saved.fingerprint().equals(fingerprint)) {
            throw new IllegalArgumentException("The checkpoint in " + store.runDirectory() + " was written by another "
                    + "configuration and cannot be resumed with this one.\n  checkpoint: " + saved.fingerprint()
                    + "\n  this run:   " + fingerprint + "\nUse a new run directory, or the original configuration.");
        }
        RunState.Labels l = saved.labeled();
        for (int i = 0; i < l.ids().length; i++) {
            labels.addLabels(new long[] {l.ids()[i]}, new int[] {l.labels()[i]}, l.rounds()[i]);
            labelLog.add(new long[] {l.ids()[i], l.labels()[i], l.rounds()[i]});
        }
        records.addAll(saved.rounds());
        pending = saved.pending();
        RoundRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
        if (last != null && last.selectedIds().length == 0 && last.round() <= rounds) {
            // A finished run extended with more rounds: redo its last round, which now also selects.
            records.remove(records.size() - 1);
        }
        if (model.isWarmStarted() && !records.isEmpty()) {
            store.loadModel(model, records.size());
        }
    }

    private boolean receiveLabels() throws IOException {
        int[] answer;
        try {
            answer = oracle.label(pending.ids());
        } catch (LabelsPendingException e) {
            return false;
        }
        if (answer.length != pending.ids().length) {
            throw new IllegalStateException("The oracle answered " + answer.length + " labels for " + pending.ids().length
                    + " items.");
        }
        labels.addLabels(pending.ids(), answer, pending.labelRound());
        for (int i = 0; i < answer.length; i++) {
            labelLog.add(new long[] {pending.ids()[i], answer[i], pending.labelRound()});
        }
        long[] ids = pending.ids();
        int labelRound = pending.labelRound();
        pending = null;
        checkpoint();
        listeners.forEach(x -> x.onLabeled(labelRound, ids, answer));
        return true;
    }

    private void runRound(int round) throws IOException {
        listeners.forEach(x -> x.onRoundStart(round, rounds + 1, labels.labeledCount()));
        long[] trainIds = labels.labeledIds();
        long t0 = System.nanoTime();
        model.fit(pool, trainIds, labels.labelsOf(trainIds), Seeds.derive(seed, round, "train"));
        double trainSeconds = seconds(t0);
        if (model.isWarmStarted() && store != null) {
            store.saveModel(model, round);
        }
        ClassificationMetrics metrics = evaluate();
        RoundRecord record = new RoundRecord(round, trainIds.length, metrics.accuracy(), metrics.nll(), metrics.ece(),
                trainSeconds, 0, new long[0], new float[0]);
        listeners.forEach(x -> x.onEvaluated(record));
        if (round <= rounds) {
            long t1 = System.nanoTime();
            Selection selection = select(round);
            double querySeconds = seconds(t1);
            records.add(record.withSelection(selection.ids(), selection.scores(), querySeconds));
            pending = new RunState.PendingQuery(round + 1, selection.ids());
            listeners.forEach(x -> x.onSelected(round, selection, querySeconds));
        } else {
            records.add(record);
        }
        checkpoint();
    }

    private ClassificationMetrics evaluate() {
        long[] ids = new long[test.size()];
        Arrays.setAll(ids, i -> i);
        try (NDManager m = manager.newSubManager()) {
            NDArray probabilities = model.probabilities(test, ids, m);
            return ClassificationMetrics.of(probabilities.toFloatArray(), model.numClasses(), test.labels());
        }
    }

    private Selection select(int round) {
        try (NDManager m = manager.newSubManager()) {
            return QueryRunner.select(strategy, new LearnerOutputs(model, pool, Seeds.derive(seed, round, "mc")),
                    labels.unlabeledIds(), labels.labeledIds(), budget,
                    new SplittableRandom(Seeds.derive(seed, round, "select:" + strategy.name())), m);
        }
    }

    private void checkpoint() throws IOException {
        if (store == null) {
            return;
        }
        long[] ids = new long[labelLog.size()];
        int[] given = new int[labelLog.size()];
        int[] when = new int[labelLog.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = labelLog.get(i)[0];
            given[i] = (int) labelLog.get(i)[1];
            when[i] = (int) labelLog.get(i)[2];
        }
        store.write(new RunState(RunState.FORMAT_VERSION, fingerprint, records, new RunState.Labels(ids, given, when),
                pending));
        RunReport.write(store.runDirectory(), strategy.name(), records, labels);
    }

    private RunResult finish(boolean complete) {
        RunResult result = new RunResult(records, RunReport.aubc(records), complete);
        listeners.forEach(x -> x.onRunEnd(result));
        return result;
    }

    /**
     * The labels received so far.
     *
     * @return the pool bookkeeping (a live view; do not modify)
     */
    public Pool labels() {
        return labels;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Frees the loop's native memory and the model. */
    @Override
    public void close() {
        manager.close();
        model.close();
    }

    /** Builds a loop; {@code set*} values are required, {@code opt*} values have defaults. */
    public static final class Builder {
        private ImageDataset pool;
        private ImageDataset test;
        private ClassifierModel model;
        private QueryStrategy strategy;
        private Oracle oracle;
        private int initialLabeled = 100;
        private InitialSelection initialSelection = InitialSelection.RANDOM;
        private int budget = 100;
        private int rounds = 10;
        private long seed;
        private Path runDirectory;
        private Device device;
        private ProgressReporter progress = ProgressReporter.SILENT;
        private final List<RunListener> listeners = new ArrayList<>();

        private Builder() {}

        /**
         * The items to select from.
         *
         * @param pool the pool
         * @return this builder
         */
        public Builder setPool(ImageDataset pool) {
            this.pool = pool;
            return this;
        }

        /**
         * The held-out items to evaluate on; needs ground truth.
         *
         * @param test the test set
         * @return this builder
         */
        public Builder setTestSet(ImageDataset test) {
            this.test = test;
            return this;
        }

        /**
         * The model; the loop takes ownership and closes it.
         *
         * @param model the model
         * @return this builder
         */
        public Builder setModel(ClassifierModel model) {
            this.model = model;
            return this;
        }

        /**
         * The query strategy.
         *
         * @param strategy the strategy
         * @return this builder
         */
        public Builder setStrategy(QueryStrategy strategy) {
            this.strategy = strategy;
            return this;
        }

        /**
         * Who answers label queries.
         *
         * @param oracle the oracle
         * @return this builder
         */
        public Builder setOracle(Oracle oracle) {
            this.oracle = oracle;
            return this;
        }

        /**
         * The size of the initial labeled set (default 100).
         *
         * @param size the size
         * @return this builder
         */
        public Builder optInitialLabeled(int size) {
            this.initialLabeled = size;
            return this;
        }

        /**
         * How the initial set is drawn (default random).
         *
         * @param selection the mode
         * @return this builder
         */
        public Builder optInitialSelection(InitialSelection selection) {
            this.initialSelection = selection;
            return this;
        }

        /**
         * Items selected per round (default 100).
         *
         * @param budget the budget
         * @return this builder
         */
        public Builder optBudgetPerRound(int budget) {
            this.budget = budget;
            return this;
        }

        /**
         * Query rounds (default 10); the run evaluates one more time than this.
         *
         * @param rounds the number of rounds
         * @return this builder
         */
        public Builder optRounds(int rounds) {
            this.rounds = rounds;
            return this;
        }

        /**
         * The run seed (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Where checkpoints and reports go; without one nothing is written and nothing resumes.
         *
         * @param directory the run directory
         * @return this builder
         */
        public Builder optRunDirectory(Path directory) {
            this.runDirectory = directory;
            return this;
        }

        /**
         * The device of the loop's arrays (default: the model's).
         *
         * @param device the device
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Where training and inference progress is shown (default: nowhere).
         *
         * @param progress the reporter
         * @return this builder
         */
        public Builder optProgress(ProgressReporter progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder addListener(RunListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Validates the configuration and builds the loop.
         *
         * @return the loop
         * @throws IllegalArgumentException naming the first invalid value
         */
        public ActiveLearningLoop build() {
            Objects.requireNonNull(pool, "setPool is required");
            Objects.requireNonNull(test, "setTestSet is required");
            Objects.requireNonNull(model, "setModel is required");
            Objects.requireNonNull(strategy, "setStrategy is required");
            Objects.requireNonNull(oracle, "setOracle is required");
            Objects.requireNonNull(initialSelection, "initialSelection");
            Objects.requireNonNull(progress, "progress");
            if (!test.hasLabels()) {
                throw new IllegalArgumentException("The test set " + test.name() + " has no ground truth to evaluate against.");
            }
            if (pool.numClasses() != model.numClasses() || test.numClasses() != model.numClasses()) {
                throw new IllegalArgumentException("The model has " + model.numClasses() + " classes but the pool has "
                        + pool.numClasses() + " and the test set " + test.numClasses() + ".");
            }
            if (initialLabeled < 1) {
                throw new IllegalArgumentException("Initial labeled size " + initialLabeled + " must be >= 1.");
            }
            if (budget <= 0) {
                throw new IllegalArgumentException("Budget per round " + budget + " must be > 0.");
            }
            if (rounds < 0) {
                throw new IllegalArgumentException("Rounds " + rounds + " must be >= 0.");
            }
            long needed = initialLabeled + (long) rounds * budget;
            if (needed > pool.size()) {
                throw new IllegalArgumentException("The run needs " + needed + " labels (initial " + initialLabeled + " + "
                        + rounds + " rounds × budget " + budget + ") but the pool has only " + pool.size()
                        + " items; lower the budget, the rounds or the initial size.");
            }
            return new ActiveLearningLoop(this);
        }
    }
}
