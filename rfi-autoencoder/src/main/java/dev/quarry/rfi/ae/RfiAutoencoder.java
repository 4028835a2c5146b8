package dev.quarry.rfi.ae;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.quarry.engine.data.Shuffle;
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
        SplittableRandom shuffle = new SplittableRandom(options.seed());
        int[] order = new int[train.size()];
        int batches = (order.length + options.batchSize() - 1) / options.batchSize();
        byte[] best = null;
        int bestEpoch = 0;
        double bestRmse = Double.POSITIVE_INFINITY;
        try (Trainer trainer = model.newTrainer(config);
                ProgressTask task = progress.start("train autoencoder on " + train.size() + " footprints",
                        (long) batches * options.maxEpochs(), "batches")) {
            trainer.initialize(new Shape(1).addAll(MitigatorBlock.footprintShape()));
            trained = true;
            for (int epoch = 1; epoch <= options.maxEpochs() && epoch - bestEpoch <= options.patience(); epoch++) {
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Shuffle.shuffle(order, shuffle);
                double lossSum = 0;
                for (int from = 0; from < order.length; from += options.batchSize()) {
                    int to = Math.min(order.length, from + options.batchSize());
                    lossSum += step(trainer, inputs, targets, order, from, to) * (to - from);
                    task.step(1);
                }
                double loss = lossSum / order.length;
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("Autoencoder training diverged: loss " + loss + " in epoch " + epoch
                            + "; lower the learning rate (now " + options.learningRate() + ").");
                }
                double rmse = footprintRmse(validation);
                epochs.add(new TrainingHistory.Epoch(epoch, loss, rmse));
                task.message(String.format(Locale.ROOT, "epoch %d loss %.5f validation T_B RMSE %.3f K", epoch, loss,
                        rmse));
                if (rmse < bestRmse) {
                    bestRmse = rmse;
                    bestEpoch = epoch;
                    best = snapshot();
                }
            }
        } finally {
            PyTorchNatives.disableGradOnThisThread();
        }
        restore(best);
        return new TrainingHistory(epochs, bestEpoch, (System.nanoTime() - start) / 1e9);
    }

    private float step(Trainer trainer, float[] inputs, float[] targets, int[] order, int from, int to) {
        int cells = Radiometer.CELLS;
        float[] x = new float[(to - from) * cells];
        float[] y = new float[x.length];
        for (int i = from; i < to; i++) {
            System.arraycopy(inputs, order[i] * cells, x, (i - from) * cells, cells);
            System.arraycopy(targets, order[i] * cells, y, (i - from) * cells, cells);
        }
        Shape shape = new Shape(to - from).addAll(MitigatorBlock.footprintShape());
        float loss;
        try (NDScope scope = new NDScope()) {
            NDManager manager = trainer.getManager();
            NDArray input = manager.create(x, shape);
            NDArray target = manager.create(y, shape);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(input));
                NDArray value = trainer.getLoss().evaluate(new NDList(target), predictions);
                collector.backward(value);
                loss = value.getFloat();
            }
        }
        // outside the scope: the optimizer's state is created on the first step and must survive it
        trainer.step();
        return loss;
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
                    + " `quarry rfi train --out DIR`; the model is DIR/model)");
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
