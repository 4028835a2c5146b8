package dev.quarry.engine.experiment;

import dev.quarry.engine.data.ExperimentData;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.io.AtomicFiles;
import dev.quarry.engine.loop.RunListener;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.report.ComparisonReport;
import dev.quarry.engine.report.RareClassLabels;
import dev.quarry.engine.strategy.Strategies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs several strategies × seeds on one dataset (loaded once) and writes one report.
 *
 * <p>Each run lives in {@code <out>/<strategy>/seed-<seed>/} with its own checkpoint, so running a
 * killed comparison again resumes it: finished runs return at once, the interrupted one continues.
 */
public final class Comparison {

    /** Told when each run of a comparison starts. */
    @FunctionalInterface
    public interface Observer {
        /**
         * A run starts.
         *
         * @param strategy the strategy
         * @param seed the seed
         * @param index the run's position, from 1
         * @param total the number of runs
         */
        void onRunStart(String strategy, long seed, int index, int total);
    }

    /** Every run's picks per class, on an imbalanced pool. */
    public static final String RARE_CLASSES_CSV = "rare-class-picks.csv";

    private Comparison() {}

    /**
     * Runs the comparison.
     *
     * @param base the configuration every run shares (its strategy and seed are replaced)
     * @param strategies strategy names, each with its options (possibly empty)
     * @param seeds the seeds
     * @param outDirectory where runs and the report go
     * @param progress where progress is shown
     * @param observer told when each run starts
     * @param listeners round callbacks for every run
     * @return the report
     * @throws IOException if data or files cannot be read or written
     */
    public static ComparisonReport run(ExperimentConfig base, Map<String, Map<String, String>> strategies, List<Long> seeds,
            Path outDirectory, ProgressReporter progress, Observer observer, RunListener... listeners) throws IOException {
        if (strategies.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("A comparison needs at least one strategy and one seed.");
        }
        for (Map.Entry<String, Map<String, String>> s : strategies.entrySet()) {
            Strategies.get(s.getKey(), s.getValue()); // fail on a bad name or option before any training
        }
        ExperimentData data = base.dataset().load();
        if (data.test().isEmpty()) {
            throw new InvalidInputException("A comparison ranks strategies by test-set accuracy, but dataset '"
                    + base.dataset().name() + "' has no test set; run each strategy with `run` instead.");
        }
        Map<String, Map<Long, RunResult>> results = new LinkedHashMap<>();
        int total = strategies.size() * seeds.size();
        int index = 0;
        for (Map.Entry<String, Map<String, String>> s : strategies.entrySet()) {
            Map<Long, RunResult> bySeed = new LinkedHashMap<>();
            for (long seed : seeds) {
                observer.onRunStart(s.getKey(), seed, ++index, total);
                ExperimentConfig config = base.withStrategy(s.getKey(), s.getValue()).withSeed(seed);
                Path runDirectory = outDirectory.resolve(s.getKey()).resolve("seed-" + seed);
                bySeed.put(seed, Experiment.run(config, data, runDirectory, progress, listeners));
            }
            results.put(s.getKey(), bySeed);
        }
        String title = String.format("%s: %d + %d × %d labels, %d seed(s)", data.pool().name(), base.initialLabeled(),
                base.rounds(), base.budgetPerRound(), seeds.size());
        ComparisonReport report = ComparisonReport.write(outDirectory, title, results);
        Optional<RareClassLabels> rare = data.pool().hasLabels()
                ? RareClassLabels.of(data.pool().labels(), data.pool().numClasses(), results) : Optional.empty();
        if (rare.isPresent()) {
            Path summary = outDirectory.resolve(ComparisonReport.SUMMARY_MD);
            AtomicFiles.writeString(summary, Files.readString(summary) + "\n"
                    + rare.get().table(data.pool().classNames()));
            AtomicFiles.writeString(outDirectory.resolve(RARE_CLASSES_CSV), rare.get().csv());
        }
        return report;
    }
}
