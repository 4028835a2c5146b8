package dev.quarry.engine.experiment;

import ai.djl.Device;

import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.io.RunLock;
import dev.quarry.engine.loop.ActiveLearningLoop;
import dev.quarry.engine.loop.LoopBuilder;
import dev.quarry.engine.loop.RunListener;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.loop.SelectionBackend;
import dev.quarry.engine.loop.SimulatedOracle;
import dev.quarry.engine.loop.VotingOracle;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.report.RunReport;
import dev.quarry.engine.strategy.QueryStrategy;
import dev.quarry.engine.strategy.Strategies;
import dev.quarry.runtime.NativeRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Runs and resumes experiments described by an {@link ExperimentConfig}. */
public final class Experiment {

    /** The resolved configuration's file name inside a run directory. */
    public static final String CONFIG_FILE = "config.yaml";
    /** Where the queries people answer are written, inside a run directory ({@code round-N/} each). */
    public static final String QUERIES_DIRECTORY = "queries";

    private Experiment() {}

    /**
     * Loads the dataset and runs (or resumes) the experiment in a run directory.
     *
     * @param config the configuration
     * @param runDirectory where the config, checkpoints and reports go
     * @param progress where progress is shown
     * @param listeners round callbacks
     * @return the result
     * @throws IOException if the data or the run directory cannot be read or written
     */
    public static RunResult run(ExperimentConfig config, Path runDirectory, ProgressReporter progress,
            RunListener... listeners) throws IOException {
        return run(config, config.dataset().load(), runDirectory, progress, listeners);
    }

    /**
     * Runs (or resumes) the experiment on data already loaded.
     *
     * @param config the configuration
     * @param data the pool and test set {@code config.dataset()} describes
     * @param runDirectory where the config, checkpoints and reports go
     * @param progress where progress is shown
     * @param listeners round callbacks
     * @return the result
     * @throws IOException if the run directory cannot be read or written
     * @throws IllegalArgumentException if the directory holds a run with another configuration
     */
    public static RunResult run(ExperimentConfig config, ExperimentData data, Path runDirectory, ProgressReporter progress,
            RunListener... listeners) throws IOException {
        return run(config, data, runDirectory, progress, SelectionBackend.LOCAL, listeners);
    }

    /**
     * Runs (or resumes) the experiment on data already loaded, selecting where a backend says (a
     * cluster, for a pool spread over one).
     *
     * @param config the configuration
     * @param data the pool and test set {@code config.dataset()} describes
     * @param runDirectory where the config, checkpoints and reports go
     * @param progress where progress is shown
     * @param backend where each round's selection runs
     * @param listeners round callbacks
     * @return the result
     * @throws IOException if the run directory cannot be read or written
     * @throws IllegalArgumentException if the directory holds a run with another configuration
     */
    public static RunResult run(ExperimentConfig config, ExperimentData data, Path runDirectory, ProgressReporter progress,
            SelectionBackend backend, RunListener... listeners) throws IOException {
        Path configFile = runDirectory.resolve(CONFIG_FILE);
        if (Files.exists(configFile)) {
            ExperimentConfig existing = ExperimentConfig.read(configFile);
            if (!existing.resumableAs(config)) {
                throw new InvalidInputException("The run directory " + runDirectory + " already holds a run with another "
                        + "configuration; resume that run, or choose another run directory.", Setting.RUN_DIRECTORY);
            }
        }
        try (ActiveLearningLoop loop = newLoop(config, data, runDirectory, progress, backend, listeners);
                RunLock lock = RunLock.acquire(Files.createDirectories(runDirectory), "running it")) {
            config.write(configFile);
            return loop.run();
        }
    }

    /**
     * Continues a run from its directory: its {@code config.yaml} and checkpoint.
     *
     * @param runDirectory the run directory
     * @param progress where progress is shown
     * @param listeners round callbacks
     * @return the result
     * @throws NoSuchFileException if the directory holds no Quarry run
     * @throws IOException if it cannot be read or written
     */
    public static RunResult resume(Path runDirectory, ProgressReporter progress, RunListener... listeners)
            throws IOException {
        return run(readConfig(runDirectory), runDirectory, progress, listeners);
    }

