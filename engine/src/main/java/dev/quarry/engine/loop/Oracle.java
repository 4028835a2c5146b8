package dev.quarry.engine.loop;

/**
 * Answers label queries.
 *
 * <p>A simulated oracle answers at once from ground truth. A human oracle that cannot answer
 * within the call (labels are exported, an expert works on them, they are imported later) throws
 * {@link LabelsPendingException}: the loop has already checkpointed the query, stops, and a later
 * resume asks again.
 */
public interface Oracle {

    /**
     * The labels of the given items.
     *
     * @param ids distinct global ids, in pick order
     * @return one label per id, in the same order
     * @throws LabelsPendingException if the labels are not available yet
     */
    int[] label(long[] ids);
}
