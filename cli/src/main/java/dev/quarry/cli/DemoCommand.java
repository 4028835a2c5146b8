package dev.quarry.cli;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.experiment.ModelConfig;
import dev.quarry.engine.pool.InitialSelection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code quarry demo}: the main job. Compares random sampling with the three classic uncertainty
 * strategies on the embedded Fashion-MNIST subset, sized to finish in minutes on a 2-core CPU.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Compare random, least-confidence, margin and entropy on the embedded Fashion-MNIST subset.")
final class DemoCommand implements Callable<Integer> {

    /** The demo's strategies. */
    static final List<String> STRATEGIES = List.of("random", "least-confidence", "margin", "entropy");

    /** The demo's experiment: 8 000-image pool, 2 000 test images, 100 + 10 × 100 labels. */
    static final ExperimentConfig CONFIG = new ExperimentConfig(DatasetSpec.embeddedSubset(), "random", Map.of(), 100,
            InitialSelection.RANDOM, 100, 10, 1, "auto", ModelConfig.DEFAULTS);

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptionsMixin runtime;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default runs/demo).")
    Path out = Path.of("runs", "demo");

    @Option(names = "--seeds", split = ",", paramLabel = "S[,S...]", description = "Seeds (default 1,2,3).")
    List<Long> seeds = new ArrayList<>(List.of(1L, 2L, 3L));

    @Option(names = "--device", paramLabel = "DEV", description = "auto (default), cpu or gpu:N.")
    String device;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig config = device == null ? CONFIG : CONFIG.withDevice(device);
        spec.commandLine().getOut().printf("Quarry demo: %s on the embedded Fashion-MNIST subset (8 000 pool, 2 000 test),"
                + " 100 initial + 10 rounds × 100 labels, seeds %s%n%n", String.join(", ", STRATEGIES), seeds);
        return CompareCommand.compare(spec.commandLine().getOut(), config, STRATEGIES, seeds, Map.of(), out, runtime);
    }
}
