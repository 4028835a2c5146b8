package dev.quarry.engine.loop;

import dev.quarry.engine.strategy.Selection;

import java.io.IOException;

/**
 * Callbacks from a running loop, for reports, progress lines, dashboards or custom logging. All
 * default to no-ops.
 */
public interface RunListener {

    /**
     * A round is starting.
     *
     * @param round the round
     * @param lastRound the final round of the run
     * @param labeled how many items it trains on
     */
    default void onRoundStart(int round, int lastRound, int labeled) {}

    /**
     * A round's model was evaluated.
     *
     * @param record its metrics (no selection yet)
     */
    default void onEvaluated(RoundRecord record) {}

    /**
     * The strategy selected a batch; it is checkpointed before the oracle is asked.
     *
     * @param round the round
     * @param selection the batch
     * @param seconds pool inference plus selection time
     */
    default void onSelected(int round, Selection selection, double seconds) {}

    /**
     * The oracle's labels were recorded.
     *
     * @param labelRound the round the items count as labeled in
     * @param ids the items
     * @param labels their labels
     */
    default void onLabeled(int labelRound, long[] ids, int[] labels) {}

    /**
     * The run's state was checkpointed (after every selection, labeling and evaluation): what
     * reports are written from.
     *
     * @param state everything known so far
     * @throws IOException if the listener's own files cannot be written; the run stops, its
     *     checkpoint already written
     */
    default void onCheckpoint(RunState state) throws IOException {}

    /**
     * The run ended (completely, or paused for labels).
     *
     * @param result the result
     */
    default void onRunEnd(RunResult result) {}
}
