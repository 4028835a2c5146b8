package dev.quarry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.experiment.ModelConfig;
import dev.quarry.engine.model.McMode;
import dev.quarry.engine.labels.InitialSelection;

import java.io.IOException;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options that shape an experiment. Precedence: the command's defaults, then {@code --config},
 * then each flag given.
 */
final class ExperimentOptions {

    private static final ObjectMapper TREE = new ObjectMapper();

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON experiment configuration.")
    Path config;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "fashion-mnist-subset (embedded, default), fashion-mnist, idx, npy (images or (N, d) feature "
                    + "vectors), csv (a feature table), or rf-smap (simulated SMAP-like RF footprints).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "PATH",
            description = "Directory (or csv file) of the dataset (fashion-mnist: /usr/share/datasets/fashion-mnist).")
    String dataDir;

    @Option(names = "--label-column", paramLabel = "NAME", description = "The label column of a csv table (default label).")
    String labelColumn;

    @Option(names = "--learner", paramLabel = "KIND",
            description = "auto (default: an MLP for feature vectors, the CNN for images), cnn or mlp.")
    ModelConfig.Kind learner;

    @Option(names = "--pool-size", paramLabel = "N", description = "Keep a stratified subsample of N pool items.")
    Integer poolSize;

    @Option(names = "--test-size", paramLabel = "N", description = "Test-set size (subset split, or a subsample).")
    Integer testSize;

    @Option(names = "--initial", paramLabel = "N", description = "Initial labeled set size (default 100).")
    Integer initial;

    @Option(names = "--initial-selection", paramLabel = "MODE", description = "random (default) or balanced.")
    InitialSelection initialSelection;

    @Option(names = "--budget", paramLabel = "B", description = "Items selected per round (default 100).")
    Integer budget;

    @Option(names = "--rounds", paramLabel = "R", description = "Query rounds (default 10).")
    Integer rounds;

    @Option(names = "--seed", paramLabel = "S", description = "Run seed (default 1).")
    Long seed;

    @Option(names = "--device", paramLabel = "DEV", description = "auto (default), cpu or gpu:N.")
    String device;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs per round (default 10).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Training batch size (default 32).")
    Integer batchSize;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam learning rate (default 0.001).")
    Float learningRate;

    @Option(names = "--warm-start", description = "Continue training from the previous round's weights.")
    Boolean warmStart;

    @Option(names = "--inference-batch", paramLabel = "N", description = "Rows per inference forward (default: 64 on CPU, 1024 on GPU).")
    Integer inferenceBatch;

    @Option(names = "--mc-mode", paramLabel = "MODE", description = "MC passes: auto (default), replicate or loop.")
    McMode mcMode;

    @Option(names = "--torchscript", paramLabel = "FILE",
            description = "Train and query this TorchScript module (Quarry's contract) instead of the built-in CNN.")
    Path torchscript;

    /**
     * The configuration these options describe.
     *
     * @param base the command's defaults, used when no config file is given
     * @return the configuration
     * @throws IOException if the config file cannot be read
     */
    ExperimentConfig resolve(ExperimentConfig base) throws IOException {
        ExperimentConfig start = config != null ? ExperimentConfig.read(config) : base;
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        ObjectNode data = f.objectNode();
        putIf(data, "name", dataset);
        putIf(data, "path", dataDir);
        putIf(data, "poolSize", poolSize);
        putIf(data, "testSize", testSize);
        putIf(data, "labelColumn", labelColumn);
        if (!data.isEmpty()) {
            o.set("dataset", data);
        }
        putIf(o, "initialLabeled", initial);
        putIf(o, "initialSelection", initialSelection == null ? null : initialSelection.name());
        putIf(o, "budgetPerRound", budget);
        putIf(o, "rounds", rounds);
        putIf(o, "seed", seed);
        putIf(o, "device", device);
        ObjectNode model = f.objectNode();
        putIf(model, "kind", learner == null ? null : learner.name());
        putIf(model, "epochs", epochs);
        putIf(model, "batchSize", batchSize);
        putIf(model, "learningRate", learningRate);
        putIf(model, "warmStart", warmStart);
        putIf(model, "inferenceBatchSize", inferenceBatch);
        putIf(model, "mcMode", mcMode == null ? null : mcMode.name());
        putIf(model, "torchscript", torchscript == null ? null : torchscript.toAbsolutePath().toString());
        if (!model.isEmpty()) {
            o.set("model", model);
        }
        return ExperimentConfig.withOverrides(start, o);
    }

    private static void putIf(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, TREE.valueToTree(value));
        }
    }
}
