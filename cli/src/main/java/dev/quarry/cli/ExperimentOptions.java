package dev.quarry.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.quarry.engine.data.ImageOptions;
import dev.quarry.engine.errors.InvalidInputException;
import dev.quarry.engine.errors.Setting;
import dev.quarry.engine.experiment.ExperimentConfig;
import dev.quarry.engine.experiment.ModelConfig;
import dev.quarry.engine.labels.InitialSelection;
import dev.quarry.engine.model.LearningRateSchedule;
import dev.quarry.engine.model.McMode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.Option;

/**
 * The options that shape an experiment. Precedence: the command's defaults, then {@code --config},
 * then each flag given.
 */
final class ExperimentOptions {

    private static final ObjectMapper TREE = new ObjectMapper();
    private static final int DEFAULT_PATIENCE = 3;
    private static final Pattern IMAGE_SIZE = Pattern.compile("([0-9]{1,5})x([0-9]{1,5})");

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON experiment configuration.")
    Path config;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "fashion-mnist-subset (embedded, default), fashion-mnist, idx, npy (images or (N, d) feature "
                    + "vectors), csv (a feature table), images (your image files: DIR/<class>/..., DIR/unlabeled/..., "
                    + "DIR/train + DIR/test, or a CSV manifest path[,label]), or rf-smap (simulated SMAP-like RF "
                    + "footprints).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "PATH",
            description = "Directory (or csv file) of the dataset (fashion-mnist: /usr/share/datasets/fashion-mnist).")
    String dataDir;

    @Option(names = "--label-column", paramLabel = "NAME", description = "The label column of a csv table (default label).")
    String labelColumn;

    @Option(names = "--image-size", paramLabel = "HxW",
            description = "images: resize every image to H x W pixels (default: keep the files' size, which must agree).")
    String imageSize;

    @Option(names = "--image-color", paramLabel = "MODE",
            description = "images: auto (default: gray when every image is gray), gray or rgb.")
    ImageOptions.Color imageColor;

    @Option(names = "--classes", paramLabel = "A,B,...", split = ",",
            description = "images: the class names in label order (default: the class folders' names, sorted).")
    List<String> classes;

    @Option(names = "--skip-bad", description = "images: skip unreadable, corrupt or odd-sized files and count them "
            + "(default: stop at the first, naming it).")
    Boolean skipBad;

    @Option(names = "--oracle", paramLabel = "KIND",
            description = "simulated (default: answers from the pool's ground truth) or files (people: each query is "
                    + "written to RUN_DIR/queries/round-N/ and the run waits for `quarry label import` or "
                    + "`quarry label serve`).")
    ExperimentConfig.OracleKind oracle;

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

    @Option(names = "--min-steps", paramLabel = "N", description = "Train each round for at least N optimizer steps, "
            + "adding epochs where the labeled set is small (default: epochs alone).")
    Integer minSteps;

    @Option(names = "--imbalance", paramLabel = "R", description = "Make the pool long-tailed: class c keeps a "
            + "R^(-c/(C-1)) share of its items, the last class R times fewer than the first (default: as it comes).")
    Double imbalance;

    @Option(names = "--augment-padding", paramLabel = "PX", description = "Augment training images with random crops: "
            + "pad PX pixels on every side, crop back at a random offset (default: no crop).")
    Integer augmentPadding;

    @Option(names = "--augment-flip", description = "Augment training images with left-right mirrors (only where a mirror "
            + "keeps the class: clothing yes, digits no).")
    Boolean augmentFlip;

    @Option(names = "--lr-schedule", paramLabel = "S", description = "Learning rate over a round's steps: constant "
            + "(default) or cosine (annealed to 0).")
    LearningRateSchedule lrSchedule;

    @Option(names = "--early-stopping", paramLabel = "F", description = "Hold out a fraction F of the labeled set "
            + "(stratified) and stop a round's training when its accuracy stops improving (default: off).")
    Double earlyStopping;

    @Option(names = "--patience", paramLabel = "N", description = "Epochs without held-out improvement before early "
            + "stopping stops (default 3).")
    Integer patience;

    @Option(names = "--replay", paramLabel = "R", description = "Warm-start every round and train on the new labels, "
            + "each batch with R times as many replayed older labels (Das et al.; default: off).")
    Double replay;

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
        putIf(data, "imbalance", imbalance);
        putIf(data, "labelColumn", labelColumn);
        ObjectNode images = f.objectNode();
        if (imageSize != null) {
            int[] hw = parseSize(imageSize);
            images.put("height", hw[0]);
            images.put("width", hw[1]);
        }
        putIf(images, "color", imageColor == null ? null : imageColor.name());
        putIf(images, "classes", classes);
        putIf(images, "skipBad", skipBad);
        if (!images.isEmpty()) {
            data.set("images", images);
        }
        if (!data.isEmpty()) {
            o.set("dataset", data);
        }
        putIf(o, "initialLabeled", initial);
        putIf(o, "initialSelection", initialSelection == null ? null : initialSelection.name());
        putIf(o, "budgetPerRound", budget);
        putIf(o, "rounds", rounds);
        putIf(o, "seed", seed);
        putIf(o, "device", device);
        putIf(o, "oracle", oracle == null ? null : oracle.name());
        ObjectNode model = f.objectNode();
        putIf(model, "kind", learner == null ? null : learner.name());
        putIf(model, "epochs", epochs);
        putIf(model, "minSteps", minSteps);
        putIf(model, "batchSize", batchSize);
        putIf(model, "learningRate", learningRate);
        putIf(model, "warmStart", replay != null && replay > 0 ? Boolean.TRUE : warmStart);
        if (augmentPadding != null || augmentFlip != null) {
            ObjectNode augmentation = f.objectNode();
            augmentation.put("padding", augmentPadding == null ? 0 : augmentPadding);
            augmentation.put("horizontalFlip", augmentFlip != null && augmentFlip);
            model.set("augmentation", augmentation);
        }
        putIf(model, "schedule", lrSchedule == null ? null : lrSchedule.name());
        if (earlyStopping != null) {
            ObjectNode stopping = f.objectNode();
            stopping.put("holdout", earlyStopping);
            stopping.put("patience", patience == null ? DEFAULT_PATIENCE : patience);
            model.set("earlyStopping", stopping);
        }
        if (replay != null) {
            model.set("replay", f.objectNode().put("ratio", replay));
        }
        putIf(model, "inferenceBatchSize", inferenceBatch);
        putIf(model, "mcMode", mcMode == null ? null : mcMode.name());
        putIf(model, "torchscript", torchscript == null ? null : torchscript.toAbsolutePath().toString());
        if (!model.isEmpty()) {
            o.set("model", model);
        }
        return ExperimentConfig.withOverrides(start, o);
    }

    private static int[] parseSize(String text) {
        Matcher m = IMAGE_SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException("An image size is HxW, such as 64x64; got '" + text + "'.", Setting.IMAGE_SIZE);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static void putIf(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, TREE.valueToTree(value));
        }
    }
}
