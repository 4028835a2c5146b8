package dev.quarry.engine.strategy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The items a strategy picked.
 *
 * @param ids distinct global ids, in pick order
 * @param scores the score of each pick, where the strategy has one; otherwise empty
 */
public record Selection(long[] ids, float[] scores) {

    /**
     * Validates the selection.
     *
     * @param ids distinct global ids, in pick order
     * @param scores empty or one per id
     */
    public Selection {
        if (scores.length != 0 && scores.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + scores.length + " scores.");
        }
        Set<Long> seen = new HashSet<>();
        for (long id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("Id " + id + " was selected twice.");
            }
        }
    }

    /**
     * A selection without scores.
     *
     * @param ids distinct global ids, in pick order
     * @return the selection
     */
    public static Selection of(long... ids) {
        return new Selection(ids, new float[0]);
    }

    /**
     * How many items were picked.
     *
     * @return the count
     */
    public int size() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selection s && Arrays.equals(ids, s.ids) && Arrays.equals(scores, s.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "Selection" + Arrays.toString(ids);
    }
}
