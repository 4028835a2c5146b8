package dev.quarry.engine.loop;

import dev.quarry.engine.labels.Vote;

import java.util.List;

/**
 * Answers label queries.
 *
 * <p>A simulated oracle answers at once from ground truth. People answer through files, the
 * labeling page or Label Studio; what they answered is recorded in the checkpoint as {@link Vote}s,
 * and their oracle resolves those. When some items have no answer yet, the oracle answers the
 * others: the loop records them and pauses, and a later resume asks again for the rest. When none
 * has one, it throws {@link LabelsPendingException}.
 */
public interface Oracle {

    /**
     * Labels for some or all of a query's items.
     *
     * @param ids distinct global ids, in pick order
     * @param votes every vote recorded in the run so far (a simulated oracle ignores them)
     * @return labels for all the ids, or for some of them
     * @throws LabelsPendingException if no label is available yet
     */
    Answers answer(long[] ids, List<Vote> votes);

    /**
     * Labels for some items of a query.
     *
     * @param ids the answered items, a subset of the query's, in its order
     * @param labels their labels, in the same order
     */
    record Answers(long[] ids, int[] labels) {

        /**
         * Checks the lengths.
         *
         * @param ids the items
         * @param labels their labels
         */
        public Answers {
            if (ids.length != labels.length) {
                throw new IllegalStateException("The oracle answered " + labels.length + " labels for " + ids.length
                        + " items.");
            }
        }
    }
}
