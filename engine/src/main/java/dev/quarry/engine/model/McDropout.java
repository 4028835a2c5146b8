package dev.quarry.engine.model;

import ai.djl.ndarray.NDList;
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

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return Dropout.dropout(inputs.singletonOrThrow(), rate, training || mcEnabled);
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
