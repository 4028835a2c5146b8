package dev.quarry.engine.loop;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Arrays;

/**
 * What one round measured and selected.
 *
 * @param round the round, from 1
 * @param labeled how many items the model was trained on
 * @param accuracy test accuracy
 * @param nll test negative log-likelihood (nats)
 * @param ece test expected calibration error
 * @param trainSeconds wall time of training
 * @param querySeconds wall time of pool inference and selection (0 in the last round)
 * @param selectedIds the ids selected this round, in pick order (empty in the last round)
 * @param selectedScores their scores, where the strategy has them
 */
@JsonPropertyOrder({"round", "labeled", "accuracy", "nll", "ece", "trainSeconds", "querySeconds", "selectedIds", "selectedScores"})
public record RoundRecord(int round, int labeled, double accuracy, double nll, double ece, double trainSeconds,
        double querySeconds, long[] selectedIds, float[] selectedScores) {

    /**
     * The same record with its selection.
     *
     * @param ids the selected ids
     * @param scores their scores
     * @param seconds the time the query took
     * @return a new record
     */
    public RoundRecord withSelection(long[] ids, float[] scores, double seconds) {
        return new RoundRecord(round, labeled, accuracy, nll, ece, trainSeconds, seconds, ids, scores);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoundRecord r && round == r.round && labeled == r.labeled && accuracy == r.accuracy
                && nll == r.nll && ece == r.ece && trainSeconds == r.trainSeconds && querySeconds == r.querySeconds
                && Arrays.equals(selectedIds, r.selectedIds) && Arrays.equals(selectedScores, r.selectedScores);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(round) + Arrays.hashCode(selectedIds);
    }

    @Override
    public String toString() {
        return String.format("round %d: labeled %d, accuracy %.4f, nll %.4f, ece %.4f, selected %d", round, labeled,
                accuracy, nll, ece, selectedIds.length);
    }
}
