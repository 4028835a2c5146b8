package dev.quarry.engine.loop;

import dev.quarry.engine.strategy.Selection;

import java.io.IOException;
import java.util.function.Supplier;

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
     * A query is about to be checkpointed as pending: what people will be asked to label. Told
     * before the checkpoint, so that files written here exist whenever the checkpoint names the
     * query (a run killed in between recomputes the same query on resume).
     *
     * @param labelRound the round the items will count as labeled in (1 for the initial set)
     * @param ids the items, in pick order
     * @param scores their acquisition scores (empty for the initial draw and score-less selectors)
     * @param probabilities the model's class probabilities for the items, row-major (ids.length, C),
     *     computed on the first call (a run whose listeners never ask pays nothing); null for the
     *     initial draw (no model yet)
     * @throws IOException if a file cannot be written; the run stops before checkpointing the query
     */
    default void onQuery(int labelRound, long[] ids, float[] scores, Supplier<float[]> probabilities)
            throws IOException {}

    /**
     * The oracle's labels were recorded (all of a query's, or some when the rest are still awaited).
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
