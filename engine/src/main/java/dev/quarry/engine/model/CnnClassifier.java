package dev.quarry.engine.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import dev.quarry.engine.data.ImageDataset;
import dev.quarry.engine.data.StratifiedSampling;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.progress.ProgressTask;
import dev.quarry.runtime.PyTorchNatives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A small CNN image classifier on DJL, with MC dropout in its head.
 *
 * <p>Network: {@code [conv3×3 → BatchNorm → ReLU → maxpool2] × 2 → flatten → dense(hidden) → ReLU}
 * is the trunk, whose output is the embedding; {@code McDropout → dense(C)} is the head. Training
 * uses DJL's {@link Trainer} with Adam and softmax cross-entropy on seeded shuffles; each step's
 * temporaries live in an {@link NDScope}.
 *
 * <p>MC inference ({@link McSpec}): with {@link McScope#FULL} each item is replicated T times and
 * one forward runs per chunk when the replicated chunk fits {@link
 * InferenceOptions#memoryBudgetMb()}, and otherwise (or when the device runs out of memory) T
 * forwards run one after the other, each pass in its own scope. With {@link McScope#HEAD} the trunk
 * runs once per item and only the head sees the T-fold replicated features; the only dropout is in
 * the head, so the outputs have the same distribution at a fraction of the cost. Consistent masks
 * draw T masks once per call and apply mask t to pass t of every item.
 */
public final class CnnClassifier implements ClassifierModel {

    private static final String MODEL_NAME = "quarry-cnn";

    private final CnnOptions architecture;
    private final TrainingOptions training;
    private final InferenceOptions inference;
    private final InputNormalization normalization;
    private final Shape itemShape;
    private final int numClasses;
    private final Device device;
    private ProgressReporter progress = ProgressReporter.SILENT;

    private Model model;
    private SequentialBlock trunk;
    private Block head;
    private McDropout dropout;
    private ParameterStore store;
    private long activationBytesPerItem;

    /**
     * Creates an untrained classifier.
     *
     * @param architecture the network
     * @param training how each round trains
     * @param inference how pool inference is chunked
     * @param normalization input standardization (usually from the pool)
     * @param itemShape {@code (C, H, W)} of one image
     * @param numClasses the number of classes
     * @param device where to train and infer
     */
    public CnnClassifier(CnnOptions architecture, TrainingOptions training, InferenceOptions inference,
            InputNormalization normalization, Shape itemShape, int numClasses, Device device) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.training = Objects.requireNonNull(training, "training");
        this.inference = Objects.requireNonNull(inference, "inference");
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        if (itemShape.dimension() != 3 || itemShape.get(1) < 4 || itemShape.get(2) < 4) {
            throw new IllegalArgumentException("Item shape " + itemShape + " must be (C, H, W) with H, W >= 4.");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("Number of classes " + numClasses + " must be >= 2.");
        }
        this.itemShape = itemShape;
        this.numClasses = numClasses;
        this.device = Objects.requireNonNull(device, "device");
    }

    /**
     * A classifier shaped for a pool, standardized with the pool's pixel statistics.
     *
     * @param pool the pool
     * @param architecture the network
     * @param training how each round trains
     * @param inference how pool inference is chunked
     * @param device where to train and infer
     * @return the classifier
     */
    public static CnnClassifier forPool(ImageDataset pool, CnnOptions architecture, TrainingOptions training,
            InferenceOptions inference, Device device) {
        return new CnnClassifier(architecture, training, inference, InputNormalization.of(pool.images()),
                new Shape(pool.channels(), pool.height(), pool.width()), pool.numClasses(), device);
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public boolean isWarmStarted() {
        return training.warmStart();
    }

    @Override
    public void setProgress(ProgressReporter progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public void fit(ImageDataset data, long[] ids, int[] labels, long seed) {
        if (ids.length == 0 || ids.length != labels.length) {
            throw new IllegalArgumentException("Training needs labeled items with one label each; got " + ids.length
                    + " ids and " + labels.length + " labels.");
        }
        for (int label : labels) {
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("Label " + label + " is outside [0, " + numClasses + ").");
            }
        }
        PyTorchNatives.disableGradOnThisThread();
        Engine.getInstance().setRandomSeed(seedInt(seed));
        if (model == null || !training.warmStart()) {
            newModel();
        }
        SplittableRandom shuffle = new SplittableRandom(seed);
        int[] order = new int[ids.length];
        int batchesPerEpoch = (ids.length + training.batchSize() - 1) / training.batchSize();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(training.learningRate())).build())
                .optDevices(new Device[] {device});
        try (Trainer trainer = model.newTrainer(config);
                ProgressTask task = progress.start("train " + ids.length + " items", (long) batchesPerEpoch * training.epochs(), "batches")) {
            trainer.initialize(new Shape(1, itemShape.get(0), itemShape.get(1), itemShape.get(2)));
            NDManager manager = trainer.getManager();
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                StratifiedSampling.shuffle(order, shuffle);
                double lossSum = 0;
                for (int from = 0; from < order.length; from += training.batchSize()) {
                    int to = Math.min(order.length, from + training.batchSize());
                    lossSum += trainStep(trainer, manager, data, ids, labels, order, from, to) * (to - from);
                    task.step(1);
                }
                double meanLoss = lossSum / order.length;
                if (!Double.isFinite(meanLoss)) {
                    throw new IllegalStateException("Training diverged: the loss is " + meanLoss + " in epoch " + epoch
                            + " on " + ids.length + " items; lower the learning rate (now " + training.learningRate() + ").");
                }
                task.message(String.format("epoch %d loss %.4f", epoch, meanLoss));
            }
        } finally {
            PyTorchNatives.disableGradOnThisThread();
        }
    }

    private float trainStep(Trainer trainer, NDManager manager, ImageDataset data, long[] ids, int[] labels, int[] order,
            int from, int to) {
        float loss;
        try (NDScope scope = new NDScope()) {
            long[] batchIds = new long[to - from];
            for (int i = from; i < to; i++) {
                batchIds[i - from] = ids[order[i]];
            }
            NDArray x = ImageBatches.batch(data, batchIds, 0, batchIds.length, normalization, manager);
            NDArray y = ImageBatches.labels(labels, order, from, to, manager);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray lossValue = trainer.getLoss().evaluate(new NDList(y), predictions);
                collector.backward(lossValue);
                loss = lossValue.getFloat();
            }
        }
        // Outside the scope: the optimizer's state arrays are created on the first step and must survive it.
        trainer.step();
        return loss;
    }

    @Override
    public void forEachProbabilityChunk(ImageDataset data, long[] ids, NDManager manager, ChunkConsumer consumer) {
        requireTrained();
        forEachChunk("predict", data, ids, manager, inference.batchSize(), x -> forward(model.getBlock(), x).softmax(1),
                consumer);
    }

    @Override
    public NDArray embeddings(ImageDataset data, long[] ids, NDManager manager) {
        requireTrained();
        NDArray out = manager.zeros(new Shape(ids.length, architecture.hiddenUnits()), DataType.FLOAT32);
        forEachChunk("embed", data, ids, manager, inference.batchSize(), x -> forward(trunk, x),
                (from, to, chunk) -> out.set(new NDIndex(from + ":" + to), chunk));
        return out;
    }

    @Override
    public void forEachMcChunk(ImageDataset data, long[] ids, McSpec spec, long seed, NDManager manager,
            ChunkConsumer consumer) {
        requireTrained();
        PyTorchNatives.disableGradOnThisThread();
        Engine.getInstance().setRandomSeed(seedInt(seed));
        int samples = spec.samples();
        NDArray masks = spec.consistentMasks()
                ? dropout.drawMasks(manager, samples, new Shape(architecture.hiddenUnits()))
                : null;
        dropout.setMcEnabled(true);
        dropout.setMasks(masks);
        try {
            String label = "MC " + spec.scope().name().toLowerCase(Locale.ROOT) + " " + samples + "×";
            if (spec.scope() == McScope.HEAD) {
                // The trunk is deterministic: run it once per item, then only the head T times.
                forEachChunk(label, data, ids, manager, inference.batchSize(),
                        x -> mcOutputs(head, forward(trunk, x).repeat(0, samples), x.getShape().get(0), samples), consumer);
                return;
            }
            int chunk = replicatedChunk(samples);
            if (chunk > 0 || masks != null) {
                forEachChunk(label, data, ids, manager, Math.max(1, chunk),
                        x -> mcFullReplicated(x, samples), consumer);
            } else {
                forEachChunk(label, data, ids, manager, inference.batchSize(), x -> mcLoop(x, samples), consumer);
            }
        } finally {
            dropout.setMcEnabled(false);
            dropout.setMasks(null);
            if (masks != null) {
                masks.close();
            }
        }
    }

    /** One forward of the T-fold replicated chunk, or the pass loop if the device runs out of memory. */
    private NDArray mcFullReplicated(NDArray x, int samples) {
        try {
            // repeat(0, T) is repeat_interleave: item i occupies rows i*T .. i*T+T-1.
            return mcOutputs(model.getBlock(), x.repeat(0, samples), x.getShape().get(0), samples);
        } catch (EngineException e) {
            if (!isOutOfMemory(e) || dropout.hasMasks()) {
                throw e;
            }
            return mcLoop(x, samples);
        }
    }

    private NDArray mcOutputs(Block block, NDArray replicatedInput, long items, int samples) {
        return forward(block, replicatedInput).softmax(1).reshape(items, samples, numClasses);
    }

    /** T forwards of the chunk, each pass in its own scope so memory holds one pass's activations. */
    private NDArray mcLoop(NDArray x, int samples) {
        long items = x.getShape().get(0);
        NDArray out = x.getManager().zeros(new Shape(items, samples, numClasses), DataType.FLOAT32);
        for (int t = 0; t < samples; t++) {
            try (NDScope pass = new NDScope()) {
                out.set(new NDIndex(":, " + t), forward(model.getBlock(), x).softmax(1));
            }
        }
        return out;
    }

    /**
     * Items per replicated chunk, or 0 to loop over passes. A replicated forward holds about {@code
     * batchSize} rows (items × T), the size that runs fastest, and must fit the memory budget.
     */
    private int replicatedChunk(int samples) {
        if (inference.mcMode() == McMode.LOOP) {
            return 0;
        }
        long budgetBytes = inference.memoryBudgetMb() * (1L << 20);
        long fit = budgetBytes / Math.max(1, activationBytesPerItem * samples);
        int chunk = (int) Math.min(Math.max(1, inference.batchSize() / samples), fit);
        if (inference.mcMode() == McMode.REPLICATE) {
            return Math.max(1, chunk);
        }
        return chunk;
    }

    private static boolean isOutOfMemory(EngineException e) {
        return String.valueOf(e.getMessage()).contains("out of memory");
    }

    private NDArray forward(Block block, NDArray x) {
        return block.forward(store, new NDList(x), false).singletonOrThrow();
    }

    /**
     * Runs {@code compute} on chunks of at most {@code chunkItems} items, each chunk's temporaries in
     * an {@link NDScope}, and hands each result to {@code consumer} before the scope closes.
     */
    private void forEachChunk(String label, ImageDataset data, long[] ids, NDManager manager, int chunkItems,
            UnaryOperator<NDArray> compute, ChunkConsumer consumer) {
        PyTorchNatives.disableGradOnThisThread();
        try (ProgressTask task = progress.start(label + " " + ids.length + " items", ids.length, "items")) {
            for (int from = 0; from < ids.length; from += chunkItems) {
                int to = Math.min(ids.length, from + chunkItems);
                try (NDScope scope = new NDScope()) {
                    NDArray x = ImageBatches.batch(data, ids, from, to, normalization, manager);
                    consumer.accept(from, to, compute.apply(x));
                }
                task.step(to - from);
            }
        }
    }

    @Override
    public void save(Path directory) throws IOException {
        requireTrained();
        Files.createDirectories(directory);
        model.save(directory, MODEL_NAME);
    }

    @Override
    public void load(Path directory) throws IOException {
        newModel();
        model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32,
                new Shape(1, itemShape.get(0), itemShape.get(1), itemShape.get(2)));
        try {
            model.load(directory, MODEL_NAME);
        } catch (MalformedModelException e) {
            throw new IOException("Saved weights in " + directory + " do not fit " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    private void newModel() {
        close();
        model = Model.newInstance(MODEL_NAME, device);
        trunk = new SequentialBlock()
                .add(convBlock(architecture.conv1Channels()))
                .add(convBlock(architecture.conv2Channels()))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(architecture.hiddenUnits()).build())
                .add(Activation.reluBlock());
        dropout = new McDropout(architecture.dropout());
        head = new SequentialBlock().add(dropout).add(Linear.builder().setUnits(numClasses).build());
        model.setBlock(new SequentialBlock().add(trunk).add(head));
        store = new ParameterStore(model.getNDManager(), false);
        activationBytesPerItem = estimateActivationBytes();
    }

    private static Block convBlock(int channels) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)));
    }

    /** Float32 bytes of all intermediate outputs for one item, an upper bound on what a forward holds. */
    private long estimateActivationBytes() {
        long h = itemShape.get(1);
        long w = itemShape.get(2);
        long conv1 = architecture.conv1Channels() * h * w;
        long conv2 = architecture.conv2Channels() * (h / 2) * (w / 2);
        // conv, BatchNorm and ReLU outputs at full size, then the pooled output, per block.
        long elements = 3 * conv1 + conv1 / 4 + 3 * conv2 + conv2 / 4 + 3L * architecture.hiddenUnits() + 2L * numClasses;
        return elements * Float.BYTES;
    }

    private void requireTrained() {
        if (model == null) {
            throw new IllegalStateException("The model has not been trained yet; call fit first.");
        }
    }

    private static int seedInt(long seed) {
        return (int) (seed ^ (seed >>> 32));
    }

    @Override
    public String toString() {
        // The device is left out: it changes speed, not results, and a run may resume on another one.
        return "CnnClassifier{" + architecture + ", " + training + ", " + inference + ", " + normalization + ", input "
                + itemShape + ", classes " + numClasses + "}";
    }
}
