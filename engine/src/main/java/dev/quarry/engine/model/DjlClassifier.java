package dev.quarry.engine.model;

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
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.engine.data.Rows;
import dev.quarry.engine.data.Shuffle;
import dev.quarry.engine.progress.ProgressReporter;
import dev.quarry.engine.progress.ProgressTask;
import dev.quarry.runtime.PyTorchNatives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * What every DJL-backed classifier shares: seeded training with DJL's {@link Trainer} (Adam,
 * softmax cross-entropy on the block's logits, seeded shuffles, every step's temporaries in an
 * {@link NDScope}), chunked deterministic inference, and saving and loading of the weights.
 * Subclasses say how a fresh model is made and how MC dropout and embeddings work.
 */
public abstract class DjlClassifier implements Learner {

    /** Seed offset of augmentation and replay draws, apart from the epoch shuffles' stream. */
    private static final long EXTRA_DRAWS_STREAM = 0xBB67AE8584CAA73BL;

    /** How each round trains. */
    protected final TrainingOptions training;
    /** How inference is chunked. */
    protected final InferenceOptions inference;
    /** Input standardization. */
    protected final InputNormalization normalization;
    /** The shape of one item, such as {@code (C, H, W)} or {@code (d)}. */
    protected final Shape itemShape;
    /** The number of classes. */
    protected final int numClasses;
    /** Where to train and infer. */
    protected final Device device;
    /** Where progress goes. */
    protected ProgressReporter progress = ProgressReporter.SILENT;
    /** The current model; null before the first fit or load. */
    protected Model model;
    /** Parameter access for inference forwards. */
    protected ParameterStore store;

    /**
     * Validates the common settings.
     *
     * @param training how each round trains
     * @param inference how inference is chunked
     * @param normalization input standardization
     * @param itemShape the shape of one item
     * @param numClasses the number of classes
     * @param device where to train and infer
     */
    protected DjlClassifier(TrainingOptions training, InferenceOptions inference, InputNormalization normalization,
            Shape itemShape, int numClasses, Device device) {
        this.training = Objects.requireNonNull(training, "training");
        this.inference = Objects.requireNonNull(inference, "inference");
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        if (itemShape.dimension() < 1) {
            throw new IllegalArgumentException("Item shape " + itemShape + " must have at least one axis.");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("Number of classes " + numClasses + " must be >= 2.");
        }
        this.itemShape = itemShape;
        this.numClasses = numClasses;
        this.device = Objects.requireNonNull(device, "device");
    }

    /**
     * A new model holding a fresh block with untrained (or file-initial) weights.
     *
     * @return the model
     */
    protected abstract Model createModel();

    /**
     * Called once the current model changed (created or loaded), to find MC-dropout blocks and the like.
     */
    protected void modelChanged() {}

    /**
     * Initializes the block's parameters before training; blocks loaded with weights need nothing.
     *
     * @param trainer the trainer
     */
    protected void initialize(Trainer trainer) {
        trainer.initialize(new Shape(1).addAll(itemShape));
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public Device device() {
        return device;
    }

    /**
     * The network, as a run's fingerprint records it.
     *
     * @return a description of everything that shapes the network
     */
    protected abstract String architecture();

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("learner", getClass().getSimpleName());
        settings.put("architecture", architecture());
        settings.put("training", training.toString());
        settings.put("normalization", normalization.toString());
        settings.put("itemShape", itemShape.toString());
        settings.put("classes", Integer.toString(numClasses));
        return settings;
    }

    @Override
    public boolean isWarmStarted() {
        return training.warmStart();
    }

    @Override
    public void setProgress(ProgressReporter reporter) {
        this.progress = Objects.requireNonNull(reporter, "progress");
    }

    @Override
    public FitReport fit(ItemSource data, long[] ids, int[] labels, long seed) {
        return fit(data, ids, labels, ids, seed);
    }

