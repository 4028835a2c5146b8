package dev.quarry.labeling;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.experiment.Experiment;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.loop.RunListener;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.loop.SelectionBackend;
import dev.quarry.engine.progress.ProgressReporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an experiment with what people need around it: with the files oracle, each query is
 * written as files ({@link QueryFiles}) before the run checkpoints it and pauses for the answers.
 * With the simulated oracle this is {@link Experiment#run} as it is.
 */
public final class LabelingRuns {

    private LabelingRuns() {}

    /**
     * Runs (or resumes) an experiment on loaded data.
     *
     * @param config the configuration
     * @param data the pool and test set it describes
     * @param runDirectory the run directory
     * @param progress where progress is shown
     * @param listeners more round callbacks
     * @return the result; not complete while people's labels are pending
     * @throws IOException if reading or writing fails
     */
    public static RunResult run(ExperimentConfig config, ExperimentData data, Path runDirectory, ProgressReporter progress,
            RunListener... listeners) throws IOException {
        return run(config, data, runDirectory, progress, SelectionBackend.LOCAL, listeners);
    }

    /**
     * Runs (or resumes) an experiment on loaded data, selecting where a backend says.
     *
     * @param config the configuration
     * @param data the pool and test set it describes
     * @param runDirectory the run directory
     * @param progress where progress is shown
     * @param backend where each round's selection runs
     * @param listeners more round callbacks
     * @return the result; not complete while people's labels are pending
     * @throws IOException if reading or writing fails
     */
    public static RunResult run(ExperimentConfig config, ExperimentData data, Path runDirectory, ProgressReporter progress,
            SelectionBackend backend, RunListener... listeners) throws IOException {
        List<RunListener> all = new ArrayList<>(Arrays.asList(listeners));
        if (config.oracle() == ExperimentConfig.OracleKind.FILES) {
            all.add(0, new QueryFiles(runDirectory, data.pool(), config.strategy(), documentRoot(config.dataset(),
                    runDirectory)));
        }
        return Experiment.run(config, data, runDirectory, progress, backend, all.toArray(RunListener[]::new));
    }

    /**
     * The folder Label Studio should serve files from for a dataset: an image dataset's folder (a
     * manifest's folder), otherwise the run directory, where items are rendered.
     *
     * @param spec the dataset
     * @param runDirectory the run directory
     * @return the folder
     */
    public static Path documentRoot(DatasetSpec spec, Path runDirectory) {
        if (!spec.name().equals(DatasetSpec.IMAGES)) {
            return runDirectory;
        }
        Path source = Path.of(spec.path()).toAbsolutePath().normalize();
        return Files.isRegularFile(source) ? source.getParent() : source;
    }
}
