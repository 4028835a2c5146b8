package dev.quarry.engine.loop;

import dev.quarry.engine.metrics.Aubc;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The outcome of a run.
 *
 * @param rounds every evaluated round, in order
 * @param complete false when the run paused waiting for labels
 */
public record RunResult(List<RoundRecord> rounds, boolean complete) {

    /**
     * Copies the list.
     *
     * @param rounds every evaluated round
     * @param complete whether all rounds ran
     */
    public RunResult {
        rounds = List.copyOf(rounds);
    }

    /**
     * The area under the budget curve of test accuracy.
     *
     * @return the AUBC; empty without rounds or a test set
     */
    public OptionalDouble aubc() {
        return aubc(rounds);
    }

    /**
     * The AUBC of test accuracy over the labeled counts.
     *
     * @param rounds evaluated rounds
     * @return the AUBC; empty for none or without a test set
     */
    public static OptionalDouble aubc(List<RoundRecord> rounds) {
        if (rounds.isEmpty() || rounds.get(0).test().isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Aubc.of(rounds.stream().mapToDouble(RoundRecord::labeled).toArray(),
                rounds.stream().mapToDouble(r -> r.test().orElseThrow().accuracy()).toArray()));
    }

    /**
     * The test accuracy of the last evaluated round.
     *
     * @return the accuracy; empty without rounds or a test set
     */
    public OptionalDouble finalAccuracy() {
        return rounds.isEmpty() ? OptionalDouble.empty() : rounds.get(rounds.size() - 1).test()
                .map(m -> OptionalDouble.of(m.accuracy())).orElse(OptionalDouble.empty());
    }
}
