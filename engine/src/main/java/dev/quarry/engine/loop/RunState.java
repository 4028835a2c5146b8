package dev.quarry.engine.loop;

import dev.quarry.engine.labels.LabelLedger;

import java.util.List;
import java.util.Objects;

/**
 * Everything a killed run needs to continue: what was evaluated and selected, every label the
 * oracle gave (with its round), and a query the oracle has not answered yet.
 *
 * @param formatVersion the checkpoint format, {@link #FORMAT_VERSION}
 * @param fingerprint what the run's results depend on; a resume with another one is refused
 * @param rounds every evaluated round
 * @param labeled every label received, in the order received
 * @param pending a selection not yet labeled, or null
 */
public record RunState(int formatVersion, RunFingerprint fingerprint, List<RoundRecord> rounds,
        LabelLedger.Snapshot labeled, PendingQuery pending) {

    /** The current checkpoint format: 2 since the fingerprint became a record and rounds record their training loss. */
    public static final int FORMAT_VERSION = 2;

    /**
     * Validates the state.
     *
     * @param formatVersion the format
     * @param fingerprint the configuration
     * @param rounds the evaluated rounds
     * @param labeled the labels
     * @param pending the unanswered query, or null
     */
    public RunState {
        Objects.requireNonNull(fingerprint, "fingerprint");
        rounds = List.copyOf(rounds);
        Objects.requireNonNull(labeled, "labeled");
    }

    /**
     * A selection waiting for its labels.
     *
     * @param labelRound the round the items will count as labeled in
     * @param ids the items, in pick order
     */
    public record PendingQuery(int labelRound, long[] ids) {}
}
