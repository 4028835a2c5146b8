package dev.quarry.engine.strategy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.LongFunction;

/**
 * What a run selected in its earlier rounds and the labels it got back: the input of strategies
 * that learn across rounds ({@link MetaSelector}).
 *
 * @param selections each earlier round's selection, in round order, ids in pick order with the
 *     scores the strategy gave them
 * @param labeledIds every labeled id (the initial set too)
 * @param labels their labels, following {@code labeledIds}
 * @param numClasses C
 */
public record SelectionHistory(List<Selection> selections, long[] labeledIds, int[] labels, int numClasses) {

    /**
     * Validates the history.
     *
     * @param selections the earlier selections
     * @param labeledIds the labeled ids
     * @param labels their labels
     * @param numClasses the number of classes
     */
    public SelectionHistory {
        selections = List.copyOf(selections);
        Objects.requireNonNull(labeledIds, "labeledIds");
        Objects.requireNonNull(labels, "labels");
        if (labeledIds.length != labels.length) {
            throw new IllegalArgumentException(labeledIds.length + " labeled ids but " + labels.length + " labels.");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("Number of classes " + numClasses + " must be >= 2.");
        }
    }

    /**
     * A label lookup.
     *
     * @return a function from an id to its label, empty while it is unlabeled
     */
    public LongFunction<OptionalInt> labelOf() {
        Map<Long, Integer> byId = new HashMap<>();
        for (int i = 0; i < labeledIds.length; i++) {
            byId.put(labeledIds[i], labels[i]);
        }
        return id -> byId.containsKey(id) ? OptionalInt.of(byId.get(id)) : OptionalInt.empty();
    }

    /**
     * How many labeled items each class has.
     *
     * @return C counts
     */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
