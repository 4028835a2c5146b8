package dev.quarry.cli;

import ai.djl.Device;

import dev.quarry.engine.data.DatasetSpec;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.experiment.ModelConfig;
import dev.quarry.engine.labels.InitialSelection;
import dev.quarry.engine.progress.ConsoleProgressReporter;
import dev.quarry.rfi.RfiExperiment;
import dev.quarry.rfi.ae.AutoencoderOptions;
import dev.quarry.rfi.ae.TrainingHistory;
import dev.quarry.rfi.eval.MitigationSummary;
import dev.quarry.rfi.pool.RfSmapDataset;
import dev.quarry.runtime.NativeRuntime;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code quarry demo}: the main job. Compares random sampling with the three classic uncertainty
 * strategies on the embedded Fashion-MNIST subset, sized to finish in minutes on a 2-core CPU. With
 * {@code --rf}, the RF part instead: trains and evaluates a small RFI autoencoder, then compares
 * random, margin and the two autoencoder strategies on a simulated rf-smap pool.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Compare random, least-confidence, margin and entropy on the embedded Fashion-MNIST subset;"
                + " --rf: the RF part (RFI autoencoder, then active learning on simulated footprints).")
final class DemoCommand implements Callable<Integer> {

    /** The demo's strategies. */
    static final List<String> STRATEGIES = List.of("random", "least-confidence", "margin", "entropy");

    /** The demo's experiment: 8 000-image pool, 2 000 test images, 100 + 10 × 100 labels. */
    static final ExperimentConfig CONFIG = new ExperimentConfig(DatasetSpec.embeddedSubset(), "random", Map.of(), 100,
            InitialSelection.RANDOM, 100, 10, 1, "auto", ModelConfig.DEFAULTS, ExperimentConfig.OracleKind.SIMULATED);

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

    @Option(names = "--rf", description = "Run the RF part (default output runs/demo-rf).")
    boolean rf;

    /** The RF part's strategies. */
    static final List<String> RF_STRATEGIES = List.of("random", "margin", "recon-error", "ae-embeddings");

    @Override
    public Integer call() throws Exception {
        if (rf) {
            return rfDemo(out.equals(Path.of("runs", "demo")) ? Path.of("runs", "demo-rf") : out);
        }
        ExperimentConfig config = device == null ? CONFIG : CONFIG.withDevice(device);
        spec.commandLine().getOut().printf("Quarry demo: %s on the embedded Fashion-MNIST subset (8 000 pool, 2 000 test),"
                + " 100 initial + 10 rounds × 100 labels, seeds %s%n%n", String.join(", ", STRATEGIES), seeds);
        return CompareCommand.compare(spec.commandLine().getOut(), config, STRATEGIES, seeds, Map.of(), out, runtime);
    }

    private int rfDemo(Path dir) throws Exception {
        runtime.apply();
        PrintWriter stdout = spec.commandLine().getOut();
        Device target = NativeRuntime.device(device == null ? "auto" : device);
        stdout.printf("Quarry RF demo: an RFI autoencoder on 10 000 simulated footprints, evaluated against SMAP-like"
                + " flag-and-discard, then %s on a 3 000-footprint rf-smap pool, seeds %s%n%n",
                String.join(", ", RF_STRATEGIES), seeds);
        Path rfi = dir.resolve("rfi");
        TrainingHistory history = RfiExperiment.train(new RfiExperiment.TrainSpec(10_000, 1_000, 1,
                AutoencoderOptions.defaults(1).withMaxEpochs(15)), target, rfi, ConsoleProgressReporter.stderr());
        stdout.printf(Locale.ROOT, "autoencoder: best epoch %d, validation footprint T_B RMSE %.2f K (%s); a quick model:"
                + " `quarry rfi train` trains the full one (50 000 footprints, 40 epochs)%n", history.bestEpoch(),
                history.bestValidationRmse(), rfi.resolve("model"));
        MitigationSummary summary = RfiExperiment.evaluate(rfi.resolve("model"), new RfiExperiment.EvaluateSpec(2_000,
                200, 2), target, rfi.resolve("eval"), ConsoleProgressReporter.stderr());
        stdout.println(summary.markdown());
        stdout.println(summary.goals());
        ExperimentConfig pool = new ExperimentConfig(new DatasetSpec(RfSmapDataset.NAME, null, 3_000, 1_000, 0), "random",
                Map.of(), 100, InitialSelection.RANDOM, 100, 10, 1, device == null ? "auto" : device, ModelConfig.DEFAULTS,
                ExperimentConfig.OracleKind.SIMULATED);
        Map<String, String> model = Map.of("model", rfi.resolve("model").toString());
        return CompareCommand.compare(stdout, pool, RF_STRATEGIES, seeds,
                Map.of("recon-error", model, "ae-embeddings", model), dir.resolve("compare"), runtime);
    }
}
