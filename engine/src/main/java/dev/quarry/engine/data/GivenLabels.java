package dev.quarry.engine.data;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Labels people gave before a run, for some items of a pool: images sorted into class folders next
 * to an {@code unlabeled/} folder, or a manifest with some labels filled in. A run with people as
 * the oracle starts its initial labeled set with them.
 *
 * @param ids the labeled items, ascending
 * @param labels their labels, in the same order
 */
public record GivenLabels(long[] ids, int[] labels) {

    /** No labels. */
    public static final GivenLabels NONE = new GivenLabels(new long[0], new int[0]);

    /**
     * Checks the lengths and order.
     *
     * @param ids the items
     * @param labels their labels
     */
    public GivenLabels {
        if (ids.length != labels.length) {
            throw new IllegalArgumentException(ids.length + " given ids but " + labels.length + " labels.");
        }
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("Given ids must ascend; " + ids[i] + " follows " + ids[i - 1] + ".");
            }
        }
        ids = ids.clone();
        labels = labels.clone();
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /**
     * The known entries of a per-item array where {@code -1} marks an unknown label.
     *
     * @param perItem one entry per item
     * @return the known ones
     */
    public static GivenLabels ofPerItem(int[] perItem) {
        long[] ids = IntStream.range(0, perItem.length).filter(i -> perItem[i] >= 0)
                .asLongStream().toArray();
        return new GivenLabels(ids, Arrays.stream(ids).mapToInt(i -> perItem[(int) i]).toArray());
    }

    /**
     * The labels as a per-item array, {@code -1} where unknown: the inverse of {@link #ofPerItem}.
     *
     * @param items the number of items
     * @return one entry per item
     */
    public int[] perItem(int items) {
        int[] out = new int[items];
        Arrays.fill(out, -1);
        for (int k = 0; k < ids.length; k++) {
            out[(int) ids[k]] = labels[k];
        }
        return out;
    }

    /** @return how many items are labeled */
    public int size() {
        return ids.length;
    }
}
