package dev.quarry.rfi;

import ai.djl.Device;

import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.rfi.ae.AutoencoderOptions;
import dev.quarry.rfi.ae.RfiAutoencoder;
import dev.quarry.rfi.ae.TrainingHistory;
import dev.quarry.rfi.detect.SmapDetectors;
import dev.quarry.rfi.detect.ThresholdTuning;
import dev.quarry.rfi.eval.FootprintOutcome;
import dev.quarry.rfi.eval.MitigationEvaluation;
import dev.quarry.rfi.eval.MitigationSummary;
import dev.quarry.rfi.eval.RfiCharts;
import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.FootprintSet;
import dev.quarry.rfi.sim.RadiometerSimulator;
import dev.quarry.rfi.sim.SimulationMode;
import dev.quarry.rfi.sim.SimulatorConfig;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two RF jobs behind {@code quarry rfi}: train the autoencoder on fast-mode footprints, and
 * evaluate it against SMAP-like flag-and-discard on fresh test footprints (fast mode, and a smaller
 * IQ-mode set where the kurtosis detectors also run). Every set comes from its own seed and index
 * range, so training, validation, tuning and test footprints never overlap.
 */
public final class RfiExperiment {

    /** Target clean false-alarm rate for both detectors. */
    public static final double FALSE_ALARM_RATE = 0.05;

    private RfiExperiment() {}

    /**
     * What to train on.
     *
     * @param trainFootprints training set size (fast mode)
     * @param validationFootprints early-stopping set size
     * @param seed simulation seed
     * @param options the autoencoder
     */
    public record TrainSpec(int trainFootprints, int validationFootprints, long seed, AutoencoderOptions options) {

        /** Validates sizes. */
        public TrainSpec {
            if (trainFootprints < 1 || validationFootprints < 1) {
                throw new IllegalArgumentException("Training needs >= 1 training and validation footprint; got "
                        + trainFootprints + " and " + validationFootprints + ".");
            }
        }
    }

    /**
     * What to evaluate on.
     *
     * @param testFootprints fast-mode test footprints
     * @param iqFootprints IQ-mode test footprints (0 skips the IQ part)
     * @param seed simulation seed, different from training's
     */
    public record EvaluateSpec(int testFootprints, int iqFootprints, long seed) {

        /** Validates sizes. */
        public EvaluateSpec {
            if (testFootprints < 1 || iqFootprints < 0) {
                throw new IllegalArgumentException("Evaluation needs >= 1 fast-mode test footprint and >= 0 IQ ones; got "
                        + testFootprints + " and " + iqFootprints + ".");
            }
        }
    }

    /**
     * Trains and saves the autoencoder into {@code out/model}, with {@code out/training.csv}.
     *
     * @param spec sizes, seed and options
     * @param device where to train
     * @param out the output directory
     * @param progress where progress goes
     * @return the history
     * @throws IOException when writing fails
     */
    public static TrainingHistory train(TrainSpec spec, Device device, Path out, ProgressReporter progress)
            throws IOException {
        Files.createDirectories(out);
        RadiometerSimulator simulator = new RadiometerSimulator(SimulatorConfig.defaults(spec.seed()));
        FootprintSet train = FootprintSet.simulate(simulator, 0, spec.trainFootprints(), progress);
        FootprintSet validation = FootprintSet.simulate(simulator, spec.trainFootprints(), spec.validationFootprints(),
                progress);
        try (RfiAutoencoder autoencoder = RfiAutoencoder.create(spec.options(), device)) {
            TrainingHistory history = autoencoder.fit(train, validation, progress);
            autoencoder.save(out.resolve("model"));
            try (Writer csv = Files.newBufferedWriter(out.resolve("training.csv"))) {
                csv.write("epoch,train_loss,validation_tb_rmse_k,kept\n");
                for (TrainingHistory.Epoch e : history.epochs()) {
                    csv.write(String.format(Locale.ROOT, "%d,%.6f,%.4f,%s%n", e.epoch(), e.trainLoss(),
                            e.validationRmse(), e.epoch() == history.bestEpoch()));
                }
            }
            return history;
        }
    }

