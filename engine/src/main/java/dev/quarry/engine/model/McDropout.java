package dev.quarry.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Dropout that can stay on at inference time: the MC-dropout block of Quarry's models and of
 * models users build ({@link BlockClassifier}).
 *
 * <p>Forward applies dropout when {@code training} is true or when MC mode is on. Running MC
 * inference with {@code training=false} keeps every BatchNorm in the network in inference mode,
 * which DJL's {@code training=true} would not (it switches BatchNorm to batch statistics and
 * updates the running mean and variance in place).
 *
 * <p>With shared masks on ({@link #shareMasks}), the block expects its input in replicated,
 * item-major layout (row {@code i * T + t} is pass t of item i) and multiplies pass t of every
 * item by the same mask t, drawn once, on first use, from the seeded generator. Otherwise, with
 * keyed masks on ({@link #keyMasks}), pass t of an item gets the mask drawn from (seed, this
 * block, the item's key, t) ({@link KeyedMasks}), the same in any batch, process or device; the
 * classifier names each chunk's keys ({@link #setChunk}) before its forward. Keyed masks are drawn
 * on the host and copied to the device each forward: cheap for a head's dropout (Quarry's models:
 * 20 passes × 128 units over 60 000 items take about a second), dearer for dropout after
 * convolutions in a user's blocks.
 */
public final class McDropout extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float rate;
    private volatile boolean mcEnabled;
    private volatile int sharedPasses;
    private volatile NDManager maskManager;
    private volatile NDArray masks;
    private volatile KeyedMode keyed;
    private volatile long[] chunkKeys;
    private volatile int chunkPass;

    /** Keyed masks of one MC inference: its seed, this block's index, and T. */
    private record KeyedMode(long seed, int block, int passes) {}

    /**
     * Creates the block.
     *
     * @param rate the drop probability, in [0, 1)
     */
    public McDropout(float rate) {
        super(VERSION);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate " + rate + " must be in [0, 1).");
        }
        this.rate = rate;
    }

    /**
     * Turns MC mode on or off.
     *
     * @param enabled true to drop units at inference time
     */
    public void setMcEnabled(boolean enabled) {
        mcEnabled = enabled;
        if (!enabled) {
            keyed = null;
            chunkKeys = null;
        }
    }

    /**
     * Makes MC inference draw each item's masks from its key (until MC mode is turned off).
     *
     * @param seed the inference's seed
     * @param block this block's index among the network's dropout blocks
     * @param passes T
     */
    public void keyMasks(long seed, int block, int passes) {
        keyed = new KeyedMode(seed, block, passes);
    }

    /**
     * Names the items of the next forward, for keyed masks.
     *
     * @param keys their keys ({@link dev.quarry.engine.data.ItemSource#drawKey}), in row order
     * @param pass the pass every row belongs to, or -1 for replicated rows (item-major, T per item)
     */
    public void setChunk(long[] keys, int pass) {
        chunkKeys = keys;
        chunkPass = pass;
    }

    /**
     * Makes MC inference use T masks shared by all items, or independent masks again.
     *
     * @param passes T, or 0 to stop sharing (the drawn masks are then released)
     * @param manager where the masks are kept while shared (ignored when {@code passes} is 0)
     */
    public void shareMasks(int passes, NDManager manager) {
        if (masks != null) {
            masks.close();
            masks = null;
        }
        sharedPasses = passes;
        maskManager = passes > 0 ? manager : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int passes = sharedPasses;
        if (!training && passes > 0) {
            long rows = x.getShape().get(0);
            if (rows % passes != 0) {
                throw new IllegalStateException("Shared MC masks need replicated input: " + rows
                        + " rows is not a multiple of T = " + passes + ".");
            }
            Shape row = x.getShape().slice(1);
            if (masks == null) {
                // Inverted dropout: keep with probability 1 - rate, scale by 1 / (1 - rate).
                masks = maskManager.randomUniform(0f, 1f, new Shape(passes).addAll(row)).gte(rate)
                        .toType(DataType.FLOAT32, false).div(1f - rate);
                NDScope.unregister(masks); // drawn inside a chunk's scope, used by every chunk
            }
            // (n*T, ...) -> (n, T, ...) times (1, T, ...) -> back: row i*T + t gets mask t.
            Shape grouped = new Shape(rows / passes, passes).addAll(row);
            return new NDList(x.reshape(grouped).mul(masks.expandDims(0)).reshape(x.getShape()));
        }
        KeyedMode mode = keyed;
        if (!training && mode != null) {
            return new NDList(x.mul(keyedMasks(x, mode)));
        }
        return Dropout.dropout(x, rate, training || mcEnabled);
    }

    private NDArray keyedMasks(NDArray x, KeyedMode mode) {
        long[] keys = chunkKeys;
        int pass = chunkPass;
        long rows = x.getShape().get(0);
        long expected = keys == null ? -1 : (long) keys.length * (pass < 0 ? mode.passes() : 1);
        if (rows != expected) {
            throw new IllegalStateException("Keyed MC masks were set for " + expected + " rows, but the forward has "
                    + rows + "; the classifier must name each chunk's items (setChunk) before its forward.");
        }
        int units = Math.toIntExact(x.getShape().size() / Math.max(1, rows));
        float[] values = KeyedMasks.draw(mode.seed(), mode.block(), keys, mode.passes(), pass, units, rate);
        return x.getManager().create(values, x.getShape());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "McDropout(rate=" + rate + ")";
    }
}
