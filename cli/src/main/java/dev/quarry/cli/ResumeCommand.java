package dev.quarry.cli;

import dev.quarry.engine.experiment.Experiment;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.loop.RunResult;
import dev.quarry.engine.progress.ConsoleProgressReporter;
import dev.quarry.labeling.LabelingRuns;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code quarry resume}: continue a run from its directory. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run that was killed or paused, from its directory; with --rounds, extend a finished one.")
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptionsMixin runtime;

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory (holds config.yaml and checkpoint.json).")
    Path runDirectory;

    @Option(names = "--rounds", paramLabel = "R", description = "Extend the run to R query rounds.")
    Integer rounds;

    @Option(names = "--device", paramLabel = "DEV", description = "Continue on another device (auto, cpu, gpu:N).")
    String device;

    @Option(names = "--inference-batch", paramLabel = "N", description = "Continue with another inference batch size.")
    Integer inferenceBatch;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = Experiment.readConfig(runDirectory);
        if (rounds != null) {
            config = config.withRounds(rounds);
        }
        if (device != null) {
            config = config.withDevice(device);
        }
        if (inferenceBatch != null) {
            config = config.withInferenceBatchSize(inferenceBatch);
        }
        runtime.apply();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("Resuming %s (seed %d) in %s%n", config.strategy(), config.seed(), runDirectory);
        RunResult result = LabelingRuns.run(config, config.dataset().load(), runDirectory, ConsoleProgressReporter.stderr(),
                new RoundPrinter(stdout, ""));
        return RoundPrinter.finish(stdout, runDirectory, result);
    }
}