    @Override
    public FitReport fit(ItemSource data, long[] ids, int[] labels, long[] newIds, long seed) {
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
        boolean warm = model != null && training.warmStart();
        if (!warm) {
            replaceModel(createModel());
        }
        TrainingRows rows = TrainingRows.of(training, labels, numClasses, ids, newIds, warm, seed);
        int planRows = rows.plan().length;
        int batchesPerEpoch = (planRows + training.batchSize() - 1) / training.batchSize();
        int epochs = training.epochsFor(planRows);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRates(batchesPerEpoch * epochs)).build())
                .optDevices(new Device[] {device});
        SplittableRandom extras = new SplittableRandom(seed ^ EXTRA_DRAWS_STREAM);
        BatchAugmenter augmenter = new BatchAugmenter(training.augmentation());
        try (Trainer trainer = model.newTrainer(config);
                ProgressTask task = progress.start("train " + planRows + " items",
                        (long) batchesPerEpoch * epochs, "batches");
                BestEpoch best = new BestEpoch(rows.heldOut().length > 0)) {
            initialize(trainer);
            SeededTraining.Plan plan = new SeededTraining.Plan("Training", planRows, training.batchSize(), epochs,
                    training.learningRate());
            FitReport report = SeededTraining.run(trainer, plan, new SplittableRandom(seed), (order, from, to, manager) -> {
                int[] positions = batchPositions(rows, order, from, to, extras);
                long[] batchIds = Rows.idsAt(ids, positions);
                NDArray raw = augmenter.apply(data.batch(batchIds, 0, batchIds.length, manager), extras);
                return new SeededTraining.Batch(normalization.apply(raw),
                        ItemBatches.labels(labels, positions, 0, positions.length, manager));
            }, (epoch, loss) -> {
                if (!best.tracking()) {
                    task.message(String.format("epoch %d loss %.4f", epoch, loss));
                    return true;
                }
                double accuracy = heldOutAccuracy(data, Rows.idsAt(ids, rows.heldOut()), labels, rows.heldOut());
                task.message(String.format("epoch %d loss %.4f held-out accuracy %.4f", epoch, loss, accuracy));
                return best.offer(epoch, accuracy, model, training.earlyStopping().patience());
            }, task);
            return best.restore(report);
        } finally {
            PyTorchNatives.disableGradOnThisThread();
        }
    }

    private Tracker learningRates(int plannedSteps) {
        if (training.schedule() == LearningRateSchedule.COSINE && plannedSteps > 1) {
            return Tracker.cosine().setBaseValue(training.learningRate()).optFinalValue(0f)
                    .setMaxUpdates(plannedSteps).build();
        }
        return Tracker.fixed(training.learningRate());
    }

    /** The batch's positions into the labeled ids: its planned rows, then their replayed old rows. */
    private int[] batchPositions(TrainingRows rows, int[] order, int from, int to, SplittableRandom random) {
        int fresh = to - from;
        int replayed = training.replay().replayed(fresh, rows.replay().length);
        int[] positions = new int[fresh + replayed];
        for (int i = from; i < to; i++) {
            positions[i - from] = rows.plan()[order[i]];
        }
        if (replayed > 0) {
            int[] drawn = Shuffle.draw(rows.replay().length, replayed, random);
            for (int i = 0; i < replayed; i++) {
                positions[fresh + i] = rows.replay()[drawn[i]];
            }
        }
        return positions;
    }

    private double heldOutAccuracy(ItemSource data, long[] heldIds, int[] labels, int[] heldPositions) {
        int correct = 0;
        try (NDManager manager = model.getNDManager().newSubManager()) {
            for (int from = 0; from < heldIds.length; from += inference.batchSize()) {
                int to = Math.min(heldIds.length, from + inference.batchSize());
                long[] predicted;
                try (NDScope scope = new NDScope()) {
                    NDArray x = ItemBatches.batch(data, heldIds, from, to, normalization, manager);
                    predicted = forward(model.getBlock(), x).argMax(1).toLongArray();
                }
                for (int i = 0; i < predicted.length; i++) {
                    if (predicted[i] == labels[heldPositions[from + i]]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / heldIds.length;
    }

    @Override
    public void forEachProbabilityChunk(ItemSource data, long[] ids, NDManager manager, ChunkConsumer consumer) {
        requireTrained();
        forEachChunk("predict", data, ids, manager, inference.batchSize(), x -> forward(model.getBlock(), x).softmax(1),
                consumer);
    }

    /**
     * Runs {@code compute} on chunks of at most {@code chunkItems} items, each chunk's temporaries in
     * an {@link NDScope}, and hands each result to {@code consumer} before the scope closes.
     *
     * @param label the progress label
     * @param data the items
     * @param ids which items
     * @param manager where the chunks are created
     * @param chunkItems items per chunk
     * @param compute maps a normalized input chunk to the output chunk
     * @param consumer receives each output chunk
     */
    protected void forEachChunk(String label, ItemSource data, long[] ids, NDManager manager, int chunkItems,
            UnaryOperator<NDArray> compute, ChunkConsumer consumer) {
        forEachChunk(label, data, ids, manager, chunkItems, (x, from, to) -> compute.apply(x), consumer);
    }

    /** Maps a normalized input chunk, positions {@code from..to} of the ids, to its output chunk. */
    @FunctionalInterface
    protected interface ChunkCompute {
        /**
         * Computes one chunk.
         *
         * @param x the chunk's input
         * @param from its first position in the ids
         * @param to its end position, exclusive
         * @return its output
         */
        NDArray apply(NDArray x, int from, int to);
    }

    /**
     * {@link #forEachChunk(String, ItemSource, long[], NDManager, int, UnaryOperator, ChunkConsumer)}
     * for computations that need to know which items a chunk holds.
     *
     * @param label the progress label
     * @param data the items
     * @param ids which items
     * @param manager where the chunks are created
     * @param chunkItems items per chunk
     * @param compute maps a chunk and its positions to the output chunk
     * @param consumer receives each output chunk
     */
    protected void forEachChunk(String label, ItemSource data, long[] ids, NDManager manager, int chunkItems,
            ChunkCompute compute, ChunkConsumer consumer) {
        PyTorchNatives.disableGradOnThisThread();
        try (ProgressTask task = progress.start(label + " " + ids.length + " items", ids.length, "items")) {
            for (int from = 0; from < ids.length; from += chunkItems) {
                int to = Math.min(ids.length, from + chunkItems);
                try (NDScope scope = new NDScope()) {
                    NDArray x = ItemBatches.batch(data, ids, from, to, normalization, manager);
                    consumer.accept(from, to, compute.apply(x, from, to));
                }
                task.step(to - from);
            }
        }
    }

    /**
     * One inference forward ({@code training=false}).
     *
     * @param block the block
     * @param x its input
     * @return its single output
     */
    protected NDArray forward(Block block, NDArray x) {
        return block.forward(store, new NDList(x), false).singletonOrThrow();
    }

    /**
     * What this model is, for its saved directory ({@link ModelCard}). A subclass Quarry cannot
     * rebuild from files keeps this default: a {@code block} card, loaded by constructing the model.
     *
     * @return the card
     */
    protected ModelCard card() {
        return new ModelCard(ModelCard.BLOCK, null, null, null, training, itemShape.getShape(), numClasses, normalization);
    }

    /** Saves the weights and, beside them, the {@link ModelCard} that makes the directory self-contained. */
    @Override
    public void save(Path directory) throws IOException {
        requireTrained();
        Files.createDirectories(directory);
        model.save(directory, modelName());
        card().write(directory);
    }

    @Override
    public void load(Path directory) throws IOException {
        Model fresh = createModel();
        try {
            if (fresh.getBlock() != null && !fresh.getBlock().isInitialized()) {
                fresh.getBlock().initialize(fresh.getNDManager(), DataType.FLOAT32,
                        new Shape(1).addAll(itemShape));
            }
            fresh.load(directory, modelName());
        } catch (MalformedModelException e) {
            fresh.close();
            throw new IOException("Saved weights in " + directory + " do not fit " + this + ": " + e.getMessage(), e);
        }
        replaceModel(fresh);
    }

    /**
     * The name the weights are saved under.
     *
     * @return the name
     */
    protected String modelName() {
        return "quarry-model";
    }

    private void replaceModel(Model next) {
        close();
        model = next;
        store = new ParameterStore(model.getNDManager(), false);
        modelChanged();
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    /** Fails clearly when inference is asked of an untrained model. */
    protected void requireTrained() {
        if (model == null) {
            throw new IllegalStateException("The model has not been trained yet; call fit first.");
        }
    }

    /**
     * DJL's engine seed is an int.
     *
     * @param seed the long seed
     * @return an int mixing both halves
     */
    protected static int seedInt(long seed) {
        return (int) (seed ^ (seed >>> 32));
    }
}
