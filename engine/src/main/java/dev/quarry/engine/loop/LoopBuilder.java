package dev.quarry.engine.loop;

import ai.djl.Device;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.labels.InitialSelection;
import dev.quarry.engine.labels.LabelingPlan;
import dev.quarry.engine.model.Learner;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.strategy.QueryStrategy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds an {@link ActiveLearningLoop}; {@code set*} values are required, {@code opt*} values have defaults. */
public final class LoopBuilder {

    ItemSource pool;
    ItemSource test;
    Learner learner;
    QueryStrategy strategy;
    Oracle oracle;
    private int initialLabeled = 100;
    private InitialSelection initialSelection = InitialSelection.RANDOM;
    private int budget = 100;
    private int rounds = 10;
    long seed;
    Path runDirectory;
    Device device;
    ProgressReporter progress = ProgressReporter.SILENT;
    SelectionBackend backend = SelectionBackend.LOCAL;
    final List<RunListener> listeners = new ArrayList<>();
    long[] givenIds = new long[0];
    int[] givenLabels = new int[0];

    LoopBuilder() {}

    /**
     * The items to select from: images, feature vectors, any tensors.
     *
     * @param items the pool
     * @return this builder
     */
    public LoopBuilder setItems(ItemSource items) {
        this.pool = items;
        return this;
    }

    /**
     * The learner; the loop takes ownership and closes it.
     *
     * @param model the learner
     * @return this builder
     */
    public LoopBuilder setLearner(Learner model) {
        this.learner = model;
        return this;
    }

    /**
     * The query strategy.
     *
     * @param queryStrategy the strategy
     * @return this builder
     */
    public LoopBuilder setStrategy(QueryStrategy queryStrategy) {
        this.strategy = queryStrategy;
        return this;
    }

    /**
     * Who answers label queries.
     *
     * @param labeler the oracle
     * @return this builder
     */
    public LoopBuilder setOracle(Oracle labeler) {
        this.oracle = labeler;
        return this;
    }

    /**
     * Held-out items with ground truth to evaluate on each round (default: none; rounds then record
     * their training loss and selections without accuracy).
     *
     * @param testSet the test set
     * @return this builder
     */
    public LoopBuilder optTestSet(ItemSource testSet) {
        this.test = testSet;
        return this;
    }

    /**
     * Labels people gave before the run (such as images sorted into class folders). They start the
     * initial labeled set; when there are fewer than its size, the rest is drawn as usual and asked.
     *
     * @param ids distinct items
     * @param labels their labels
     * @return this builder
     */
    public LoopBuilder optGivenLabels(long[] ids, int[] labels) {
        if (ids.length != labels.length) {
            throw new IllegalArgumentException(ids.length + " given ids but " + labels.length + " labels.");
        }
        givenIds = ids.clone();
        givenLabels = labels.clone();
        return this;
    }

    /**
     * Where each round's selection runs (default {@link SelectionBackend#LOCAL}, this process).
     *
     * @param selection the backend
     * @return this builder
     */
    public LoopBuilder optSelectionBackend(SelectionBackend selection) {
        backend = Objects.requireNonNull(selection, "selection");
        return this;
    }

    /**
     * The size of the initial labeled set (default 100).
     *
     * @param size the size
     * @return this builder
     */
    public LoopBuilder optInitialLabeled(int size) {
        this.initialLabeled = size;
        return this;
    }

    /**
     * How the initial set is drawn (default random).
     *
     * @param selection the mode
     * @return this builder
     */
    public LoopBuilder optInitialSelection(InitialSelection selection) {
        this.initialSelection = selection;
        return this;
    }

    /**
     * Items selected per round (default 100).
     *
     * @param size the budget
     * @return this builder
     */
    public LoopBuilder optBudgetPerRound(int size) {
        this.budget = size;
        return this;
    }

    /**
     * Query rounds (default 10); the run trains and evaluates one more time than this.
     *
     * @param count the number of rounds
     * @return this builder
     */
    public LoopBuilder optRounds(int count) {
        this.rounds = count;
        return this;
    }

    /**
     * The run seed (default 0).
     *
     * @param runSeed the seed
     * @return this builder
     */
    public LoopBuilder optSeed(long runSeed) {
        this.seed = runSeed;
        return this;
    }

    /**
     * Where checkpoints go; without one nothing is written and nothing resumes.
     *
     * @param directory the run directory
     * @return this builder
     */
    public LoopBuilder optRunDirectory(Path directory) {
        this.runDirectory = directory;
        return this;
    }

    /**
     * The device of the loop's arrays (default: the learner's).
     *
     * @param onDevice the device
     * @return this builder
     */
    public LoopBuilder optDevice(Device onDevice) {
        this.device = onDevice;
        return this;
    }

    /**
     * Where training and inference progress is shown (default: nowhere).
     *
     * @param reporter the reporter
     * @return this builder
     */
    public LoopBuilder optProgress(ProgressReporter reporter) {
        this.progress = reporter;
        return this;
    }

    /**
     * Adds a listener (reports, progress lines, a dashboard).
     *
     * @param listener the listener
     * @return this builder
     */
    public LoopBuilder addListener(RunListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Validates the configuration and builds the loop.
     *
     * @return the loop
     * @throws InvalidInputException naming the first invalid value
     */
    public ActiveLearningLoop build() {
        Objects.requireNonNull(pool, "setItems is required");
        Objects.requireNonNull(learner, "setLearner is required");
        Objects.requireNonNull(strategy, "setStrategy is required");
        Objects.requireNonNull(oracle, "setOracle is required");
        Objects.requireNonNull(progress, "progress");
        if (test != null && test.groundTruth().isEmpty()) {
            throw new InvalidInputException("The test set " + test.name() + " has no ground truth to evaluate against.");
        }
        if (pool.numClasses() != learner.numClasses() || test != null && test.numClasses() != learner.numClasses()) {
            throw new InvalidInputException("The learner has " + learner.numClasses() + " classes but the pool has "
                    + pool.numClasses() + (test == null ? "" : " and the test set " + test.numClasses()) + ".");
        }
        LabelingPlan plan = new LabelingPlan(initialLabeled, initialSelection, budget, rounds);
        plan.requireFits(pool.size());
        return new ActiveLearningLoop(this, plan);
    }
}
