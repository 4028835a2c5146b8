package dev.quarry.engine.pool;

import java.util.Arrays;

/**
 * Which items are labeled, in which round, and with what label.
 *
 * <p>Bookkeeping is one int array, {@code labeledAtRound[id]}: 0 for unlabeled, otherwise the
 * round in which the item was labeled (the initial set is round 1). Labels are those the oracle
 * gave, which for a human oracle are the only labels there are.
 */
public final class Pool {

    private final int numClasses;
    private final int[] labeledAtRound;
    private final int[] labels;
    private int labeledCount;

    /**
     * An empty pool: nothing labeled.
     *
     * @param size the number of items (ids 0..size-1)
     * @param numClasses the number of classes a label may take
     */
    public Pool(int size, int numClasses) {
        if (size <= 0) {
            throw new IllegalArgumentException("The pool is empty; an active learning run needs items to select from.");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("Number of classes " + numClasses + " must be >= 2.");
        }
        this.numClasses = numClasses;
        this.labeledAtRound = new int[size];
        this.labels = new int[size];
        Arrays.fill(labels, -1);
    }

    /**
     * The number of items.
     *
     * @return N
     */
    public int size() {
        return labeledAtRound.length;
    }

    /**
     * The number of classes.
     *
     * @return C
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * How many items are labeled.
     *
     * @return the count
     */
    public int labeledCount() {
        return labeledCount;
    }

    /**
     * How many items are not.
     *
     * @return the count
     */
    public int unlabeledCount() {
        return size() - labeledCount;
    }

    /**
     * Whether an item is labeled.
     *
     * @param id the item
     * @return true if labeled
     */
    public boolean isLabeled(long id) {
        return labeledAtRound[checkId(id)] != 0;
    }

    /**
     * The round in which an item was labeled.
     *
     * @param id the item
     * @return the round, 0 if unlabeled
     */
    public int roundOf(long id) {
        return labeledAtRound[checkId(id)];
    }

    /**
     * The label of an item.
     *
     * @param id a labeled item
     * @return its label
     */
    public int labelOf(long id) {
        int i = checkId(id);
        if (labeledAtRound[i] == 0) {
            throw new IllegalArgumentException("Item " + id + " is not labeled.");
        }
        return labels[i];
    }

    /**
     * The unlabeled ids.
     *
     * @return ascending ids
     */
    public long[] unlabeledIds() {
        return ids(false);
    }

    /**
     * The labeled ids.
     *
     * @return ascending ids
     */
    public long[] labeledIds() {
        return ids(true);
    }

    /**
     * The labels of the given labeled items.
     *
     * @param ids labeled items
     * @return their labels, in the same order
     */
    public int[] labelsOf(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = labelOf(ids[i]);
        }
        return out;
    }

    /**
     * A copy of the bookkeeping array.
     *
     * @return {@code labeledAtRound}, indexed by id
     */
    public int[] labeledAtRound() {
        return labeledAtRound.clone();
    }

    /**
     * Records labels for unlabeled items. Either all are recorded or, on bad input, none.
     *
     * @param ids distinct unlabeled items
     * @param newLabels their labels, in {@code [0, numClasses)}
     * @param round the round they are labeled in, >= 1
     * @throws IllegalArgumentException for an unknown, duplicated or already labeled id, or a bad label
     */
    public void addLabels(long[] ids, int[] newLabels, int round) {
        if (ids.length != newLabels.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + newLabels.length + " labels.");
        }
        if (round < 1) {
            throw new IllegalArgumentException("Round " + round + " must be >= 1 (0 means unlabeled).");
        }
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            checkId(sorted[i]);
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("Item " + sorted[i] + " appears twice in one labeling.");
            }
            if (labeledAtRound[(int) sorted[i]] != 0) {
                throw new IllegalArgumentException("Item " + sorted[i] + " is already labeled (round "
                        + labeledAtRound[(int) sorted[i]] + ").");
            }
        }
        for (int i = 0; i < newLabels.length; i++) {
            if (newLabels[i] < 0 || newLabels[i] >= numClasses) {
                throw new IllegalArgumentException("Label " + newLabels[i] + " for item " + ids[i] + " is outside [0, "
                        + numClasses + ").");
            }
        }
        for (int i = 0; i < ids.length; i++) {
            labeledAtRound[(int) ids[i]] = round;
            labels[(int) ids[i]] = newLabels[i];
        }
        labeledCount += ids.length;
    }

    private long[] ids(boolean labeled) {
        long[] out = new long[labeled ? labeledCount : unlabeledCount()];
        int k = 0;
        for (int i = 0; i < labeledAtRound.length; i++) {
            if ((labeledAtRound[i] != 0) == labeled) {
                out[k++] = i;
            }
        }
        return out;
    }

    private int checkId(long id) {
        if (id < 0 || id >= labeledAtRound.length) {
            throw new IllegalArgumentException("Item id " + id + " is outside the pool [0, " + labeledAtRound.length + ").");
        }
        return (int) id;
    }
}
