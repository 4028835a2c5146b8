package dev.quarry.engine.loop;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Arrays;

/**
 * What one round measured and selected.
 *
 * @param round the round, from 1
 * @param labeled how many items the model was trained on
 * @param accuracy test accuracy; NaN without a test set
 * @param nll test negative log-likelihood (nats); NaN without a test set
 * @param ece test expected calibration error; NaN without a test set
 * @param trainLoss the mean training loss of the round's last epoch
 * @param trainSeconds wall time of training
 * @param querySeconds wall time of pool inference and selection (0 in the last round)
 * @param selectedIds the ids selected this round, in pick order (empty in the last round)
 * @param selectedScores their scores, where the strategy has them
 */
@JsonPropertyOrder({"round", "labeled", "accuracy", "nll", "ece", "trainLoss", "trainSeconds", "querySeconds",
    "selectedIds", "selectedScores"})
public record RoundRecord(int round, int labeled, double accuracy, double nll, double ece, double trainLoss,
        double trainSeconds, double querySeconds, long[] selectedIds, float[] selectedScores) {

    /**
     * The same record with its selection.
     *
     * @param ids the selected ids
     * @param scores their scores
     * @param seconds the time the query took
     * @return a new record
     */
    public RoundRecord withSelection(long[] ids, float[] scores, double seconds) {
        return new RoundRecord(round, labeled, accuracy, nll, ece, trainLoss, trainSeconds, seconds, ids, scores);
    }

    /** @return whether the round was evaluated on a test set */
    public boolean evaluated() {
        return !Double.isNaN(accuracy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoundRecord r && round == r.round && labeled == r.labeled
                && Double.compare(accuracy, r.accuracy) == 0 && Double.compare(nll, r.nll) == 0
                && Double.compare(ece, r.ece) == 0 && Double.compare(trainLoss, r.trainLoss) == 0
                && trainSeconds == r.trainSeconds && querySeconds == r.querySeconds
                && Arrays.equals(selectedIds, r.selectedIds) && Arrays.equals(selectedScores, r.selectedScores);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(round) + Arrays.hashCode(selectedIds);
    }

    @Override
    public String toString() {
        return String.format("round %d: labeled %d, accuracy %.4f, nll %.4f, ece %.4f, train loss %.4f, selected %d", round,
                labeled, accuracy, nll, ece, trainLoss, selectedIds.length);
    }
}
