package dev.quarry.engine.loop;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.quarry.engine.metrics.ClassificationMetrics;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What one round measured and selected.
 *
 * @param round the round, from 1
 * @param labeled how many items the model was trained on
 * @param test accuracy, NLL and ECE on the test set; empty without one
 * @param trainLoss the mean training loss of the round's last epoch
 * @param trainSeconds wall time of training
 * @param querySeconds wall time of pool inference and selection (0 in the last round)
 * @param selectedIds the ids selected this round, in pick order (empty in the last round)
 * @param selectedScores their scores, where the strategy has them
 */
@JsonPropertyOrder({"round", "labeled", "test", "trainLoss", "trainSeconds", "querySeconds", "selectedIds",
    "selectedScores"})
public record RoundRecord(int round, int labeled, Optional<ClassificationMetrics> test, double trainLoss,
        double trainSeconds, double querySeconds, long[] selectedIds, float[] selectedScores) {

    /**
     * Checks the parts.
     *
     * @param round the round
     * @param labeled the labeled count
     * @param test the test-set metrics, or empty
     * @param trainLoss the training loss
     * @param trainSeconds training time
     * @param querySeconds query time
     * @param selectedIds the selection
     * @param selectedScores its scores
     */
    public RoundRecord {
        Objects.requireNonNull(test, "test");
    }

    /**
     * The same record with its selection.
     *
     * @param ids the selected ids
     * @param scores their scores
     * @param seconds the time the query took
     * @return a new record
     */
    public RoundRecord withSelection(long[] ids, float[] scores, double seconds) {
        return new RoundRecord(round, labeled, test, trainLoss, trainSeconds, seconds, ids, scores);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoundRecord r && round == r.round && labeled == r.labeled && test.equals(r.test)
                && Double.compare(trainLoss, r.trainLoss) == 0 && trainSeconds == r.trainSeconds
                && querySeconds == r.querySeconds && Arrays.equals(selectedIds, r.selectedIds)
                && Arrays.equals(selectedScores, r.selectedScores);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(round) + Arrays.hashCode(selectedIds);
    }

    @Override
    public String toString() {
        return String.format("round %d: labeled %d, %s, train loss %.4f, selected %d", round, labeled,
                test.map(Object::toString).orElse("no test set"), trainLoss, selectedIds.length);
    }
}