    /**
     * Evaluates a saved autoencoder; writes {@code metrics.csv}, {@code report.md}, the charts and
     * example spectrograms into {@code out} (IQ results under {@code out/iq}).
     *
     * @param model the directory {@link #train} saved the model in
     * @param spec sizes and seed
     * @param device where to infer
     * @param out the output directory
     * @param progress where progress goes
     * @return the fast-mode summary
     * @throws IOException when reading or writing fails
     */
    public static MitigationSummary evaluate(Path model, EvaluateSpec spec, Device device, Path out,
            ProgressReporter progress) throws IOException {
        Files.createDirectories(out);
        try (RfiAutoencoder autoencoder = RfiAutoencoder.load(model, device)) {
            MitigationSummary fast = evaluateMode(autoencoder, SimulationMode.FAST, spec.testFootprints(), spec.seed(),
                    out, progress);
            if (spec.iqFootprints() > 0) {
                Path iq = out.resolve("iq");
                Files.createDirectories(iq);
                evaluateMode(autoencoder, SimulationMode.IQ, spec.iqFootprints(), spec.seed(), iq, progress);
            }
            return fast;
        }
    }

    private static MitigationSummary evaluateMode(RfiAutoencoder autoencoder, SimulationMode mode, int count, long seed,
            Path out, ProgressReporter progress) throws IOException {
        // one source per footprint, INR uniform over −30…+10 dB, so each bin and type is well defined
        SimulatorConfig test = SimulatorConfig.defaults(seed).withMode(mode).withInr(-30, 10)
                .withSources(SimulatorConfig.defaults(seed).types(), 1, 0.1);
        SimulatorConfig clean = test.withSeed(seed ^ 0x5eed5eedL).withSources(List.of(), 1, 1.0);
        int tuning = Math.max(50, count / 5);
        List<Footprint> cleanSet = new RadiometerSimulator(clean).footprints(0, tuning, progress);
        List<Footprint> testSet = new RadiometerSimulator(test).footprints(0, count, progress);
        SmapDetectors detectors = ThresholdTuning.tune(SmapDetectors.forMode(mode, 3), cleanSet, FALSE_ALARM_RATE);
        float[] cleanCells = FootprintSet.of(cleanSet).cells();
        double threshold = MitigationEvaluation.residualThreshold(cleanCells, autoencoder.mitigate(cleanCells),
                FALSE_ALARM_RATE);
        float[] mitigated = autoencoder.mitigate(FootprintSet.of(testSet).cells());
        List<FootprintOutcome> outcomes = MitigationEvaluation.evaluate(testSet, detectors, mitigated, threshold);
        MitigationSummary summary = MitigationSummary.of(outcomes);
        summary.writeCsv(out.resolve("metrics.csv"));
        RfiCharts.rmseVsInr(summary, out.resolve("rmse-vs-inr.png"));
        RfiCharts.retainedVsInr(summary, out.resolve("retained-vs-inr.png"));
        RfiCharts.examples(testSet, mitigated, examples(testSet), out.resolve("examples.png"));
        String report = String.format(Locale.ROOT, "# RFI mitigation, %s mode%n%n%d test footprints (one source each,"
                + " INR uniform in -30...+10 dB, 10 %% clean), tuned on %d clean footprints.%nSMAP-like detectors %s;"
                + " autoencoder residual threshold %.3f K (both at %.0f %% clean false alarms).%n%n%s%n"
                + "## Targets%n%n%s", mode.name().toLowerCase(Locale.ROOT), count, tuning, detectors, threshold,
                100 * FALSE_ALARM_RATE, summary.markdown(), summary.goals());
        Files.writeString(out.resolve("report.md"), report);
        return summary;
    }

    /** One footprint per RFI type near INR −5 dB, for the example spectrograms. */
    private static int[] examples(List<Footprint> footprints) {
        List<Integer> picked = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < footprints.size() && picked.size() < 4; i++) {
            Footprint f = footprints.get(i);
            if (!f.sources().isEmpty() && !seen.contains(f.label()) && f.inrDb() > -10 && f.inrDb() < 0) {
                seen.add(f.label());
                picked.add(i);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }
}
