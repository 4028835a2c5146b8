package dev.quarry.rfi.ae;

import java.util.List;

/**
 * What training did, epoch by epoch.
 *
 * @param epochs per epoch: mean training loss and validation footprint T_B RMSE in K
 * @param bestEpoch the epoch whose weights were kept (1-based)
 * @param seconds wall time
 */
public record TrainingHistory(List<Epoch> epochs, int bestEpoch, double seconds) {

    /** Copies the list. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /**
     * One epoch.
     *
     * @param epoch 1-based
     * @param trainLoss mean loss over the training batches (normalized units)
     * @param validationRmse footprint T_B RMSE on the validation set, K
     */
    public record Epoch(int epoch, double trainLoss, double validationRmse) {}

    /** @return the best validation RMSE, K */
    public double bestValidationRmse() {
        return epochs.get(bestEpoch - 1).validationRmse();
    }
}
