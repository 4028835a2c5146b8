package dev.quarry.rfi.ae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import dev.quarry.rfi.sim.Radiometer;

/**
 * The autoencoder as one DJL block: an encoder to a small code and a decoder back to the
 * {@code 2 × 16 × 8} footprint, both on normalized temperatures {@code (T − 200) / 100} (the encoder
 * sees them through asinh). The head turns the decoder's output {@code d} into a non-negative RFI
 * estimate and returns {@code x} minus it, so it can only take power away, as RFI only adds it, and the
 * radiometer noise of clean cells passes through: gated removes the fraction {@code sigmoid(d)} of each
 * cell's excess over a level, the footprint-polarization median plus an offset the network learns from
 * the code (so RFI that covers most cells, and lifts the median, can still be taken out), which scales
 * to RFI of any strength; softplus
 * removes {@code softplus(d)}; none returns {@code d}.
 *
 * <p>conv: Conv 3×3 (16) → ReLU → Conv 3×3 stride 2 (32, to 8 × 4) → ReLU → dense code → ReLU, then a
 * dense decoder code → 256 → ReLU → 256. dense: 256 → 128 → code → 128 → 256, ReLU between. The decoder
 * has no convolutions: DJL's PyTorch engine has no transposed convolution, and a 3×3 convolution fed
 * from a dense layer (upsampled or reshaped) got NaN weight gradients from libtorch 2.7.1's CPU
 * backward in about half of all initializations, while its input gradient stayed finite.
 */
public final class MitigatorBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final Shape FOOTPRINT = new Shape(Radiometer.POLARIZATIONS, Radiometer.CHANNELS, Radiometer.PACKETS);

    private final String head;
    private final Block encoder;
    private final Block decoder;
    private final Block level;

    /**
     * Builds the block.
     *
     * @param options architecture, bottleneck and head
     */
    public MitigatorBlock(AutoencoderOptions options) {
        super(VERSION);
        this.head = options.head();
        boolean conv = options.architecture().equals("conv");
        encoder = addChildBlock("encoder", conv ? convEncoder(options.bottleneck()) : denseEncoder(options.bottleneck()));
        decoder = addChildBlock("decoder", conv ? convDecoder() : denseDecoder());
        level = head.equals("gated") ? addChildBlock("level", Linear.builder().setUnits(Radiometer.POLARIZATIONS).build())
                : null;
    }

    private static Block convEncoder(int code) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .optStride(new Shape(2, 2)).setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(code).build())
                .add(Activation.reluBlock());
    }

    private static Block convDecoder() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(256).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(FOOTPRINT.size()).build())
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(new Shape(-1).addAll(FOOTPRINT))),
                        "unflatten"));
    }

    private static Block denseEncoder(int code) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(code).build())
                .add(Activation.reluBlock());
    }

    private static Block denseDecoder() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(128).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(FOOTPRINT.size()).build())
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().reshape(new Shape(-1).addAll(FOOTPRINT))),
                        "unflatten"));
    }

    /** @return the shape of one footprint, {@code (2, 16, 8)} */
    public static Shape footprintShape() {
        return FOOTPRINT;
    }

    /**
     * The code of a batch of normalized footprints.
     *
     * @param store parameters
     * @param x {@code (B, 2, 16, 8)}
     * @return {@code (B, bottleneck)}
     */
    public NDArray encode(ParameterStore store, NDArray x) {
        return encoder.forward(store, new NDList(compress(x)), false).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray code = encoder.forward(store, new NDList(compress(x)), training, params).singletonOrThrow();
        NDArray decoded = decoder.forward(store, new NDList(code), training, params).singletonOrThrow();
        return new NDList(switch (head) {
            case "gated" -> {
                long batch = x.getShape().get(0);
                NDArray offset = level.forward(store, new NDList(code), training, params).singletonOrThrow()
                        .reshape(batch, Radiometer.POLARIZATIONS, 1, 1);
                yield x.sub(decoded.getNDArrayInternal().sigmoid().mul(x.sub(median(x).add(offset)).maximum(0f)));
            }
            case "softplus" -> x.sub(softPlus(decoded));
            default -> decoded;
        });
    }

    /**
     * What the encoder sees: asinh of the normalized temperatures, linear near the scene and
     * logarithmic for RFI thousands of kelvin strong, so one footprint's outlier cells do not swamp it.
     */
    static NDArray compress(NDArray x) {
        // asinh(x) = sign(x)·ln(|x| + √(x² + 1)); DJL's PyTorch engine does not implement asinh()
        NDArray magnitude = x.abs();
        return x.sign().mul(magnitude.add(magnitude.square().add(1f).sqrt()).log());
    }

    /** Each footprint-polarization's median cell, {@code (B, 2, 1, 1)}: the scene's level under sparse RFI. */
    static NDArray median(NDArray x) {
        long batch = x.getShape().get(0);
        int half = (int) (FOOTPRINT.get(1) * FOOTPRINT.get(2) / 2);
        NDArray sorted = x.reshape(batch, FOOTPRINT.get(0), -1).sort(2);
        return sorted.get(":, :, " + (half - 1) + ":" + (half + 1)).mean(new int[] {2}).reshape(batch, FOOTPRINT.get(0), 1, 1);
    }

    /** log(1 + eˣ) as max(x, 0) + log(1 + e^−|x|), which cannot overflow for large RFI. */
    static NDArray softPlus(NDArray x) {
        return x.maximum(0f).add(x.abs().neg().exp().add(1f).log());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        Shape[] code = encoder.getOutputShapes(inputShapes);
        decoder.initialize(manager, dataType, code);
        if (level != null) {
            level.initialize(manager, dataType, code);
        }
    }
}
