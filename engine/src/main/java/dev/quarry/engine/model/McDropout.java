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
 * Dropout that can stay on at inference time.
 *
 * <p>Forward applies dropout when {@code training} is true or when MC mode is on. Running MC
 * inference with {@code training=false} keeps every BatchNorm in the network in inference mode,
 * which DJL's {@code training=true} would not (it switches BatchNorm to batch statistics and
 * updates the running mean and variance in place).
 */
public final class McDropout extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float rate;
    private volatile boolean mcEnabled;
    private volatile NDArray masks;

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
    }

    /**
     * Makes MC inference use fixed masks: with {@code masks} of shape {@code (T, ...)} (values 0 or
     * {@code 1 / (1 - rate)}), row {@code i * T + t} of the input is multiplied by mask t. The input
     * must be in replicated, item-major layout; every item then sees the same T masks.
     *
     * @param fixed the masks, or null to draw fresh masks per row again
     */
    public void setMasks(NDArray fixed) {
        masks = fixed;
    }

    /**
     * Whether fixed masks are in use.
     *
     * @return true between {@link #setMasks} with masks and with null
     */
    public boolean hasMasks() {
        return masks != null;
    }

    /**
     * Draws T inverted-dropout masks for inputs of the given per-row shape.
     *
     * @param manager where the masks live
     * @param samples T
     * @param rowShape the shape of one input row, such as {@code (d)}
     * @return {@code (T, ...rowShape)} masks of 0 and {@code 1 / (1 - rate)}
     */
    public NDArray drawMasks(NDManager manager, int samples, Shape rowShape) {
        Shape shape = new Shape(samples).addAll(rowShape);
        try (NDScope scope = new NDScope()) {
            NDArray keep = manager.randomUniform(0f, 1f, shape).gte(rate).toType(DataType.FLOAT32, false).div(1f - rate);
            NDScope.unregister(keep);
            return keep;
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray fixed = masks;
        if (!training && fixed != null) {
            long samples = fixed.getShape().get(0);
            long rows = x.getShape().get(0);
            if (rows % samples != 0) {
                throw new IllegalStateException("Fixed MC masks need replicated input: " + rows + " rows is not a multiple of T = "
                        + samples + ".");
            }
            // (n*T, ...) -> (n, T, ...) times (1, T, ...) -> back: row i*T + t gets mask t.
            Shape grouped = new Shape(rows / samples).addAll(fixed.getShape());
            return new NDList(x.reshape(grouped).mul(fixed.expandDims(0)).reshape(x.getShape()));
        }
        return Dropout.dropout(x, rate, training || mcEnabled);
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
