package dev.quarry.rfi.ae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.model.SeededTraining;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.progress.ProgressTask;
import dev.quarry.rfi.sim.FootprintSet;
import dev.quarry.rfi.sim.Radiometer;
import dev.quarry.runtime.PyTorchNatives;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The mitigating autoencoder (after Owfi and Afghah, IGARSS 2023): trained on simulated footprints to
 * output the footprint without its RFI, on the configured device with DJL. Training keeps the weights
 * of the epoch with the lowest validation footprint T_B RMSE and stops after {@code patience} epochs
 * without improvement. Saved in DJL's format ({@code rfi-autoencoder-0000.params}) beside the options
 * ({@code rfi-autoencoder.json}), so {@link #load} rebuilds the same network.
 *
 * <h2>References</h2>
 * Owfi and Afghah, "Autoencoder-Based Radio Frequency Interference Mitigation for SMAP Passive
 * Radiometer", IGARSS 2023.
 */
public final class RfiAutoencoder implements AutoCloseable {

    /** Temperatures enter the network as {@code (T − OFFSET) / SCALE}. */
    public static final float OFFSET = 200f;
    /** See {@link #OFFSET}. */
    public static final float SCALE = 100f;

    private static final String NAME = "rfi-autoencoder";
    private static final String OPTIONS_FILE = NAME + ".json";
    private static final int INFERENCE_CHUNK = 1024;

    private final AutoencoderOptions options;
    private final Device device;
    private final Model model;
    private final ParameterStore store;
    private boolean trained;

    private RfiAutoencoder(AutoencoderOptions options, Device device) {
        this.options = options;
        this.device = device;
        this.model = Model.newInstance(NAME, device);
        model.setBlock(new MitigatorBlock(options));
        this.store = new ParameterStore(model.getNDManager(), false);
    }

    /**
     * An untrained autoencoder.
     *
     * @param options architecture and training settings
     * @param device where it trains and infers
     * @return the autoencoder; {@link #fit} before use
     */
    public static RfiAutoencoder create(AutoencoderOptions options, Device device) {
        return new RfiAutoencoder(options, device);
    }

    /** @return the options */
    public AutoencoderOptions options() {
        return options;
    }

    /** @return the device */
    public Device device() {
        return device;
    }

    /**
     * Trains on one set, stopping early on another.
     *
     * @param train footprints to learn from
     * @param validation footprints for early stopping
     * @param progress where progress goes
     * @return the history
     */
    public TrainingHistory fit(FootprintSet train, FootprintSet validation, ProgressReporter progress) {
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("Training needs footprints in both sets; got " + train.size()
                    + " training and " + validation.size() + " validation footprints.");
        }
        long start = System.nanoTime();
        float[] inputs = normalize(train.cells());
        float[] targets = normalize(train.cleanCells());
        Engine.getInstance().setRandomSeed((int) (options.seed() ^ (options.seed() >>> 32)));
        DefaultTrainingConfig config = new DefaultTrainingConfig(new FootprintLoss(options.lambda()))
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) options.learningRate())).build())
                .optDevices(new Device[] {device});
        List<TrainingHistory.Epoch> epochs = new ArrayList<>();
        int batches = (train.size() + options.batchSize() - 1) / options.batchSize();
        Best best = new Best();
        try (Trainer trainer = model.newTrainer(config);
                ProgressTask task = progress.start("train autoencoder on " + train.size() + " footprints",
                        (long) batches * options.maxEpochs(), "batches")) {
            trainer.initialize(new Shape(1).addAll(MitigatorBlock.footprintShape()));
            trained = true;
            SeededTraining.Plan plan = new SeededTraining.Plan("Autoencoder training", train.size(), options.batchSize(),
                    options.maxEpochs(), options.learningRate());
            SeededTraining.run(trainer, plan, new SplittableRandom(options.seed()),
                    (order, from, to, manager) -> batch(inputs, targets, order, from, to, manager), (epoch, loss) -> {
                        double rmse = footprintRmse(validation);
                        epochs.add(new TrainingHistory.Epoch(epoch, loss, rmse));
                        task.message(String.format(Locale.ROOT, "epoch %d loss %.5f validation T_B RMSE %.3f K", epoch,
                                loss, rmse));
                        if (rmse < best.rmse) {
                            best.rmse = rmse;
                            best.epoch = epoch;
                            best.weights = snapshot();
                        }
                        // Stop once `patience` epochs have passed without a better validation RMSE.
                        return epoch + 1 - best.epoch <= options.patience();
                    }, task);
        } finally {
            PyTorchNatives.disableGradOnThisThread();
        }
        restore(best.weights);
        return new TrainingHistory(epochs, best.epoch, (System.nanoTime() - start) / 1e9);
    }

    /** The best epoch so far: its validation RMSE and weights. */
    private static final class Best {
        double rmse = Double.POSITIVE_INFINITY;
        int epoch;
        byte[] weights;
    }

    private static SeededTraining.Batch batch(float[] inputs, float[] targets, int[] order, int from, int to,
            NDManager manager) {
        int cells = Radiometer.CELLS;
        float[] x = new float[(to - from) * cells];
        float[] y = new float[x.length];
        for (int i = from; i < to; i++) {
            System.arraycopy(inputs, order[i] * cells, x, (i - from) * cells, cells);
            System.arraycopy(targets, order[i] * cells, y, (i - from) * cells, cells);
        }
        Shape shape = new Shape(to - from).addAll(MitigatorBlock.footprintShape());
        return new SeededTraining.Batch(manager.create(x, shape), manager.create(y, shape));
    }

    /**
     * Removes the RFI from footprints.
     *
     * @param cells measured cells, {@code n × 256}, K
     * @return the mitigated cells, K
     */
    public float[] mitigate(float[] cells) {
        return infer(cells, false);
    }

    /**
     * The code of each footprint: the embedding diversity strategies use.
     *
     * @param cells measured cells, {@code n × 256}, K
     * @return {@code n × bottleneck}
     */
    public float[] encode(float[] cells) {
        return infer(cells, true);
    }

    private float[] infer(float[] cells, boolean code) {
        requireTrained();
        if (cells.length % Radiometer.CELLS != 0) {
            throw new IllegalArgumentException("Cells array of length " + cells.length + " is not a whole number of "
                    + Radiometer.CELLS + "-cell footprints (2 × 16 × 8).");
        }
        int n = cells.length / Radiometer.CELLS;
        int width = code ? options.bottleneck() : Radiometer.CELLS;
        float[] out = new float[n * width];
        PyTorchNatives.disableGradOnThisThread();
        MitigatorBlock block = (MitigatorBlock) model.getBlock();
        for (int from = 0; from < n; from += INFERENCE_CHUNK) {
            int to = Math.min(n, from + INFERENCE_CHUNK);
            float[] chunk = new float[(to - from) * Radiometer.CELLS];
            System.arraycopy(cells, from * Radiometer.CELLS, chunk, 0, chunk.length);
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray x = manager.create(normalize(chunk), new Shape(to - from).addAll(MitigatorBlock.footprintShape()));
                NDArray y = code ? block.encode(store, x)
                        : block.forward(store, new NDList(x), false).singletonOrThrow().mul(SCALE).add(OFFSET);
                System.arraycopy(y.toFloatArray(), 0, out, from * width, (to - from) * width);
            }
        }
        return out;
    }

    /**
     * The footprint T_B RMSE after mitigation: each polarization's estimate is the mean of its
     * mitigated cells, compared with the true scene temperature.
     *
     * @param set footprints with their truth
     * @return RMSE over footprints and polarizations, K
     */
    public double footprintRmse(FootprintSet set) {
        float[] mitigated = mitigate(set.cells());
        double sum = 0;
        for (int i = 0; i < set.size(); i++) {
            for (int p = 0; p < Radiometer.POLARIZATIONS; p++) {
                double mean = 0;
                int from = i * Radiometer.CELLS + p * Radiometer.CELLS_PER_POLARIZATION;
                for (int c = from; c < from + Radiometer.CELLS_PER_POLARIZATION; c++) {
                    mean += mitigated[c];
                }
                double error = mean / Radiometer.CELLS_PER_POLARIZATION - set.sceneKelvin()[i];
                sum += error * error;
            }
        }
        return Math.sqrt(sum / (set.size() * Radiometer.POLARIZATIONS));
    }

    /**
     * Saves the weights and options.
     *
     * @param directory created if missing
     * @throws IOException when writing fails
     */
    public void save(Path directory) throws IOException {
        requireTrained();
        Files.createDirectories(directory);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(directory.resolve(OPTIONS_FILE).toFile(), options);
        model.save(directory, NAME);
    }

    /**
     * Loads a saved autoencoder.
     *
     * @param directory where {@link #save} wrote it
     * @param device where it will infer
     * @return the autoencoder
     * @throws IOException when the files are missing or do not fit
     */
    public static RfiAutoencoder load(Path directory, Device device) throws IOException {
        Path optionsFile = directory.resolve(OPTIONS_FILE);
        if (!Files.isRegularFile(optionsFile)) {
            throw new NoSuchFileException(optionsFile.toString(), null, "not a saved autoencoder (train one with"
                    + " quarry rfi train, or fit and save an RfiAutoencoder)");
        }
        AutoencoderOptions options = new ObjectMapper().readValue(optionsFile.toFile(), AutoencoderOptions.class);
        RfiAutoencoder autoencoder = new RfiAutoencoder(options, device);
        try {
            autoencoder.model.getBlock().initialize(autoencoder.model.getNDManager(), DataType.FLOAT32,
                    new Shape(1).addAll(MitigatorBlock.footprintShape()));
            autoencoder.model.load(directory, NAME);
        } catch (MalformedModelException | IOException e) {
            autoencoder.close();
            throw new IOException("Autoencoder weights in " + directory + " do not load into " + options + ": "
                    + e.getMessage(), e);
        }
        autoencoder.trained = true;
        return autoencoder;
    }

    private byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new IllegalStateException("Could not copy the autoencoder's weights in memory", e);
        }
        return bytes.toByteArray();
    }

    private void restore(byte[] weights) {
        if (weights == null) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            model.getBlock().loadParameters(model.getNDManager(), in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("Could not restore the best epoch's weights", e);
        }
    }

    private static float[] normalize(float[] kelvin) {
        float[] out = new float[kelvin.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (kelvin[i] - OFFSET) / SCALE;
        }
        return out;
    }

    private void requireTrained() {
        if (!trained) {
            throw new IllegalStateException("The autoencoder has not been trained; call fit or load first.");
        }
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "RfiAutoencoder(" + options + ", device=" + device + ")";
    }
}
