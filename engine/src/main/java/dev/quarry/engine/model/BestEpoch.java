package dev.quarry.engine.model;

import ai.djl.Model;

/**
 * Early stopping's bookkeeping: the best held-out accuracy so far, a copy of that epoch's weights,
 * and the epochs since it improved. Training stops when {@code patience} epochs in a row did not
 * beat it (strictly), and the best epoch's weights are put back.
 */
final class BestEpoch implements AutoCloseable {

    private final boolean tracking;
    private WeightSnapshot best;
    private double bestAccuracy = Double.NEGATIVE_INFINITY;
    private int bestEpoch;
    private int lastEpoch;

    /**
     * Bookkeeping, or none when nothing is held out.
     *
     * @param tracking whether early stopping is on
     */
    BestEpoch(boolean tracking) {
        this.tracking = tracking;
    }

    /** @return whether epochs are measured on a held-out slice */
    boolean tracking() {
        return tracking;
    }

    /**
     * Records an epoch's held-out accuracy.
     *
     * @param epoch the epoch, from 1
     * @param accuracy its held-out accuracy
     * @param current the model being trained
     * @param patience epochs without improvement before stopping
     * @return true to train on
     */
    boolean offer(int epoch, double accuracy, Model current, int patience) {
        lastEpoch = epoch;
        if (accuracy > bestAccuracy) {
            bestAccuracy = accuracy;
            bestEpoch = epoch;
            if (best != null) {
                best.close();
            }
            best = new WeightSnapshot(current.getBlock(), current.getNDManager());
        }
        return epoch - bestEpoch < patience;
    }

    /**
     * Puts the best epoch's weights back when a later epoch ended training.
     *
     * @param report what training did
     * @return the report
     */
    FitReport restore(FitReport report) {
        if (best == null) {
            return report;
        }
        if (bestEpoch < lastEpoch) {
            best.restore();
        }
        return new FitReport(report.epochs(), report.steps(), report.finalLoss(), bestEpoch, bestAccuracy);
    }

    /** @return the best epoch, 0 before any */
    int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void close() {
        if (best != null) {
            best.close();
        }
    }
}
