package dev.quarry.cli;

import ai.djl.Device;

import dev.quarry.engine.progress.ConsoleProgressReporter;
import dev.quarry.rfi.RfiExperiment;
import dev.quarry.rfi.ae.AutoencoderOptions;
import dev.quarry.rfi.ae.TrainingHistory;
import dev.quarry.rfi.eval.MitigationSummary;
import dev.quarry.runtime.NativeRuntime;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarry rfi}: the RF side: train the mitigating autoencoder and evaluate it. */
@Command(name = "rfi", mixinStandardHelpOptions = true,
        description = "SMAP-like RFI: train the mitigating autoencoder on simulated footprints, evaluate it against"
                + " flag-and-discard.",
        subcommands = {RfiCommand.Train.class, RfiCommand.Evaluate.class})
final class RfiCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code quarry rfi train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Simulate fast-mode footprints and train the autoencoder; writes OUT/model and"
                    + " OUT/training.csv.")
    static final class Train implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        RuntimeOptionsMixin runtime;

        @Option(names = "--train", paramLabel = "N", description = "Training footprints (default 50000).")
        int train = 50_000;

        @Option(names = "--validation", paramLabel = "N", description = "Early-stopping footprints (default 5000).")
        int validation = 5_000;

        @Option(names = "--epochs", paramLabel = "E", description = "Most epochs (default 40; stops early).")
        int epochs = 40;

        @Option(names = "--patience", paramLabel = "P",
                description = "Epochs without a better validation RMSE before stopping (default 10).")
        int patience = 10;

        @Option(names = "--architecture", paramLabel = "conv|dense", description = "Encoder-decoder (default conv).")
        String architecture = "conv";

        @Option(names = "--head", paramLabel = "gated|softplus|none",
                description = "Output head: x - sigmoid(d)*excess over the median (default), x - softplus(d), or free.")
        String head = "gated";

        @Option(names = "--seed", paramLabel = "S", description = "Simulation and training seed (default 1).")
        long seed = 1;

        @Option(names = "--device", paramLabel = "auto|cpu|gpu:N", description = "Where to train (default auto).")
        String device = "auto";

        @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default runs/rfi).")
        Path out = Path.of("runs", "rfi");

        @Override
        public Integer call() throws Exception {
            runtime.apply();
            Device target = NativeRuntime.device(device);
            AutoencoderOptions defaults = AutoencoderOptions.defaults(seed);
            AutoencoderOptions options = new AutoencoderOptions(architecture, defaults.bottleneck(), head,
                    defaults.lambda(), defaults.learningRate(), defaults.batchSize(), epochs, patience, seed);
            TrainingHistory history = RfiExperiment.train(new RfiExperiment.TrainSpec(train, validation, seed, options),
                    target, out, ConsoleProgressReporter.stderr());
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.printf(Locale.ROOT, "trained %s on %s in %.1f s: best epoch %d of %d, validation footprint T_B RMSE"
                    + " %.3f K%n", options, target, history.seconds(), history.bestEpoch(), history.epochs().size(),
                    history.bestValidationRmse());
            stdout.println("model: " + out.resolve("model"));
            stdout.println("history: " + out.resolve("training.csv"));
            return QuarryCommand.OK;
        }
    }

    /** {@code quarry rfi evaluate}. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Evaluate a trained autoencoder and SMAP-like flag-and-discard on fresh test footprints;"
                    + " writes metrics.csv, report.md and charts to OUT (IQ mode under OUT/iq).")
    static final class Evaluate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        RuntimeOptionsMixin runtime;

        @Option(names = "--model", required = true, paramLabel = "DIR",
                description = "The model directory `quarry rfi train` wrote (OUT/model).")
        Path model;

        @Option(names = "--test", paramLabel = "N", description = "Fast-mode test footprints (default 10000).")
        int test = 10_000;

        @Option(names = "--iq", paramLabel = "N", description = "IQ-mode test footprints (default 1000; 0 skips).")
        int iq = 1_000;

        @Option(names = "--seed", paramLabel = "S", description = "Test simulation seed (default 2).")
        long seed = 2;

        @Option(names = "--device", paramLabel = "auto|cpu|gpu:N", description = "Where to infer (default auto).")
        String device = "auto";

        @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default runs/rfi/eval).")
        Path out = Path.of("runs", "rfi", "eval");

        @Override
        public Integer call() throws Exception {
            runtime.apply();
            MitigationSummary summary = RfiExperiment.evaluate(model, new RfiExperiment.EvaluateSpec(test, iq, seed),
                    NativeRuntime.device(device), out, ConsoleProgressReporter.stderr());
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(summary.markdown());
            stdout.println(summary.goals());
            stdout.println("report: " + out.resolve("report.md"));
            return QuarryCommand.OK;
        }
    }
}
