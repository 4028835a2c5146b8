package dev.quarry.rfi.ae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Per-cell mean squared error plus λ times the squared error of each polarization's footprint mean:
 * the second term is what a footprint T_B estimate feels, so the network is not content with cells
 * that are right on average per cell but biased over the footprint.
 */
public final class FootprintLoss extends Loss {

    private final float lambda;

    /**
     * The loss.
     *
     * @param lambda weight of the footprint-mean term
     */
    public FootprintLoss(double lambda) {
        super("footprint-mse");
        this.lambda = (float) lambda;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray diff = predictions.singletonOrThrow().sub(labels.singletonOrThrow());
        NDArray cells = diff.square().mean();
        // one mean per footprint and polarization (PyTorch's DJL mean takes one axis at a time)
        long batch = diff.getShape().get(0);
        NDArray footprints = diff.reshape(batch, diff.getShape().get(1), -1).mean(new int[] {2}).square().mean();
        return cells.add(footprints.mul(lambda));
    }
}
