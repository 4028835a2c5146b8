package dev.quarry.engine.loop;

import java.util.List;
import java.util.Objects;

/**
 * Everything a killed run needs to continue: what was evaluated and selected, every label the
 * oracle gave (with its round), and a query the oracle has not answered yet.
 *
 * @param formatVersion the checkpoint format, {@link #FORMAT_VERSION}
 * @param fingerprint the configuration that wrote it (data, strategy, seed, sizes, model); a resume
 *     with another configuration is refused
 * @param rounds every evaluated round
 * @param labeled every label received
 * @param pending a selection not yet labeled, or null
 */
public record RunState(int formatVersion, String fingerprint, List<RoundRecord> rounds, Labels labeled,
        PendingQuery pending) {

    /** The current checkpoint format. */
    public static final int FORMAT_VERSION = 1;

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
     * Labels received so far, in the order received.
     *
     * @param ids the items
     * @param labels their labels
     * @param rounds the round each counts as labeled in
     */
    public record Labels(long[] ids, int[] labels, int[] rounds) {

        /**
         * Checks the lengths.
         *
         * @param ids the items
         * @param labels their labels
         * @param rounds their rounds
         */
        public Labels {
            if (ids.length != labels.length || ids.length != rounds.length) {
                throw new IllegalArgumentException("Checkpoint labels are inconsistent: " + ids.length + " ids, "
                        + labels.length + " labels, " + rounds.length + " rounds.");
            }
        }
    }

    /**
     * A selection waiting for its labels.
     *
     * @param labelRound the round the items will count as labeled in
     * @param ids the items, in pick order
     */
    public record PendingQuery(int labelRound, long[] ids) {}
}