    /**
     * The configuration of an existing run.
     *
     * @param runDirectory the run directory
     * @return its configuration
     * @throws NoSuchFileException if the directory holds no Quarry run
     * @throws IOException if it cannot be read
     */
    public static ExperimentConfig readConfig(Path runDirectory) throws IOException {
        Path configFile = runDirectory.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new NoSuchFileException(runDirectory.toString(), null,
                    "not a Quarry run directory (it has no " + CONFIG_FILE + ")");
        }
        return ExperimentConfig.read(configFile);
    }

    /**
     * Builds the loop for a configuration: resolves the device, the strategy (failing fast on an
     * unknown name or option), the learner and the oracle (ground truth, or people's votes with the
     * pool's given labels as the start of the initial set), and registers the run's report
     * when there is a run directory.
     *
     * @param config the configuration
     * @param data the pool and test set
     * @param runDirectory where checkpoints go, or null
     * @param progress where progress is shown
     * @param listeners round callbacks
     * @return the loop
     * @throws NoSuchFileException if a configured TorchScript file does not exist
     */
    public static ActiveLearningLoop newLoop(ExperimentConfig config, ExperimentData data, Path runDirectory,
            ProgressReporter progress, RunListener... listeners) throws NoSuchFileException {
        return newLoop(config, data, runDirectory, progress, SelectionBackend.LOCAL, listeners);
    }

    /**
     * Builds the loop for a configuration, selecting where a backend says.
     *
     * @param config the configuration
     * @param data the pool and test set
     * @param runDirectory where checkpoints go, or null
     * @param progress where progress is shown
     * @param backend where each round's selection runs
     * @param listeners round callbacks
     * @return the loop
     * @throws NoSuchFileException if a configured TorchScript file does not exist
     */
    public static ActiveLearningLoop newLoop(ExperimentConfig config, ExperimentData data, Path runDirectory,
            ProgressReporter progress, SelectionBackend backend, RunListener... listeners) throws NoSuchFileException {
        QueryStrategy strategy = Strategies.get(config.strategy(), config.strategyOptions());
        boolean people = config.oracle() == ExperimentConfig.OracleKind.FILES;
        if (!people && !data.pool().hasLabels()) {
            throw new InvalidInputException("The pool " + data.pool().name() + " has no ground truth, so the simulated "
                    + "oracle cannot answer; let people label it with the files oracle.", Setting.ORACLE);
        }
        if (people && runDirectory == null) {
            throw new InvalidInputException("People answer through the run directory (its query files and "
                    + "checkpoint); give the run one.", Setting.RUN_DIRECTORY);
        }
        Device device = NativeRuntime.device(config.device());
        LoopBuilder builder = ActiveLearningLoop.builder()
                .setItems(data.pool())
                .setLearner(config.model().learnerFor(data.pool(), device))
                .setStrategy(strategy)
                .setOracle(people ? new VotingOracle("see " + runDirectory.resolve(QUERIES_DIRECTORY) + " and import the "
                        + "answers with `quarry label import " + runDirectory + " FILE`") : new SimulatedOracle(
                                data.pool().labels()))
                .optInitialLabeled(config.initialLabeled())
                .optInitialSelection(config.initialSelection())
                .optBudgetPerRound(config.budgetPerRound())
                .optRounds(config.rounds())
                .optSeed(config.seed())
                .optRunDirectory(runDirectory)
                .optProgress(progress)
                .optSelectionBackend(backend);
        data.test().ifPresent(builder::optTestSet);
        if (people) {
            builder.optGivenLabels(data.pool().givenLabels().ids(), data.pool().givenLabels().labels());
        }
        if (runDirectory != null) {
            builder.addListener(new RunReport(runDirectory, strategy.name()));
        }
        for (RunListener l : listeners) {
            builder.addListener(l);
        }
        return builder.build();
    }
}
