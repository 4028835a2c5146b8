package dev.quarry.engine.model;

/**
 * What one round's training did: what a run without a test set can still report.
 *
 * @param epochs the epochs run
 * @param steps the optimizer steps taken
 * @param finalLoss the mean training loss of the last epoch
 * @param keptEpoch the epoch whose weights were kept: the last, or with early stopping the best
 * @param heldOutAccuracy the kept weights' accuracy on the held-out slice; NaN without early stopping
 */
public record FitReport(int epochs, long steps, double finalLoss, int keptEpoch, double heldOutAccuracy) {

    /**
     * A report of training that kept its last epoch and held nothing out.
     *
     * @param epochs the epochs run
     * @param steps the optimizer steps taken
     * @param finalLoss the last epoch's mean loss
     */
    public FitReport(int epochs, long steps, double finalLoss) {
        this(epochs, steps, finalLoss, epochs, Double.NaN);
    }
}
