package dev.quarry.engine.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

import dev.quarry.engine.data.ItemSource;
import dev.quarry.runtime.PyTorchNatives;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * A classifier built from a DJL {@link Block} a user provides, ready for every Quarry strategy.
 *
 * <h2>The contract</h2>
 * <ul>
 *   <li>The network is {@code trunk → head}. The trunk maps a standardized batch of items {@code
 *       (n, itemShape...)} (images {@code (n, C, H, W)}, feature vectors {@code (n, d)}) to features
 *       {@code (n, d')}: these are the embeddings. The head maps features to class logits {@code (n,
 *       classes)} (no softmax).
 *   <li>MC dropout is every {@link McDropout} block anywhere in the network (plain DJL {@code
 *       Dropout} is off at inference, as in any model). Head-only MC ({@link McScope#HEAD}) needs
 *       all of them in the head; shared masks work wherever they are.
 *   <li>The factories return fresh blocks with fresh parameters on every call, because each round
 *       retrains from scratch unless warm-starting.
 * </ul>
 *
 * <pre>{@code
 * BlockClassifier model = new BlockClassifier(
 *         () -> new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(64).build())
 *                 .add(Activation.reluBlock()),
 *         () -> new SequentialBlock().add(new McDropout(0.3f)).add(Linear.builder().setUnits(10).build()),
 *         TrainingOptions.DEFAULTS, InferenceOptions.CPU_DEFAULTS, InputNormalization.of(pool.values()),
 *         new Shape(1, 28, 28), 10, Device.cpu());
 * }</pre>
 *
 * <p>MC inference: with {@link McScope#FULL} each item is replicated T times and one forward runs
 * per chunk when the replicated chunk fits {@link InferenceOptions#memoryBudgetMb()}; otherwise (or
 * when the device runs out of memory) T forwards run one after the other, each pass in its own
 * scope. With {@link McScope#HEAD} the trunk runs once per item and only the head sees the T-fold
 * replicated features. Shared masks replicate, so every {@link McDropout} sees pass t of every item
 * at row {@code i * T + t}.
 */
public class BlockClassifier extends DjlClassifier {

    private final Supplier<Block> trunkFactory;
    private final Supplier<Block> headFactory;

    private Block trunk;
    private Block head;
    private final List<McDropout> trunkDropouts = new ArrayList<>();
    private final List<McDropout> headDropouts = new ArrayList<>();
    private long activationBytesPerItem;

    /**
     * Creates an untrained classifier.
     *
     * @param trunk makes a fresh trunk: images to features {@code (n, d)}
     * @param head makes a fresh head: features to logits {@code (n, classes)}
     * @param training how each round trains
     * @param inference how inference is chunked
     * @param normalization input standardization
     * @param itemShape {@code (C, H, W)} of one item
     * @param numClasses the number of classes
     * @param device where to train and infer
     */
    public BlockClassifier(Supplier<Block> trunk, Supplier<Block> head, TrainingOptions training,
            InferenceOptions inference, InputNormalization normalization, Shape itemShape, int numClasses, Device device) {
        super(training, inference, normalization, itemShape, numClasses, device);
        this.trunkFactory = Objects.requireNonNull(trunk, "trunk");
        this.headFactory = Objects.requireNonNull(head, "head");
    }

    @Override
    protected Model createModel() {
        Model created = Model.newInstance(modelName(), device);
        created.setBlock(new SequentialBlock()
                .add(Objects.requireNonNull(trunkFactory.get(), "the trunk factory returned null"))
                .add(Objects.requireNonNull(headFactory.get(), "the head factory returned null")));
        return created;
    }

    @Override
    protected void modelChanged() {
        var parts = model.getBlock().getChildren();
        trunk = parts.get(0).getValue();
        head = parts.get(1).getValue();
        trunkDropouts.clear();
        headDropouts.clear();
        collect(trunk, trunkDropouts);
        collect(head, headDropouts);
        activationBytesPerItem = 0;
    }

    private static void collect(Block block, List<McDropout> into) {
        if (block instanceof McDropout dropout) {
            into.add(dropout);
        }
        block.getChildren().values().forEach(child -> collect(child, into));
    }

    @Override
    public NDArray embeddings(ItemSource data, long[] ids, NDManager manager) {
        requireTrained();
        long width = trunk.getOutputShapes(new Shape[] {new Shape(1).addAll(itemShape)})[0].get(1);
        NDArray out = manager.zeros(new Shape(ids.length, width), DataType.FLOAT32);
        forEachChunk("embed", data, ids, manager, inference.batchSize(), x -> forward(trunk, x),
                (from, to, chunk) -> out.set(new NDIndex(from + ":" + to), chunk));
        return out;
    }

    @Override
    public void forEachMcChunk(ItemSource data, long[] ids, McSpec spec, long seed, NDManager manager,
            ChunkConsumer consumer) {
        requireTrained();
        List<McDropout> all = new ArrayList<>(trunkDropouts);
        all.addAll(headDropouts);
        if (all.isEmpty()) {
            throw new IllegalStateException("MC-dropout inference needs at least one McDropout block in the model; "
                    + this + " has none.");
        }
        if (spec.scope() == McScope.HEAD && !trunkDropouts.isEmpty()) {
            throw new IllegalArgumentException("mcScope=head needs every McDropout block in the head, but the trunk of "
                    + this + " has " + trunkDropouts.size() + "; use mcScope=full.");
        }
        int samples = spec.samples();
        boolean shared = spec.consistentMasks();
        if (shared) {
            Engine.getInstance().setRandomSeed(seedInt(seed)); // shared masks come from the engine's generator
        }
        for (int b = 0; b < all.size(); b++) {
            McDropout d = all.get(b);
            d.setMcEnabled(true);
            d.shareMasks(shared ? samples : 0, manager);
            if (!shared) {
                d.keyMasks(seed, b, samples); // each item's own masks, whatever chunk it is in
            }
        }
        try {
            String label = "MC " + spec.scope().name().toLowerCase(Locale.ROOT) + " " + samples + "×";
            if (spec.scope() == McScope.HEAD) {
                // The trunk is deterministic: run it once per item, then only the head T times.
                forEachChunk(label, data, ids, manager, inference.batchSize(), (x, from, to) -> {
                    nameChunk(all, data, ids, from, to, -1);
                    return outputs(head, forward(trunk, x).repeat(0, samples), x.getShape().get(0), samples);
                }, consumer);
                return;
            }
            int chunk = replicatedChunk(samples);
            if (chunk > 0 || shared) {
                forEachChunk(label, data, ids, manager, Math.max(1, chunk), (x, from, to) -> {
                    nameChunk(all, data, ids, from, to, -1);
                    return fullReplicated(x, samples, shared, t -> nameChunk(all, data, ids, from, to, t));
                }, consumer);
            } else {
                forEachChunk(label, data, ids, manager, inference.batchSize(),
                        (x, from, to) -> fullLoop(x, samples, t -> nameChunk(all, data, ids, from, to, t)), consumer);
            }
        } finally {
            all.forEach(d -> {
                d.setMcEnabled(false);
                d.shareMasks(0, null);
            });
        }
    }

    /** Names a chunk's items (their draw keys) to every dropout block, for the pass or -1 (replicated). */
    private static void nameChunk(List<McDropout> dropouts, ItemSource data, long[] ids, int from, int to, int pass) {
        long[] keys = new long[to - from];
        for (int i = from; i < to; i++) {
            keys[i - from] = data.drawKey(ids[i]);
        }
        dropouts.forEach(d -> d.setChunk(keys, pass));
    }

    /** One forward of the T-fold replicated chunk, or the pass loop if the device runs out of memory. */
    private NDArray fullReplicated(NDArray x, int samples, boolean sharedMasks, IntConsumer beforePass) {
        try {
            // repeat(0, T) is repeat_interleave: item i occupies rows i*T .. i*T+T-1.
            return outputs(model.getBlock(), x.repeat(0, samples), x.getShape().get(0), samples);
        } catch (EngineException e) {
            if (sharedMasks || !PyTorchNatives.isOutOfMemory(e)) {
                throw e;
            }
            return fullLoop(x, samples, beforePass);
        }
    }

    private NDArray outputs(Block block, NDArray replicated, long items, int samples) {
        return forward(block, replicated).softmax(1).reshape(items, samples, numClasses);
    }

    /** T forwards of the chunk, each pass in its own scope so memory holds one pass's activations. */
    private NDArray fullLoop(NDArray x, int samples, IntConsumer beforePass) {
        long items = x.getShape().get(0);
        NDArray out = x.getManager().zeros(new Shape(items, samples, numClasses), DataType.FLOAT32);
        for (int t = 0; t < samples; t++) {
            beforePass.accept(t);
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
        if (activationBytesPerItem == 0) {
            activationBytesPerItem = ActivationEstimate.bytesPerItem(model.getBlock(), new Shape(1).addAll(itemShape));
        }
        long budgetBytes = inference.memoryBudgetMb() * (1L << 20);
        long fit = budgetBytes / Math.max(1, activationBytesPerItem * samples);
        int chunk = (int) Math.min(Math.max(1, inference.batchSize() / samples), fit);
        return inference.mcMode() == McMode.REPLICATE ? Math.max(1, chunk) : chunk;
    }

    /** A user's blocks cannot be looked into: their factories are recorded by class. */
    @Override
    protected String architecture() {
        return "blocks from " + trunkFactory.getClass().getName().replaceAll("\\$\\$Lambda.*", " (a lambda)") + " and "
                + headFactory.getClass().getName().replaceAll("\\$\\$Lambda.*", " (a lambda)");
    }

    @Override
    public String toString() {
        return "BlockClassifier{" + training + ", " + inference + ", " + normalization + ", input " + itemShape
                + ", classes " + numClasses + "}";
    }
}
