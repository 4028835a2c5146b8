package dev.quarry.engine.loop;

import dev.quarry.engine.metrics.Aubc;

import java.util.List;

/**
 * The outcome of a run.
 *
 * @param rounds every evaluated round, in order
 * @param aubc the area under the budget curve of test accuracy; NaN without a test set
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
     * A result from its rounds, with their AUBC.
     *
     * @param rounds every evaluated round
     * @param complete whether all rounds ran
     * @return the result; AUBC is NaN without test-set accuracies
     */
    public static RunResult of(List<RoundRecord> rounds, boolean complete) {
        return new RunResult(rounds, aubc(rounds), complete);
    }

    /**
     * The AUBC of test accuracy over the labeled counts.
     *
     * @param rounds evaluated rounds
     * @return the AUBC, NaN for none or without a test set
     */
    public static double aubc(List<RoundRecord> rounds) {
        if (rounds.isEmpty() || !rounds.get(0).evaluated()) {
            return Double.NaN;
        }
        return Aubc.of(rounds.stream().mapToDouble(RoundRecord::labeled).toArray(),
                rounds.stream().mapToDouble(RoundRecord::accuracy).toArray());
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
