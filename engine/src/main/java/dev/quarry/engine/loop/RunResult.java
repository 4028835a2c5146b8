package dev.quarry.engine.loop;

import java.util.List;

/**
 * The outcome of a run.
 *
 * @param rounds every evaluated round, in order
 * @param aubc the area under the budget curve of test accuracy
 * @param complete false when the run paused waiting for labels
 */
public record RunResult(List<RoundRecord> rounds, double aubc, boolean complete) {

    /**
     * Copies the list.
     *
     * @param rounds every evaluated round
     * @param aubc the AUBC
     * @param complete whether all rounds ran
     */
    public RunResult {
        rounds = List.copyOf(rounds);
    }

    /**
     * The accuracy of the last evaluated round.
     *
     * @return the accuracy, NaN when nothing was evaluated
     */
    public double finalAccuracy() {
        return rounds.isEmpty() ? Double.NaN : rounds.get(rounds.size() - 1).accuracy();
    }
}
