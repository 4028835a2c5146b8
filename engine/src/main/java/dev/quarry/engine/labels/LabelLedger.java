package dev.quarry.engine.labels;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.quarry.engine.errors.InvalidInputException;

import java.util.Arrays;

/**
 * The label state of a run: which items are labeled, in which round, with what label, and in what
 * order the labels arrived.
 *
 * <p>Bookkeeping is one int array, {@code labeledAtRound[id]}: 0 for unlabeled, otherwise the
 * round in which the item was labeled (the initial set is round 1). Labels are those the oracle
 * gave, which for a human oracle are the only labels there are. {@link #snapshot()} and {@link
 * #restore} are what a checkpoint stores and reads back.
 */
public final class LabelLedger {

    private final int numClasses;
    private final int[] labeledAtRound;
    private final int[] labels;
    private long[] received = new long[16];
    private int labeledCount;

    /**
     * An empty ledger: nothing labeled.
     *
     * @param size the number of items (ids 0..size-1)
     * @param numClasses the number of classes a label may take
     */
    public LabelLedger(int size, int numClasses) {
        if (size <= 0) {
            throw new InvalidInputException("The pool is empty; an active learning run needs items to select from.");
        }
        if (numClasses < 2) {
            throw new InvalidInputException("Number of classes " + numClasses + " must be >= 2.");
        }
        this.numClasses = numClasses;
        this.labeledAtRound = new int[size];
        this.labels = new int[size];
        Arrays.fill(labels, -1);
    }

    /**
     * Every label received, in the order received: what a checkpoint stores.
     *
     * @param ids the items
     * @param labels their labels
     * @param rounds the round each counts as labeled in
     */
    @JsonPropertyOrder({"ids", "labels", "rounds"})
    public record Snapshot(long[] ids, int[] labels, int[] rounds) {

        /**
         * Checks the lengths.
         *
         * @param ids the items
         * @param labels their labels
         * @param rounds their rounds
         */
        public Snapshot {
            if (ids.length != labels.length || ids.length != rounds.length) {
                throw new IllegalArgumentException("Labels are inconsistent: " + ids.length + " ids, " + labels.length
                        + " labels, " + rounds.length + " rounds.");
            }
        }
    }

    /** @return N, the number of items */
    public int size() {
        return labeledAtRound.length;
    }

    /** @return C, the number of classes */
    public int numClasses() {
        return numClasses;
    }

    /** @return how many items are labeled */
    public int labeledCount() {
        return labeledCount;
    }

    /** @return how many items are not */
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

    /** @return the unlabeled ids, ascending */
    public long[] unlabeledIds() {
        return ids(false);
    }

    /** @return the labeled ids, ascending */
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

    /** @return a copy of the bookkeeping array, {@code labeledAtRound} indexed by id */
    public int[] labeledAtRound() {
        return labeledAtRound.clone();
    }

    /**
     * Records labels for unlabeled items. Either all are recorded or, on bad input, none.
     *
     * @param ids distinct unlabeled items
     * @param newLabels their labels, in {@code [0, numClasses)}
     * @param round the round they are labeled in, >= 1
     * @throws InvalidInputException for an unknown, duplicated or already labeled id, or a bad label
     */
    public void addLabels(long[] ids, int[] newLabels, int round) {
        if (ids.length != newLabels.length) {
            throw new InvalidInputException(ids.length + " ids but " + newLabels.length + " labels.");
        }
        if (round < 1) {
            throw new InvalidInputException("Round " + round + " must be >= 1 (0 means unlabeled).");
        }
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            checkId(sorted[i]);
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new InvalidInputException("Item " + sorted[i] + " appears twice in one labeling.");
            }
            if (labeledAtRound[(int) sorted[i]] != 0) {
                throw new InvalidInputException("Item " + sorted[i] + " is already labeled (round "
                        + labeledAtRound[(int) sorted[i]] + ").");
            }
        }
        for (int i = 0; i < newLabels.length; i++) {
            if (newLabels[i] < 0 || newLabels[i] >= numClasses) {
                throw new InvalidInputException("Label " + newLabels[i] + " for item " + ids[i] + " is outside [0, "
                        + numClasses + ").");
            }
        }
        if (labeledCount + ids.length > received.length) {
            received = Arrays.copyOf(received, Math.max(2 * received.length, labeledCount + ids.length));
        }
        for (int i = 0; i < ids.length; i++) {
            labeledAtRound[(int) ids[i]] = round;
            labels[(int) ids[i]] = newLabels[i];
            received[labeledCount + i] = ids[i];
        }
        labeledCount += ids.length;
    }

    /**
     * Every label, in the order received.
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        long[] ids = Arrays.copyOf(received, labeledCount);
        int[] given = new int[ids.length];
        int[] rounds = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            given[i] = labels[(int) ids[i]];
            rounds[i] = labeledAtRound[(int) ids[i]];
        }
        return new Snapshot(ids, given, rounds);
    }

    /**
     * Records a snapshot's labels, in its order, on an empty ledger.
     *
     * @param snapshot what {@link #snapshot()} returned
     * @throws IllegalStateException if the ledger is not empty
     * @throws InvalidInputException if the snapshot does not fit the ledger
     */
    public void restore(Snapshot snapshot) {
        if (labeledCount != 0) {
            throw new IllegalStateException("Labels can be restored only into an empty ledger; " + labeledCount
                    + " items are labeled already.");
        }
        for (int i = 0; i < snapshot.ids().length; i++) {
            addLabels(new long[] {snapshot.ids()[i]}, new int[] {snapshot.labels()[i]}, snapshot.rounds()[i]);
        }
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
            throw new InvalidInputException("Item id " + id + " is outside the pool [0, " + labeledAtRound.length + ").");
        }
        return (int) id;
    }
}
